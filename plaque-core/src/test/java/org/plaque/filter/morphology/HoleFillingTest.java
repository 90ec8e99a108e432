package org.plaque.filter.morphology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;

class HoleFillingTest {

    /** A hollow 5³ box (shell of one voxel) at 2..6 in a 9³ grid, optionally with a hole in one wall. */
    private static Mask shell(boolean punctured, boolean diagonalLeakOnly) {
        ImageGeometry g = BinaryMorphologyTest.grid(9, 9, 9, 1, 1, 1);
        Mask.Builder b = Mask.builder(g);
        for (int z = 2; z <= 6; z++) {
            for (int y = 2; y <= 6; y++) {
                for (int x = 2; x <= 6; x++) {
                    boolean wall = x == 2 || x == 6 || y == 2 || y == 6 || z == 2 || z == 6;
                    b.set(x, y, z, wall);
                }
            }
        }
        if (punctured) {
            b.set(4, 4, 2, false);
        }
        if (diagonalLeakOnly) {
            // an interior corner voxel touches the outside only through a vertex: open (2,2,2) outward edge
            b.set(2, 2, 2, false);
        }
        return b.build();
    }

    @Test
    void fillsTheCavityOfAClosedShell() {
        Mask m = shell(false, false);
        Mask f = HoleFilling.fill(m, Connectivity.SIX);
        assertThat(f.count()).isEqualTo(125);
        assertThat(f.get(4, 4, 4)).isTrue();
        assertThat(m.get(4, 4, 4)).isFalse(); // input unchanged
    }

    @Test
    void doesNotFillACavityOpenToTheOutside() {
        Mask m = shell(true, false);
        assertThat(HoleFilling.fill(m, Connectivity.SIX).toArray()).isEqualTo(m.toArray());
    }

    @Test
    void backgroundConnectivityDecidesWhetherACornerLeakOpensTheCavity() {
        // removing the corner voxel (2,2,2) of the shell: the cavity voxel (3,3,3) touches (2,2,2) only by a
        // vertex, so with 6-connected background the cavity stays closed, with 26 it is open
        Mask m = shell(false, true);
        assertThat(HoleFilling.fill(m, Connectivity.SIX).get(4, 4, 4)).isTrue();
        assertThat(HoleFilling.fill(m, Connectivity.TWENTY_SIX).get(4, 4, 4)).isFalse();
    }
}

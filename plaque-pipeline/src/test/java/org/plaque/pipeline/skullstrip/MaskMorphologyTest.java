package org.plaque.pipeline.skullstrip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.quicktheories.core.Gen;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

class MaskMorphologyTest {
    private static final ImageGeometry GRID = ImageGeometry.axisAligned(15, 13, 11, new double[] {1, 1.5, 2},
        new double[] {0, 0, 0});

    private static Mask random(long seed, double density) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Mask.Builder b = Mask.builder(GRID);
        for (int i = 0; i < GRID.voxelCount(); i++) {
            b.set(i, r.nextDouble() < density);
        }
        return b.build();
    }

    /** Brute force: squared world distance between voxel centres. */
    private static double d2(int a, int b) {
        int nx = GRID.nx();
        int ny = GRID.ny();
        double[] s = GRID.spacingMm();
        double dx = (a % nx - b % nx) * s[0];
        double dy = ((a / nx) % ny - (b / nx) % ny) * s[1];
        double dz = (a / (nx * ny) - b / (nx * ny)) * s[2];
        return dx * dx + dy * dy + dz * dz;
    }

    @Test
    void dilationMatchesABruteForceBallOnRandomMasks() {
        Gen<Integer> seeds = integers().between(0, 1000);
        qt().withExamples(15).forAll(seeds).checkAssert(seed -> {
            Mask m = random(seed, 0.01);
            double r = 2.6;
            Mask d = MaskMorphology.dilate(m, r, ExecutionContext.of(2, 1, (s, f) -> { }));
            for (int i = 0; i < GRID.voxelCount(); i++) {
                boolean expect = false;
                for (int j = 0; j < GRID.voxelCount() && !expect; j++) {
                    expect = m.get(j) && d2(i, j) <= r * r + 1e-6;
                }
                assertThat(d.get(i)).as("voxel %d", i).isEqualTo(expect);
            }
        });
    }

    @Test
    void erosionIsTheDualOfDilationAwayFromTheEdge() {
        Mask m = random(7, 0.9);
        ExecutionContext ctx = ExecutionContext.singleThreaded();
        Mask e = MaskMorphology.erode(m, 2.0, ctx);
        boolean[] inv = new boolean[GRID.voxelCount()];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = !m.get(i);
        }
        Mask dInv = MaskMorphology.dilate(Mask.of(GRID, inv), 2.0, ctx);
        for (int z = 2; z < GRID.nz() - 2; z++) {
            for (int y = 2; y < GRID.ny() - 2; y++) {
                for (int x = 3; x < GRID.nx() - 3; x++) {
                    assertThat(e.get(x, y, z)).isEqualTo(m.get(x, y, z) && !dInv.get(x, y, z));
                }
            }
        }
        // the edge of the grid counts as outside
        assertThat(MaskMorphology.erode(Mask.of(GRID, fill(true)), 1.0, ctx).get(0, 5, 5)).isFalse();
    }

    private static boolean[] fill(boolean v) {
        boolean[] a = new boolean[GRID.voxelCount()];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void holesAreFilledAndTheLargestComponentIsKept() {
        Mask.Builder b = Mask.builder(GRID);
        // a hollow box 3..9 with a cavity, and a separate voxel
        for (int z = 2; z <= 8; z++) {
            for (int y = 2; y <= 8; y++) {
                for (int x = 2; x <= 8; x++) {
                    boolean shell = x == 2 || x == 8 || y == 2 || y == 8 || z == 2 || z == 8;
                    b.set(x, y, z, shell);
                }
            }
        }
        b.set(12, 11, 9, true);
        Mask m = b.build();
        Mask filled = MaskMorphology.fillHoles(m);
        assertThat(filled.count()).isEqualTo(7 * 7 * 7 + 1);
        assertThat(m.get(5, 5, 5)).isFalse();
        Mask largest = MaskMorphology.largestComponent(filled);
        assertThat(largest.count()).isEqualTo(7 * 7 * 7);
        assertThat(largest.get(12, 11, 9)).isFalse();
        assertThat(MaskMorphology.close(m, 0.5, ExecutionContext.singleThreaded()).count()).isEqualTo(m.count());
    }
}

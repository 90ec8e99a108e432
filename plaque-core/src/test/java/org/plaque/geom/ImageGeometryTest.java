package org.plaque.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;

class ImageGeometryTest {

    @Test
    void indexIsXFastest() {
        ImageGeometry g = ImageGeometry.axisAligned(4, 5, 6, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        assertThat(g.index(0, 0, 0)).isZero();
        assertThat(g.index(1, 0, 0)).isEqualTo(1);
        assertThat(g.index(0, 1, 0)).isEqualTo(4);
        assertThat(g.index(0, 0, 1)).isEqualTo(20);
        assertThat(g.index(3, 4, 5)).isEqualTo(g.voxelCount() - 1).isEqualTo(119);
        assertThat(g.size()).containsExactly(4, 5, 6);
        assertThat(g.contains(3, 4, 5)).isTrue();
        assertThat(g.contains(4, 0, 0)).isFalse();
        assertThat(g.contains(0, -1, 0)).isFalse();
        assertThat(g.contains(0, 0, 6)).isFalse();
    }

    @Test
    void spacingOriginAndDirectionRoundTrip() {
        double[][] rot = AffineTest.randomRotation(new Random(3));
        double[] spacing = {0.9, 1.2, 3.0};
        double[] origin = {-90, 12.5, 40};
        ImageGeometry g = ImageGeometry.of(new int[] {10, 11, 12}, spacing, origin, rot);
        assertThat(g.spacingMm()).containsExactly(spacing, within(1e-12));
        assertThat(g.originMm()).containsExactly(origin);
        double[][] dir = g.direction();
        for (int r = 0; r < 3; r++) {
            assertThat(dir[r]).containsExactly(rot[r], within(1e-12));
        }
        assertThat(g.voxelVolumeMm3()).isCloseTo(0.9 * 1.2 * 3.0, within(1e-12));
        // voxel (i, j, k) sits at origin + sum_c direction[:, c] * spacing[c] * index[c]
        double[] p = g.voxelToWorld().apply(2, 3, 4);
        for (int r = 0; r < 3; r++) {
            double expect = origin[r] + rot[r][0] * 0.9 * 2 + rot[r][1] * 1.2 * 3 + rot[r][2] * 3.0 * 4;
            assertThat(p[r]).isCloseTo(expect, within(1e-12));
        }
        double[] back = g.worldToVoxel().apply(p[0], p[1], p[2]);
        assertThat(back).containsExactly(new double[] {2, 3, 4}, within(1e-12));
    }

    @Test
    void voxelVolumeOfAShearedGridIsTheDeterminant() {
        ImageGeometry g = ImageGeometry.of(2, 2, 2, Affine.ofRowMajor(1, 0.5, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0));
        assertThat(g.voxelVolumeMm3()).isCloseTo(6, within(1e-12));
        assertThat(g.spacingMm()).containsExactly(new double[] {1, Math.sqrt(4.25), 3}, within(1e-12));
    }

    @Test
    void rejectsBadGrids() {
        Affine id = Affine.identity();
        assertThatThrownBy(() -> ImageGeometry.of(0, 1, 1, id)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("positive");
        assertThatThrownBy(() -> ImageGeometry.of(2000, 2000, 2000, id))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger");
        assertThatThrownBy(() -> ImageGeometry.of(2, 2, 2, Affine.scaling(1, 0, 1)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("spacing");
        assertThatThrownBy(() -> ImageGeometry.of(2, 2, 2, Affine.ofRowMajor(1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("singular");
        assertThatThrownBy(() -> ImageGeometry.of(new int[] {2, 2}, new double[] {1, 1, 1},
            new double[] {0, 0, 0}, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageGeometry.of(new int[] {2, 2, 2}, new double[] {1, 1, 1},
            new double[] {0, 0, 0}, new double[][] {{1, 0}, {0, 1}, {0, 0}}))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameGridHonoursTheTolerance() {
        ImageGeometry g = ImageGeometry.axisAligned(10, 10, 10, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        ImageGeometry near = ImageGeometry.axisAligned(10, 10, 10, new double[] {1, 1, 1},
            new double[] {0.5e-4, 0, 0});
        ImageGeometry far = ImageGeometry.axisAligned(10, 10, 10, new double[] {1, 1, 1},
            new double[] {2e-4, 0, 0});
        // a spacing error grows towards the far corner: 9 voxels × 2e-5 mm = 1.8e-4 mm
        ImageGeometry stretched = ImageGeometry.axisAligned(10, 10, 10, new double[] {1, 1, 1 + 2e-5},
            new double[] {0, 0, 0});
        ImageGeometry otherSize = ImageGeometry.axisAligned(10, 10, 11, new double[] {1, 1, 1},
            new double[] {0, 0, 0});
        assertThat(g.sameGrid(g, Tolerance.EVALUATION)).isTrue();
        assertThat(g.sameGrid(near, Tolerance.DEFAULT)).isTrue();
        assertThat(g.sameGrid(near, Tolerance.EVALUATION)).isFalse();
        assertThat(g.sameGrid(far, Tolerance.DEFAULT)).isFalse();
        assertThat(g.sameGrid(stretched, Tolerance.DEFAULT)).isFalse();
        assertThat(g.sameGrid(stretched, new Tolerance(2e-4))).isTrue();
        assertThat(g.sameGrid(otherSize, Tolerance.DEFAULT)).isFalse();
        assertThatThrownBy(() -> g.requireSameGrid(far, Tolerance.DEFAULT, "prediction and reference"))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith("prediction and reference are not on the same grid");
        g.requireSameGrid(near, Tolerance.DEFAULT, "a and b");
    }

    @Test
    void toleranceMustBeFiniteAndNonNegative() {
        assertThatThrownBy(() -> new Tolerance(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tolerance(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tolerance(Double.POSITIVE_INFINITY))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityAndNewAffine() {
        ImageGeometry a = ImageGeometry.axisAligned(3, 4, 5, new double[] {1, 2, 3}, new double[] {1, 2, 3});
        ImageGeometry b = ImageGeometry.axisAligned(3, 4, 5, new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        ImageGeometry moved = a.withVoxelToWorld(Affine.translation(5, 5, 5));
        assertThat(moved.size()).containsExactly(3, 4, 5);
        assertThat(moved.originMm()).containsExactly(5, 5, 5);
        assertThat(moved).isNotEqualTo(a);
        assertThat(a.toString()).contains("3×4×5");
    }
}

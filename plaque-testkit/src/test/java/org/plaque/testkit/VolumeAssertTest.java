package org.plaque.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class VolumeAssertTest {
    private static final ImageGeometry GRID = ImageGeometry.axisAligned(3, 2, 2, new double[] {1, 1, 2},
        new double[] {0, 0, 0});
    private static final float[] VALUES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

    @Test
    void sameGeometryPassesWithinToleranceAndFailsBeyondIt() {
        ScalarVolume a = ScalarVolume.of(GRID, VALUES);
        ImageGeometry shifted = ImageGeometry.axisAligned(3, 2, 2, new double[] {1, 1, 2},
            new double[] {1e-5, 0, 0});
        ScalarVolume b = ScalarVolume.of(shifted, VALUES);
        assertThatThrownBy(() -> VolumeAssert.assertSameGeometry(a, b))
            .isInstanceOf(AssertionError.class).hasMessageContaining("same grid");
        assertThatCode(() -> VolumeAssert.assertSameGeometry(a, b, Tolerance.DEFAULT)).doesNotThrowAnyException();
        ImageGeometry bigger = ImageGeometry.axisAligned(4, 2, 2, new double[] {1, 1, 2}, new double[] {0, 0, 0});
        assertThatThrownBy(() -> VolumeAssert.assertSameGeometry(a, Mask.empty(bigger)))
            .isInstanceOf(AssertionError.class);
    }

    @Test
    void voxelsEqualNamesTheFirstDifferingVoxel() {
        ScalarVolume a = ScalarVolume.of(GRID, VALUES);
        assertThatCode(() -> VolumeAssert.assertVoxelsEqual(a, ScalarVolume.of(GRID, VALUES)))
            .doesNotThrowAnyException();
        float[] changed = VALUES.clone();
        changed[10] = 10.5f; // voxel (1, 1, 1)
        changed[11] = -1f;
        assertThatThrownBy(() -> VolumeAssert.assertVoxelsEqual(a, ScalarVolume.of(GRID, changed)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("2 voxels differ")
            .hasMessageContaining("(1, 1, 1)")
            .hasMessageContaining("10.0 vs 10.5");
        float[] negativeZero = VALUES.clone();
        negativeZero[0] = -0f;
        assertThatThrownBy(() -> VolumeAssert.assertVoxelsEqual(a, ScalarVolume.of(GRID, negativeZero)))
            .isInstanceOf(AssertionError.class);
    }

    @Test
    void voxelsEqualComparesMasksAndLabelsAndRefusesMixedKinds() {
        boolean[] bits = new boolean[12];
        bits[3] = true;
        Mask m = Mask.of(GRID, bits);
        assertThatCode(() -> VolumeAssert.assertVoxelsEqual(m, Mask.of(GRID, bits))).doesNotThrowAnyException();
        assertThatThrownBy(() -> VolumeAssert.assertVoxelsEqual(m, Mask.empty(GRID)))
            .isInstanceOf(AssertionError.class).hasMessageContaining("(0, 1, 0)");
        int[] labels = new int[12];
        labels[5] = 2;
        LabelVolume l = LabelVolume.of(GRID, labels);
        int[] other = labels.clone();
        other[5] = 3;
        assertThatThrownBy(() -> VolumeAssert.assertVoxelsEqual(l, LabelVolume.of(GRID, other)))
            .isInstanceOf(AssertionError.class).hasMessageContaining("2 vs 3");
        assertThatThrownBy(() -> VolumeAssert.assertVoxelsEqual(m, l))
            .isInstanceOf(AssertionError.class).hasMessageContaining("different kinds");
    }

    @Test
    void maxAbsDiffReturnsTheLargestDifferenceAndFailsAboveTheBound() {
        ScalarVolume a = ScalarVolume.of(GRID, VALUES);
        float[] changed = VALUES.clone();
        changed[4] += 0.25f;
        changed[7] -= 0.5f;
        ScalarVolume b = ScalarVolume.of(GRID, changed);
        assertThat(VolumeAssert.maxAbsDiff(a, b)).isEqualTo(0.5);
        assertThat(VolumeAssert.assertMaxAbsDiff(a, b, 0.5)).isEqualTo(0.5);
        assertThatThrownBy(() -> VolumeAssert.assertMaxAbsDiff(a, b, 0.3))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("1 voxels exceed")
            .hasMessageContaining("(1, 0, 1)");
        float[] nan = VALUES.clone();
        nan[2] = Float.NaN;
        assertThat(VolumeAssert.maxAbsDiff(a, ScalarVolume.of(GRID, nan))).isNaN();
        assertThatThrownBy(() -> VolumeAssert.assertMaxAbsDiff(a, ScalarVolume.of(GRID, nan), 100))
            .isInstanceOf(AssertionError.class);
    }
}

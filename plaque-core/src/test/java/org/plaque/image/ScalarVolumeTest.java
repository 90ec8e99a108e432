package org.plaque.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;

class ScalarVolumeTest {
    static final ImageGeometry GRID = ImageGeometry.axisAligned(3, 2, 2, new double[] {1, 1, 2},
        new double[] {0, 0, 0});

    @Test
    void ofCopiesItsInputAndToArrayReturnsACopy() {
        float[] data = new float[12];
        data[5] = 7;
        ScalarVolume v = ScalarVolume.of(GRID, data);
        data[5] = 99;
        assertThat(v.get(5)).isEqualTo(7);
        v.toArray()[5] = 99;
        assertThat(v.get(5)).isEqualTo(7);
        assertThat(v.get(2, 1, 0)).isEqualTo(7); // 2 + 3·1
    }

    @Test
    void wrongLengthIsInvalidInput() {
        assertThatThrownBy(() -> ScalarVolume.of(GRID, new float[11])).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("11").hasMessageContaining("12");
        ScalarVolume v = ScalarVolume.filled(GRID, 1f);
        ImageGeometry bigger = ImageGeometry.axisAligned(3, 2, 3, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        assertThatThrownBy(() -> v.withGeometry(bigger)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void builderHandsItsArrayOverOnceAndIsClosedAfterwards() {
        ScalarVolume.Builder b = ScalarVolume.builder(GRID);
        b.set(1, 1, 1, 4f).set(0, 2f);
        b.array()[2] = 3f;
        assertThat(b.get(GRID.index(1, 1, 1))).isEqualTo(4f);
        ScalarVolume v = b.build();
        assertThat(v.get(0)).isEqualTo(2f);
        assertThat(v.get(2)).isEqualTo(3f);
        assertThat(v.get(1, 1, 1)).isEqualTo(4f);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(b::array).isInstanceOf(IllegalStateException.class);
        assertThat(v.get(0)).isEqualTo(2f);
    }

    @Test
    void toBuilderIsIndependent() {
        ScalarVolume v = ScalarVolume.filled(GRID, 1f);
        ScalarVolume.Builder b = v.toBuilder();
        b.set(0, 5f);
        assertThat(v.get(0)).isEqualTo(1f);
        assertThat(b.build().get(0)).isEqualTo(5f);
    }

    @Test
    void statisticsSkipNonFiniteVoxels() {
        float[] d = {1, 2, 3, Float.NaN, Float.POSITIVE_INFINITY, -4, 0, 0, 0, 0, 0, 0};
        ScalarVolume.Statistics s = ScalarVolume.of(GRID, d).statistics();
        assertThat(s.min()).isEqualTo(-4);
        assertThat(s.max()).isEqualTo(3);
        assertThat(s.mean()).isEqualTo(2.0 / 10);
        assertThat(s.nonFinite()).isEqualTo(2);
        float[] allNaN = new float[12];
        java.util.Arrays.fill(allNaN, Float.NaN);
        assertThat(ScalarVolume.of(GRID, allNaN).statistics().mean()).isNaN();
    }

    @Test
    void withGeometryKeepsValues() {
        ScalarVolume v = ScalarVolume.filled(GRID, 2f);
        ImageGeometry other = ImageGeometry.axisAligned(3, 2, 2, new double[] {2, 2, 2}, new double[] {1, 1, 1});
        ScalarVolume w = v.withGeometry(other);
        assertThat(w.geometry()).isEqualTo(other);
        assertThat(w.toArray()).containsExactly(v.toArray());
        assertThat(v.geometry()).isEqualTo(GRID);
    }
}

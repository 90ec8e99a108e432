package org.plaque.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;

class MaskTest {
    static final ImageGeometry GRID = ImageGeometry.axisAligned(3, 2, 2, new double[] {0.5, 1, 2},
        new double[] {0, 0, 0});

    @Test
    void countAndVolume() {
        boolean[] d = new boolean[12];
        d[0] = true;
        d[7] = true;
        d[11] = true;
        Mask m = Mask.of(GRID, d);
        d[1] = true;
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.volumeMm3()).isCloseTo(3 * 1.0, within(1e-12));
        assertThat(m.get(1)).isFalse();
        assertThat(m.get(2, 1, 1)).isTrue(); // index 11
        assertThat(Mask.empty(GRID).count()).isZero();
        assertThatThrownBy(() -> Mask.of(GRID, new boolean[3])).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void thresholdIsStrictAndNaNIsOutside() {
        float[] v = {0, 0.5f, 0.50001f, Float.NaN, 2, 0, 0, 0, 0, 0, 0, 0};
        Mask m = Mask.above(ScalarVolume.of(GRID, v), 0.5);
        assertThat(m.toArray()).containsExactly(false, false, true, false, true, false, false, false, false, false,
            false, false);
        assertThat(m.count()).isEqualTo(2);
    }

    @Test
    void nonZeroLabelsAndBackToScalar() {
        int[] l = {0, 3, 0, -1, 0, 0, 0, 0, 0, 0, 0, 9};
        Mask m = Mask.nonZero(LabelVolume.of(GRID, l));
        assertThat(m.count()).isEqualTo(3);
        float[] s = m.toScalar().toArray();
        assertThat(s[1]).isEqualTo(1f);
        assertThat(s[3]).isEqualTo(1f);
        assertThat(s[0]).isEqualTo(0f);
        assertThat(m.toScalar().geometry()).isEqualTo(GRID);
    }

    @Test
    void builderCountsAtBuildAndClosesAfterwards() {
        Mask.Builder b = Mask.builder(GRID);
        b.set(0, 0, 0, true).set(5, true);
        b.array()[6] = true;
        b.set(5, false);
        Mask m = b.build();
        assertThat(m.count()).isEqualTo(2);
        assertThat(m.get(0)).isTrue();
        assertThat(m.get(6)).isTrue();
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    }
}

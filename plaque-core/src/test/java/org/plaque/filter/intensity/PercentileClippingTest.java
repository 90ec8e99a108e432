package org.plaque.filter.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class PercentileClippingTest {
    private final ScalarVolume image = TestImages.brainLike(2);
    private final Mask mask = TestImages.sphere();

    @Test
    void defaultsAreOneAndNinetyNineRescaledToUnit() {
        PercentileClipping.Params d = PercentileClipping.Params.DEFAULTS;
        assertThat(d.lowPercentile()).isEqualTo(1.0);
        assertThat(d.highPercentile()).isEqualTo(99.0);
        assertThat(d.scaling()).isEqualTo(PercentileClipping.Scaling.UNIT);
        assertThat(d.outside()).isEqualTo(OutsideMask.TRANSFORM);
        assertThat(PercentileClipping.withDefaults().params()).isEqualTo(d);
        assertThatThrownBy(() -> d.withPercentiles(50, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withPercentiles(-1, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        ImageGeometry g = ImageGeometry.axisAligned(5, 1, 1, new double[] {1, 1, 1}, new double[3]);
        ScalarVolume v = ScalarVolume.of(g, new float[] {40, 10, 30, 20, 50});
        PercentileClipping clip = new PercentileClipping(PercentileClipping.Params.DEFAULTS.withPercentiles(10, 75));
        PercentileClipping.Result r = clip.apply(v, null, ExecutionContext.singleThreaded());
        // numpy.percentile([10,20,30,40,50], [10, 75]) = [14, 40]
        assertThat(r.lowValue()).isCloseTo(14.0, within(1e-9));
        assertThat(r.highValue()).isCloseTo(40.0, within(1e-9));
        assertThat(r.clipped().toArray()).containsExactly(1f, 0f, 16f / 26f, 6f / 26f, 1f);
    }

    @Test
    void clipsAtTheMaskedPercentilesAndRescales() {
        PercentileClipping.Result r = PercentileClipping.withDefaults()
            .apply(image, mask, ExecutionContext.singleThreaded());
        float[] inside = MaskedValues.collect(image, mask);
        Arrays.sort(inside);
        assertThat(r.lowValue()).isBetween((double) inside[0], (double) inside[inside.length - 1]);
        int below = 0;
        int above = 0;
        for (float f : inside) {
            below += f < r.lowValue() ? 1 : 0;
            above += f > r.highValue() ? 1 : 0;
        }
        assertThat((double) below / inside.length).isCloseTo(0.01, within(0.002));
        assertThat((double) above / inside.length).isCloseTo(0.01, within(0.002));
        for (float f : r.clipped().toArray()) {
            assertThat(f).isBetween(0f, 1f);
        }
        PercentileClipping none = new PercentileClipping(new PercentileClipping.Params(5, 95,
            PercentileClipping.Scaling.NONE, OutsideMask.ZERO));
        PercentileClipping.Result c = none.apply(image, mask, ExecutionContext.singleThreaded());
        for (int i = 0; i < image.geometry().voxelCount(); i++) {
            float expected = mask.get(i) ? (float) Math.max(c.lowValue(), Math.min(c.highValue(), image.get(i))) : 0f;
            assertThat(c.clipped().get(i)).isEqualTo(expected);
        }
    }

    @Test
    void inputUnchangedGeometryKeptAndThreadIndependent() {
        float[] before = image.toArray();
        ScalarVolume one = PercentileClipping.withDefaults().apply(image, mask, ExecutionContext.singleThreaded())
            .clipped();
        assertThat(image.toArray()).isEqualTo(before);
        assertThat(one.geometry()).isEqualTo(image.geometry());
        try (ExecutionContext two = ExecutionContext.of(2, 3, ProgressListener.NONE)) {
            assertThat(PercentileClipping.withDefaults().apply(image, mask, two).clipped().toArray())
                .isEqualTo(one.toArray());
        }
    }

    @Test
    void badInputIsRejected() {
        ExecutionContext ctx = ExecutionContext.singleThreaded();
        assertThatThrownBy(() -> PercentileClipping.withDefaults().apply(image, Mask.empty(image.geometry()), ctx))
            .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PercentileClipping.withDefaults()
            .apply(ScalarVolume.filled(image.geometry(), 2f), null, ctx))
            .isInstanceOf(InvalidInputException.class);
    }
}

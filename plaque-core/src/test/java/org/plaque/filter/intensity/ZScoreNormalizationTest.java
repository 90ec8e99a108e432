package org.plaque.filter.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class ZScoreNormalizationTest {
    private final ScalarVolume image = TestImages.brainLike(1);
    private final Mask mask = TestImages.sphere();

    @Test
    void defaultsTransformOutsideVoxelsToo() {
        assertThat(ZScoreNormalization.Params.DEFAULTS.outside()).isEqualTo(OutsideMask.TRANSFORM);
        assertThat(ZScoreNormalization.withDefaults().params()).isEqualTo(ZScoreNormalization.Params.DEFAULTS);
    }

    @Test
    void maskedVoxelsGetMeanZeroAndStandardDeviationOne() {
        ZScoreNormalization.Result r = ZScoreNormalization.withDefaults()
            .apply(image, mask, ExecutionContext.singleThreaded());
        double[] s = meanSd(r.normalized(), mask);
        assertThat(s[0]).isCloseTo(0.0, within(1e-5));
        assertThat(s[1]).isCloseTo(1.0, within(1e-5));
        double[] raw = meanSd(image, mask);
        assertThat(r.mean()).isCloseTo(raw[0], within(1e-6 * raw[0]));
        assertThat(r.standardDeviation()).isCloseTo(raw[1], within(1e-6 * raw[1]));
        // Outside voxels are mapped by the same affine function.
        int outside = 0;
        assertThat(mask.get(outside)).isFalse();
        assertThat(r.normalized().get(outside))
            .isCloseTo((float) ((image.get(outside) - r.mean()) / r.standardDeviation()), within(1e-5f));
    }

    @Test
    void zeroOutsideAndWholeImageWithoutMask() {
        ZScoreNormalization z = new ZScoreNormalization(new ZScoreNormalization.Params(OutsideMask.ZERO));
        ScalarVolume out = z.apply(image, mask, ExecutionContext.singleThreaded()).normalized();
        for (int i = 0; i < out.geometry().voxelCount(); i++) {
            if (!mask.get(i)) {
                assertThat(out.get(i)).isZero();
            }
        }
        ScalarVolume all = ZScoreNormalization.withDefaults().apply(image, null, ExecutionContext.singleThreaded())
            .normalized();
        double[] s = meanSd(all, null);
        assertThat(s[0]).isCloseTo(0.0, within(1e-5));
        assertThat(s[1]).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void inputUnchangedGeometryKeptAndThreadIndependent() {
        float[] before = image.toArray();
        ScalarVolume one = ZScoreNormalization.withDefaults().apply(image, mask, ExecutionContext.singleThreaded())
            .normalized();
        assertThat(image.toArray()).isEqualTo(before);
        assertThat(one.geometry()).isEqualTo(image.geometry());
        try (ExecutionContext two = ExecutionContext.of(2, 3, ProgressListener.NONE)) {
            assertThat(ZScoreNormalization.withDefaults().apply(image, mask, two).normalized().toArray())
                .isEqualTo(one.toArray());
        }
    }

    @Test
    void badInputIsRejected() {
        ZScoreNormalization z = ZScoreNormalization.withDefaults();
        ExecutionContext ctx = ExecutionContext.singleThreaded();
        assertThatThrownBy(() -> z.apply(image, Mask.empty(image.geometry()), ctx))
            .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> z.apply(ScalarVolume.filled(image.geometry(), 3f), null, ctx))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("constant");
        Mask other = Mask.empty(ImageGeometry.axisAligned(4, 4, 4, new double[] {1, 1, 1}, new double[3]));
        assertThatThrownBy(() -> z.apply(image, other, ctx)).isInstanceOf(InvalidInputException.class);
    }

    static double[] meanSd(ScalarVolume v, Mask m) {
        double s = 0;
        double ss = 0;
        int n = 0;
        for (int i = 0; i < v.geometry().voxelCount(); i++) {
            if (m == null || m.get(i)) {
                s += v.get(i);
                ss += (double) v.get(i) * v.get(i);
                n++;
            }
        }
        double mean = s / n;
        return new double[] {mean, Math.sqrt(ss / n - mean * mean)};
    }
}

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

class OtsuThresholdTest {
    @Test
    void defaultsAreTwoHundredBins() {
        assertThat(OtsuThreshold.Params.DEFAULTS.bins()).isEqualTo(200);
        assertThat(OtsuThreshold.withDefaults().params()).isEqualTo(OtsuThreshold.Params.DEFAULTS);
        assertThatThrownBy(() -> new OtsuThreshold.Params(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoClassesAreSplitBetweenTheirValues() {
        ImageGeometry g = ImageGeometry.axisAligned(10, 10, 4, new double[] {1, 1, 1}, new double[3]);
        float[] v = new float[g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 4 == 0 ? 80f + (i % 3) : 10f + (i % 5);
        }
        ScalarVolume img = ScalarVolume.of(g, v);
        OtsuThreshold otsu = OtsuThreshold.withDefaults();
        double t = otsu.threshold(img, ExecutionContext.singleThreaded());
        assertThat(t).isBetween(14.0, 80.0);
        Mask fg = otsu.foreground(img, ExecutionContext.singleThreaded());
        assertThat(fg.count()).isEqualTo(v.length / 4);
        assertThat(fg.geometry()).isEqualTo(g);
    }

    @Test
    void thresholdIsTheUpperEdgeOfTheBinMaximisingBetweenClassVariance() {
        ScalarVolume img = TestImages.brainLike(4);
        OtsuThreshold otsu = new OtsuThreshold(new OtsuThreshold.Params(50));
        double t = otsu.threshold(img, ExecutionContext.singleThreaded());
        // Brute force over every bin edge with ITK's binning: [min, max + 1% of a bin), 50 bins, bin centres.
        float[] v = img.toArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        double width = (max + (max - min) / 50 / 100 - min) / 50;
        double[] count = new double[50];
        for (float f : v) {
            count[Math.min(49, (int) ((f - min) / width))]++;
        }
        double best = -1;
        int bestK = -1;
        for (int k = 0; k < 49; k++) {
            double w0 = 0;
            double s0 = 0;
            double w1 = 0;
            double s1 = 0;
            for (int b = 0; b < 50; b++) {
                double c = min + (b + 0.5) * width;
                if (b <= k) {
                    w0 += count[b];
                    s0 += count[b] * c;
                } else {
                    w1 += count[b];
                    s1 += count[b] * c;
                }
            }
            double m0 = w0 > 0 ? s0 / w0 : 0;
            double m1 = w1 > 0 ? s1 / w1 : 0;
            double mu = (s0 + s1) / (w0 + w1);
            double between = w0 * (m0 - mu) * (m0 - mu) + w1 * (m1 - mu) * (m1 - mu);
            if (between > best * (1 + 1e-12)) {
                best = between;
                bestK = k;
            }
        }
        assertThat(t).isCloseTo(min + (bestK + 1) * width, within(1e-6));
    }

    @Test
    void nonFiniteVoxelsAreIgnoredAndInputUnchanged() {
        ScalarVolume img = TestImages.brainLike(5);
        float[] withNan = img.toArray();
        withNan[0] = Float.NaN;
        withNan[1] = Float.POSITIVE_INFINITY;
        ScalarVolume dirty = ScalarVolume.of(img.geometry(), withNan);
        float[] before = dirty.toArray();
        double clean = OtsuThreshold.withDefaults().threshold(img, ExecutionContext.singleThreaded());
        double t = OtsuThreshold.withDefaults().threshold(dirty, ExecutionContext.singleThreaded());
        assertThat(t).isFinite().isCloseTo(clean, within(50.0));
        assertThat(dirty.toArray()).isEqualTo(before);
    }

    @Test
    void sameResultWithOneAndTwoThreads() {
        ScalarVolume img = TestImages.brainLike(6);
        Mask one = OtsuThreshold.withDefaults().foreground(img, ExecutionContext.singleThreaded());
        try (ExecutionContext two = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            assertThat(OtsuThreshold.withDefaults().foreground(img, two).toArray()).isEqualTo(one.toArray());
        }
    }

    @Test
    void anImageWithoutFiniteVoxelsIsRejected() {
        ImageGeometry g = ImageGeometry.axisAligned(2, 2, 2, new double[] {1, 1, 1}, new double[3]);
        ScalarVolume nan = ScalarVolume.filled(g, Float.NaN);
        assertThatThrownBy(() -> OtsuThreshold.withDefaults().threshold(nan, ExecutionContext.singleThreaded()))
            .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aConstantImageHasAnEmptyForeground() {
        ImageGeometry g = ImageGeometry.axisAligned(3, 3, 3, new double[] {1, 1, 1}, new double[3]);
        Mask fg = OtsuThreshold.withDefaults().foreground(ScalarVolume.filled(g, 5f), ExecutionContext.singleThreaded());
        assertThat(fg.count()).isZero();
    }
}

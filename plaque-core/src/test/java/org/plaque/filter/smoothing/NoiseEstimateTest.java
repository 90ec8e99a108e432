package org.plaque.filter.smoothing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

class NoiseEstimateTest {

    private static ScalarVolume rampPlusNoise(ImageGeometry g, double sd, long seed, boolean zeroLeftHalf) {
        Random r = new Random(seed);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double v = 500 + 3 * x - 2 * y + z + sd * r.nextGaussian();
                    b.set(x, y, z, zeroLeftHalf && x < g.nx() / 2 ? 0f : (float) v);
                }
            }
        }
        return b.build();
    }

    @Test
    void recoversTheNoiseOfALinearImage() {
        ImageGeometry g = TestVolumes.obliqueGeometry(40, 40, 40);
        assertThat(NoiseEstimate.sigma(rampPlusNoise(g, 10, 1, false))).isCloseTo(10, within(0.3));
        assertThat(NoiseEstimate.sigma(rampPlusNoise(g, 2.5, 2, false))).isCloseTo(2.5, within(0.08));
    }

    @Test
    void ignoresZeroBackground() {
        ImageGeometry g = TestVolumes.obliqueGeometry(40, 40, 40);
        assertThat(NoiseEstimate.sigma(rampPlusNoise(g, 10, 3, true))).isCloseTo(10, within(0.4));
    }

    @Test
    void noiseFreeOrTinyImagesGiveZero() {
        ImageGeometry g = TestVolumes.obliqueGeometry(10, 10, 10);
        assertThat(NoiseEstimate.sigma(ScalarVolume.filled(g, 7))).isEqualTo(0.0);
        assertThat(NoiseEstimate.sigma(ScalarVolume.filled(TestVolumes.obliqueGeometry(10, 2, 10), 7)))
            .isEqualTo(0.0);
    }

    @Test
    void medianMatchesSorting() {
        Random r = new Random(5);
        for (int n = 1; n < 60; n++) {
            float[] a = new float[n + 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(10) - 3 + (r.nextBoolean() ? 0.5f : 0f);
            }
            float[] sorted = Arrays.copyOf(a, n);
            Arrays.sort(sorted);
            double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
            assertThat(NoiseEstimate.median(a, n)).as("n=%d", n).isEqualTo(expected);
        }
    }
}

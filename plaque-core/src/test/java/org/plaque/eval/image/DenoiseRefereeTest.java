package org.plaque.eval.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.smoothing.GaussianFilter;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

class DenoiseRefereeTest {
    private static final ImageGeometry G = ImageGeometry.axisAligned(40, 40, 40, new double[] {1, 1, 1},
        new double[3]);

    /** A head: ball of 100 with a brighter inner cube, zero outside; optionally with noise inside. */
    private static ScalarVolume phantom(double noise) {
        Random r = new Random(11);
        ScalarVolume.Builder b = ScalarVolume.builder(G);
        for (int z = 0; z < 40; z++) {
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    double d2 = sq(x - 19.5) + sq(y - 19.5) + sq(z - 19.5);
                    if (d2 < 16 * 16) {
                        boolean cube = Math.abs(x - 19.5) < 6 && Math.abs(y - 19.5) < 6 && Math.abs(z - 19.5) < 6;
                        b.set(x, y, z, (float) ((cube ? 160 : 100) + noise * r.nextGaussian()));
                    }
                }
            }
        }
        return b.build();
    }

    @Test
    void separatesNoiseRemovalFromStructureRemoval() {
        ExecutionContext ctx = ExecutionContext.singleThreaded();
        ScalarVolume noisy = phantom(6);
        float[] before = noisy.toArray();
        DenoiseReferee referee = DenoiseReferee.of(noisy, ctx);
        assertThat(referee.head().count()).isBetween(16_000, 18_000); // ball of radius 16: 17 157 voxels
        assertThat(referee.flat().count()).isGreaterThan(1000);

        DenoiseReferee.Score same = referee.score("identity", noisy, 1);
        assertThat(same.ssim()).isCloseTo(1, within(1e-9));
        assertThat(same.psnr()).isInfinite();
        assertThat(same.flatNoiseRemoved()).isEqualTo(0.0);
        assertThat(same.structureRemoved()).isNaN();
        assertThat(same.timeMs()).isEqualTo(1);

        DenoiseReferee.Score truth = referee.score("truth", phantom(0), 2);
        ScalarVolume blurred = new GaussianFilter(GaussianFilter.Params.isotropic(2.5)).apply(noisy, ctx);
        DenoiseReferee.Score blur = referee.score("blur", blurred, 3);
        // The noise-free image removes all flat noise and nothing structured.
        assertThat(truth.flatNoiseRemoved()).isGreaterThan(0.95);
        assertThat(Math.abs(truth.structureRemoved())).isLessThan(0.15);
        // A strong blur removes the noise too, but also the edges.
        assertThat(blur.flatNoiseRemoved()).isGreaterThan(0.8);
        assertThat(blur.structureRemoved()).isGreaterThan(0.4);
        assertThat(blur.ssim()).isLessThan(same.ssim());
        assertThat(noisy.toArray()).containsExactly(before);
    }

    @Test
    void refusesAConstantImage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DenoiseReferee.of(ScalarVolume.filled(G, 3f),
            ExecutionContext.singleThreaded())).isInstanceOf(org.plaque.InvalidInputException.class)
            .hasMessageContaining("constant");
    }

    @Test
    void differenceIsTheAbsoluteDifference() {
        ScalarVolume a = phantom(3);
        ScalarVolume b = phantom(0);
        ScalarVolume d = DenoiseReferee.of(a, ExecutionContext.singleThreaded()).difference(b);
        for (int i = 0; i < G.voxelCount(); i += 97) {
            assertThat(d.get(i)).isEqualTo(Math.abs(a.get(i) - b.get(i)));
        }
    }

    @Test
    void percentileInterpolatesBetweenOrderStatistics() {
        float[] v = {5, 1, 4, 2, 3};
        assertThat(DenoiseReferee.percentile(v, 5, 50)).isEqualTo(3.0);
        assertThat(DenoiseReferee.percentile(v, 5, 25)).isEqualTo(2.0);
        assertThat(DenoiseReferee.percentile(v, 5, 90)).isCloseTo(4.6, within(1e-9));
        assertThat(DenoiseReferee.percentile(v, 4, 100)).isEqualTo(5.0);
    }

    private static double sq(double a) {
        return a * a;
    }
}

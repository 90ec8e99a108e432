package org.plaque.eval.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class ImageQualityTest {
    private static final ImageGeometry G = ImageGeometry.axisAligned(12, 11, 10, new double[] {0.9, 1.1, 1.3},
        new double[3]);

    private static ScalarVolume random(long seed) {
        Random r = new Random(seed);
        ScalarVolume.Builder b = ScalarVolume.builder(G);
        for (int i = 0; i < G.voxelCount(); i++) {
            b.set(i, (float) (50 + 20 * r.nextGaussian()));
        }
        return b.build();
    }

    private static Mask all() {
        return Mask.above(ScalarVolume.filled(G, 1), 0);
    }

    @Test
    void identicalImagesAreFullySimilar() {
        ScalarVolume a = random(1);
        assertThat(ImageQuality.ssim(a, a, all(), 100, ExecutionContext.singleThreaded())).isCloseTo(1, within(1e-9));
        assertThat(ImageQuality.psnr(a, a, all(), 100)).isInfinite();
        assertThat(ImageQuality.pearson(a, a, all())).isCloseTo(1, within(1e-12));
    }

    @Test
    void constantOffsetKnownAnswers() {
        // Reference a = 40 everywhere, test a + 4: the local variances vanish, so SSIM reduces to the
        // luminance term (2a(a+c) + C1) / (a² + (a+c)² + C1), and the MSE is 16.
        ScalarVolume a = ScalarVolume.filled(G, 40);
        ScalarVolume b = ScalarVolume.filled(G, 44);
        double l = 100;
        double c1 = Math.pow(0.01 * l, 2);
        double expected = (2 * 40 * 44 + c1) / (40 * 40 + 44 * 44 + c1);
        assertThat(ImageQuality.ssim(a, b, all(), l, ExecutionContext.singleThreaded())).isCloseTo(expected, within(1e-6));
        assertThat(ImageQuality.psnr(a, b, all(), l)).isCloseTo(10 * Math.log10(l * l / 16), within(1e-9));
    }

    @Test
    void ssimDropsWithNoise() {
        ScalarVolume a = random(2);
        Random r = new Random(3);
        ScalarVolume.Builder b = a.toBuilder();
        for (int i = 0; i < G.voxelCount(); i++) {
            b.set(i, b.get(i) + (float) (10 * r.nextGaussian()));
        }
        double s = ImageQuality.ssim(a, b.build(), all(), 150, ExecutionContext.singleThreaded());
        assertThat(s).isLessThan(0.95).isGreaterThan(0.3);
    }

    @Test
    void pearsonOfLinearMaps() {
        ScalarVolume a = random(4);
        ScalarVolume.Builder up = ScalarVolume.builder(G);
        ScalarVolume.Builder down = ScalarVolume.builder(G);
        for (int i = 0; i < G.voxelCount(); i++) {
            up.set(i, 2 * a.get(i) + 3);
            down.set(i, -a.get(i));
        }
        assertThat(ImageQuality.pearson(a, up.build(), all())).isCloseTo(1, within(1e-9));
        assertThat(ImageQuality.pearson(a, down.build(), all())).isCloseTo(-1, within(1e-9));
        assertThat(ImageQuality.pearson(a, ScalarVolume.filled(G, 3), all())).isNaN();
    }

    @Test
    void gradientMagnitudeOfARampIsItsSlopePerMm() {
        ScalarVolume.Builder b = ScalarVolume.builder(G);
        for (int z = 0; z < G.nz(); z++) {
            for (int y = 0; y < G.ny(); y++) {
                for (int x = 0; x < G.nx(); x++) {
                    b.set(x, y, z, 3 * x - 2 * y + z);
                }
            }
        }
        ScalarVolume gm = ImageQuality.gradientMagnitude(b.build(), ExecutionContext.singleThreaded());
        double expected = Math.sqrt(Math.pow(3 / 0.9, 2) + Math.pow(2 / 1.1, 2) + Math.pow(1 / 1.3, 2));
        assertThat((double) gm.get(5, 5, 5)).isCloseTo(expected, within(1e-5));
        // At a border the replicated voxel halves that axis' difference.
        double border = Math.sqrt(Math.pow(1.5 / 0.9, 2) + Math.pow(2 / 1.1, 2) + Math.pow(1 / 1.3, 2));
        assertThat((double) gm.get(0, 5, 5)).isCloseTo(border, within(1e-5));
    }

    @Test
    void rejectsMismatchedGridsAndEmptyRegions() {
        ScalarVolume a = random(5);
        ScalarVolume other = ScalarVolume.filled(ImageGeometry.axisAligned(12, 11, 9, new double[] {1, 1, 1},
            new double[3]), 1);
        assertThatThrownBy(() -> ImageQuality.psnr(a, other, all(), 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ImageQuality.psnr(a, a, Mask.empty(G), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageQuality.psnr(a, a, all(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

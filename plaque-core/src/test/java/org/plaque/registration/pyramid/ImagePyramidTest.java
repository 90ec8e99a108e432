package org.plaque.registration.pyramid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;
import org.plaque.registration.SyntheticImages;

class ImagePyramidTest {
    @Test
    void unsmoothedFullResolutionLevelIsTheImage() {
        ScalarVolume img = SyntheticImages.phantom(SyntheticImages.grid(20, 22, 18, 2));
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            ScalarVolume l = ImagePyramid.level(img, 1, 0, ctx);
            assertThat(l.geometry()).isEqualTo(img.geometry());
            assertThat(l.toArray()).containsExactly(img.toArray());
        }
    }

    @Test
    void levelGridKeepsTheWorldCentreAndShrinksEveryAxisOfAnIsotropicImage() {
        ImageGeometry g = SyntheticImages.grid(182, 218, 182, 1);
        ImageGeometry l = ImagePyramid.levelGrid(g, 4);
        assertThat(l.size()).containsExactly(45, 54, 45);
        assertThat(l.spacingMm()).containsExactly(new double[] {4, 4, 4}, within(1e-12));
        double[] c = centre(g);
        double[] cl = centre(l);
        for (int a = 0; a < 3; a++) {
            assertThat(cl[a]).isCloseTo(c[a], within(1e-9));
        }
    }

    @Test
    void thickSliceAxesShrinkLess() {
        ImageGeometry g = ImageGeometry.axisAligned(320, 320, 36, new double[] {0.72, 0.72, 4}, new double[] {0, 0, 0});
        assertThat(ImagePyramid.axisFactors(g, 4)).containsExactly(4, 4, 1);
        assertThat(ImagePyramid.axisFactors(g, 2)).containsExactly(2, 2, 1);
        ImageGeometry mixed = ImageGeometry.axisAligned(100, 100, 100, new double[] {1, 1, 2}, new double[] {0, 0, 0});
        assertThat(ImagePyramid.axisFactors(mixed, 4)).containsExactly(4, 4, 2);
        // never below 4 voxels
        ImageGeometry thin = ImageGeometry.axisAligned(100, 100, 6, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        assertThat(ImagePyramid.axisFactors(thin, 4)).containsExactly(4, 4, 1);
    }

    @Test
    void smoothingKeepsAConstantAndSpreadsAnImpulseWithTheRequestedSigma() {
        ImageGeometry g = SyntheticImages.grid(41, 41, 41, 0.5);
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            ScalarVolume flat = ScalarVolume.filled(g, 7.5f);
            for (float v : ImagePyramid.level(flat, 2, 1.5, ctx).toArray()) {
                assertThat(v).isCloseTo(7.5f, within(1e-5f));
            }
            ScalarVolume.Builder b = ScalarVolume.builder(g);
            b.set(20, 20, 20, 1000f);
            ScalarVolume smooth = ImagePyramid.level(b.build(), 1, 1.5, ctx);
            // second moment along x of the smoothed impulse = sigma² (in mm²)
            double sum = 0;
            double m2 = 0;
            for (int x = 0; x < 41; x++) {
                double v = smooth.get(x, 20, 20);
                double d = (x - 20) * 0.5;
                sum += v;
                m2 += v * d * d;
            }
            assertThat(Math.sqrt(m2 / sum)).isCloseTo(1.5, within(0.01));
        }
    }

    @Test
    void sameOutputForOneAndTwoThreadsAndInputUnchanged() {
        ScalarVolume img = SyntheticImages.phantom(SyntheticImages.grid(37, 41, 29, 1.5));
        float[] before = img.toArray();
        List<ScalarVolume> one;
        List<ScalarVolume> two;
        try (ExecutionContext c1 = ExecutionContext.singleThreaded();
             ExecutionContext c2 = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            one = ImagePyramid.build(img, PyramidSchedule.DEFAULTS, c1);
            two = ImagePyramid.build(img, PyramidSchedule.DEFAULTS, c2);
        }
        assertThat(one).hasSize(3);
        for (int l = 0; l < 3; l++) {
            assertThat(two.get(l).toArray()).containsExactly(one.get(l).toArray());
        }
        assertThat(one.get(0).geometry().nx()).isEqualTo(9);
        assertThat(img.toArray()).containsExactly(before);
    }

    @Test
    void scheduleIsValidated() {
        assertThatThrownBy(() -> new PyramidSchedule(new int[] {4, 2}, new double[] {1})).isInstanceOf(
            IllegalArgumentException.class);
        assertThatThrownBy(() -> new PyramidSchedule(new int[] {0}, new double[] {1})).isInstanceOf(
            IllegalArgumentException.class);
        assertThatThrownBy(() -> new PyramidSchedule(new int[] {1}, new double[] {-1})).isInstanceOf(
            IllegalArgumentException.class);
        assertThat(PyramidSchedule.DEFAULTS.levels()).isEqualTo(3);
    }

    private static double[] centre(ImageGeometry g) {
        return g.voxelToWorld().apply((g.nx() - 1) / 2.0, (g.ny() - 1) / 2.0, (g.nz() - 1) / 2.0);
    }
}

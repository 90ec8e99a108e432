package org.plaque.filter.smoothing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

class GaussianFilterTest {

    @Test
    void impulseResponseIsTheProductOfTheAxisKernels() {
        ImageGeometry g = TestVolumes.obliqueGeometry(21, 19, 17); // spacing 0.9, 1.1, 1.3 mm
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        b.set(10, 9, 8, 1000f);
        ScalarVolume in = b.build();
        double sigma = 1.2;
        ScalarVolume out = new GaussianFilter(GaussianFilter.Params.isotropic(sigma)).apply(in,
            ExecutionContext.singleThreaded());
        double[] sp = g.spacingMm();
        double total = 0;
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    total += out.get(x, y, z);
                }
            }
        }
        assertThat(total).isCloseTo(1000, within(1e-2));
        // Ratios of the response follow exp(-d²/2σ²) in mm, independent of the normalisation.
        double centre = out.get(10, 9, 8);
        assertThat(out.get(11, 9, 8) / centre).isCloseTo(Math.exp(-sq(sp[0]) / (2 * sigma * sigma)), within(1e-5));
        assertThat(out.get(10, 7, 8) / centre).isCloseTo(Math.exp(-sq(2 * sp[1]) / (2 * sigma * sigma)), within(1e-5));
        assertThat(out.get(10, 9, 9) / centre).isCloseTo(Math.exp(-sq(sp[2]) / (2 * sigma * sigma)), within(1e-5));
        // Outside the 3 sigma radius nothing arrives.
        int rx = (int) Math.ceil(3 * sigma / sp[0]);
        assertThat(out.get(10 + rx + 1, 9, 8)).isEqualTo(0f);
        assertThat(out.get(10 + rx, 9, 8)).isGreaterThan(0f);
    }

    @Test
    void contractAndConstantImage() {
        ImageGeometry g = TestVolumes.obliqueGeometry(13, 12, 11);
        ScalarVolume in = TestVolumes.noisyBlobs(g, 2, 10);
        float[] before = in.toArray();
        GaussianFilter f = new GaussianFilter(new GaussianFilter.Params(new double[] {1, 0, 2}));
        float[] one;
        float[] two;
        try (ExecutionContext c1 = ExecutionContext.of(1, 1, ProgressListener.NONE);
             ExecutionContext c2 = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            ScalarVolume o = f.apply(in, c1);
            assertThat(o.geometry()).isEqualTo(g);
            one = o.toArray();
            two = f.apply(in, c2).toArray();
        }
        assertThat(in.toArray()).containsExactly(before);
        assertThat(two).containsExactly(one);
        ScalarVolume c = f.apply(ScalarVolume.filled(g, 5.5f), ExecutionContext.singleThreaded());
        for (int i = 0; i < g.voxelCount(); i++) {
            assertThat(c.get(i)).isCloseTo(5.5f, within(1e-5f));
        }
    }

    @Test
    void zeroSigmaLeavesTheImageAlone() {
        ImageGeometry g = TestVolumes.obliqueGeometry(6, 5, 4);
        ScalarVolume in = TestVolumes.noisyBlobs(g, 2, 10);
        assertThat(new GaussianFilter(GaussianFilter.Params.isotropic(0)).apply(in, ExecutionContext.singleThreaded())
            .toArray()).containsExactly(in.toArray());
    }

    @Test
    void defaultsAndInvalidParams() {
        assertThat(GaussianFilter.Params.DEFAULTS).isEqualTo(GaussianFilter.Params.isotropic(1.0));
        assertThatThrownBy(() -> GaussianFilter.Params.isotropic(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GaussianFilter.Params.isotropic(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GaussianFilter.Params(new double[] {1, 1}))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static double sq(double a) {
        return a * a;
    }
}

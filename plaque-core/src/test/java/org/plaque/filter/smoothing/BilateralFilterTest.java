package org.plaque.filter.smoothing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

class BilateralFilterTest {

    @Test
    void inputUnchangedGeometryKeptAndSameOutputForAnyThreadCount() {
        ImageGeometry g = TestVolumes.obliqueGeometry(17, 15, 13);
        ScalarVolume in = TestVolumes.noisyBlobs(g, 3, 12);
        float[] before = in.toArray();
        BilateralFilter f = new BilateralFilter(new BilateralFilter.Params(1.2, 30));
        float[] one;
        float[] two;
        try (ExecutionContext c1 = ExecutionContext.of(1, 1, ProgressListener.NONE);
             ExecutionContext c2 = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            ScalarVolume o1 = f.apply(in, c1);
            assertThat(o1.geometry()).isEqualTo(g);
            one = o1.toArray();
            two = f.apply(in, c2).toArray();
        }
        assertThat(in.toArray()).containsExactly(before);
        assertThat(two).containsExactly(one);
        assertThat(DiffusionFiltersTest.variance(one)).isLessThan(DiffusionFiltersTest.variance(before));
    }

    @Test
    void constantImageStaysConstant() {
        ImageGeometry g = TestVolumes.obliqueGeometry(8, 7, 6);
        ScalarVolume out = BilateralFilter.withDefaults().apply(ScalarVolume.filled(g, -3.25f),
            ExecutionContext.singleThreaded());
        for (int i = 0; i < g.voxelCount(); i++) {
            assertThat(out.get(i)).isEqualTo(-3.25f);
        }
    }

    @Test
    void hugeRangeSigmaIsAGaussianWithReplicatedBorders() {
        ImageGeometry g = TestVolumes.obliqueGeometry(11, 9, 8);
        ScalarVolume in = TestVolumes.noisyBlobs(g, 9, 10);
        double sigma = 0.8;
        ScalarVolume out = new BilateralFilter(new BilateralFilter.Params(sigma, 1e9))
            .apply(in, ExecutionContext.singleThreaded());
        // Independent reference: direct Gaussian weights in mm, radius ceil(2.5 sigma / spacing), clamped taps.
        double[] sp = g.spacingMm();
        int[] r = new int[3];
        for (int d = 0; d < 3; d++) {
            r[d] = (int) Math.ceil(2.5 * sigma / sp[d]);
        }
        assertThat(r).containsExactly(3, 2, 2);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double num = 0;
                    double den = 0;
                    for (int dz = -r[2]; dz <= r[2]; dz++) {
                        for (int dy = -r[1]; dy <= r[1]; dy++) {
                            for (int dx = -r[0]; dx <= r[0]; dx++) {
                                double d2 = sq(dx * sp[0]) + sq(dy * sp[1]) + sq(dz * sp[2]);
                                double w = Math.exp(-d2 / (2 * sigma * sigma));
                                num += w * in.get(clamp(x + dx, g.nx()), clamp(y + dy, g.ny()), clamp(z + dz, g.nz()));
                                den += w;
                            }
                        }
                    }
                    assertThat((double) out.get(x, y, z)).isCloseTo(num / den, within(1e-4));
                }
            }
        }
    }

    @Test
    void edgeHigherThanFourRangeSigmasIsKeptExactly() {
        ImageGeometry g = ImageGeometry.axisAligned(10, 6, 5, new double[] {1, 1, 1}, new double[3]);
        ScalarVolume step = TestVolumes.stepX(g, 5, 10f, 110f);
        ScalarVolume out = new BilateralFilter(new BilateralFilter.Params(1.5, 20))
            .apply(step, ExecutionContext.singleThreaded());
        assertThat(out.toArray()).containsExactly(step.toArray());
        // With a range sigma above a quarter of the step the two sides mix near the edge only.
        ScalarVolume mixed = new BilateralFilter(new BilateralFilter.Params(1.5, 40))
            .apply(step, ExecutionContext.singleThreaded());
        assertThat(mixed.get(4, 2, 2)).isGreaterThan(10f);
        assertThat(mixed.get(5, 2, 2)).isLessThan(110f);
        assertThat(mixed.get(0, 2, 2)).isEqualTo(10f);
        assertThat(mixed.get(9, 2, 2)).isEqualTo(110f);
    }

    @Test
    void kernelRadiusFollowsItksRule() {
        ImageGeometry g = TestVolumes.obliqueGeometry(5, 5, 5); // spacing 0.9, 1.1, 1.3 mm
        assertThat(BilateralFilter.kernelRadius(g, 1.0)).containsExactly(3, 3, 2);
        assertThat(BilateralFilter.kernelRadius(g, 0.1)).containsExactly(1, 1, 1);
    }

    @Test
    void rangeTableIsItksTabulatedGaussian() {
        double[] t = BilateralFilter.rangeTable(2.0);
        assertThat(t).hasSize(100);
        double denom = 2.0 * Math.sqrt(2 * Math.PI);
        assertThat(t[0]).isCloseTo(1 / denom, within(1e-15));
        // Entry 50 sits at half the cut-off, i.e. 2 sigma.
        assertThat(t[50]).isCloseTo(Math.exp(-2) / denom, within(1e-12));
    }

    @Test
    void automaticRangeSigmaIsTwiceTheNoiseEstimate() {
        ImageGeometry g = TestVolumes.obliqueGeometry(20, 20, 20);
        ScalarVolume in = TestVolumes.noisyBlobs(g, 4, 8);
        assertThat(BilateralFilter.withDefaults().effectiveRangeSigma(in))
            .isEqualTo(2 * NoiseEstimate.sigma(in));
        assertThat(new BilateralFilter(new BilateralFilter.Params(1, 7)).effectiveRangeSigma(in)).isEqualTo(7);
    }

    @Test
    void documentedDefaults() {
        assertThat(BilateralFilter.Params.DEFAULTS.domainSigmaMm()).isEqualTo(1.0);
        assertThat(BilateralFilter.Params.DEFAULTS.autoRange()).isTrue();
        assertThat(BilateralFilter.withDefaults().params()).isEqualTo(BilateralFilter.Params.DEFAULTS);
        assertThat(BilateralFilter.withDefaults().name()).isEqualTo("bilateral");
    }

    @Test
    void rejectsInvalidParams() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new BilateralFilter.Params(bad, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain sigma");
        }
        for (double bad : new double[] {0, -1, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new BilateralFilter.Params(1, bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range sigma");
        }
    }

    private static double sq(double a) {
        return a * a;
    }

    private static int clamp(int q, int n) {
        return Math.max(0, Math.min(n - 1, q));
    }
}

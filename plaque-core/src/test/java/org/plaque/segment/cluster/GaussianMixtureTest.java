package org.plaque.segment.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;

class GaussianMixtureTest {

    /** 1-D samples: a fraction w0 from N(m0, s0²), the rest from N(m1, s1²). */
    private static float[] twoGaussians(long seed, int n, double w0, double m0, double s0, double m1, double s1) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() < w0 ? m0 + s0 * r.nextGaussian() : m1 + s1 * r.nextGaussian());
        }
        return v;
    }

    @Test
    void recoversWeightsMeansAndSdsOfAKnownOneDimensionalMixture() {
        float[] v = twoGaussians(11, 40_000, 0.3, 0, 1, 5, 0.5);
        GaussianMixture.Fit f = GaussianMixture.fit(v, GaussianMixture.Params.of(2), ExecutionContext.singleThreaded());
        GaussianMixture.Model m = f.model();
        assertThat(f.converged()).isTrue();
        // k-means start: component 0 is the lower one
        assertThat(m.mean(0)).isCloseTo(0, within(0.03));
        assertThat(m.mean(1)).isCloseTo(5, within(0.02));
        assertThat(m.sd(0)).isCloseTo(1, within(0.03));
        assertThat(m.sd(1)).isCloseTo(0.5, within(0.02));
        assertThat(m.weights()[0]).isCloseTo(0.3, within(0.01));
        assertThat(m.weights()[1]).isCloseTo(0.7, within(0.01));
    }

    @Test
    void responsibilitiesAreProbabilitiesThatSumToOne() {
        float[] v = twoGaussians(12, 5000, 0.5, 0, 1, 3, 1);
        GaussianMixture.Fit f = GaussianMixture.fit(v, GaussianMixture.Params.of(2).withOutlierClass(true),
            ExecutionContext.singleThreaded());
        float[][] r = f.responsibilities();
        assertThat(r).hasNumberOfRows(3);
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            for (float[] row : r) {
                assertThat(row[i]).isBetween(0f, 1f);
                s += row[i];
            }
            assertThat(s).isCloseTo(1, within(1e-5));
        }
        // the soft membership of a point halfway between equal components is about one half
        float[][] mid = f.model().responsibilities(new float[][] {{1.5f}}, null, ExecutionContext.singleThreaded());
        assertThat(mid[0][0]).isCloseTo(0.5f, within(0.1f));
    }

    @Test
    void recoversAFullCovarianceInTwoChannels() {
        Random r = new Random(13);
        int n = 30_000;
        float[][] d = new float[2][n];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            boolean first = i % 2 == 0;
            // component 0: correlation 0.8, unit variances, centred at (0, 0); component 1 isotropic at (10, 10)
            d[0][i] = (float) (first ? a : 10 + b);
            d[1][i] = (float) (first ? 0.8 * a + 0.6 * b : 10 + r.nextGaussian());
        }
        GaussianMixture.Model m = GaussianMixture.fit(d, GaussianMixture.Params.of(2),
            ExecutionContext.singleThreaded()).model();
        double[][] c0 = m.covariances()[0];
        assertThat(m.means()[0][0]).isCloseTo(0, within(0.03));
        assertThat(c0[0][1] / Math.sqrt(c0[0][0] * c0[1][1])).isCloseTo(0.8, within(0.01));
        assertThat(m.covariances()[1][0][1]).isCloseTo(0, within(0.03));
    }

    @Test
    void theOutlierClassAbsorbsUniformContaminationAndLeavesTheGaussianClean() {
        Random r = new Random(14);
        int n = 20_000;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            // 5 % uniform on [0, 100], the rest N(50, 1)
            v[i] = (float) (i % 20 == 0 ? 100 * r.nextDouble() : 50 + r.nextGaussian());
        }
        GaussianMixture.Fit plain = GaussianMixture.fit(v, GaussianMixture.Params.of(1),
            ExecutionContext.singleThreaded());
        GaussianMixture.Fit robust = GaussianMixture.fit(v, GaussianMixture.Params.of(1).withOutlierClass(true),
            ExecutionContext.singleThreaded());
        assertThat(plain.model().sd(0)).isGreaterThan(5);
        assertThat(robust.model().sd(0)).isCloseTo(1, within(0.05));
        assertThat(robust.model().outlierWeight()).isCloseTo(0.05, within(0.01));
        // a far sample is an outlier, a central one is not
        float[][] p = robust.model().responsibilities(new float[][] {{90f, 50f}}, null,
            ExecutionContext.singleThreaded());
        assertThat(p[1][0]).isGreaterThan(0.99f);
        assertThat(p[1][1]).isLessThan(0.01f);
    }

    @Test
    void spatialPriorsDecideAmbiguousSamples() {
        // two overlapping classes; the prior says which one each sample belongs to
        Random r = new Random(15);
        int n = 20_000;
        float[] v = new float[n];
        float[][] priors = new float[2][n];
        for (int i = 0; i < n; i++) {
            boolean a = i % 2 == 0;
            v[i] = (float) ((a ? 0 : 1) + r.nextGaussian());
            priors[0][i] = a ? 0.9f : 0.1f;
            priors[1][i] = a ? 0.1f : 0.9f;
        }
        GaussianMixture.Model init = GaussianMixture.Model.of1d(new double[] {0.5, 0.5}, new double[] {-0.5, 1.5},
            new double[] {1, 1});
        GaussianMixture.Fit f = GaussianMixture.fit(new float[][] {v}, priors, init, GaussianMixture.Params.of(2),
            ExecutionContext.singleThreaded());
        assertThat(f.model().mean(0)).isCloseTo(0, within(0.1));
        assertThat(f.model().mean(1)).isCloseTo(1, within(0.1));
        // the same intensity gets opposite memberships under opposite priors
        float[][] p = f.model().responsibilities(new float[][] {{0.5f, 0.5f}},
            new float[][] {{0.9f, 0.1f}, {0.1f, 0.9f}}, ExecutionContext.singleThreaded());
        assertThat(p[0][0]).isGreaterThan(0.7f);
        assertThat(p[0][1]).isLessThan(0.3f);
    }

    @Test
    void fromResponsibilitiesIsTheWeightedMStep() {
        float[][] d = {{0, 2, 10, 12}};
        float[][] resp = {{1, 1, 0, 0}, {0, 0, 1, 1}};
        GaussianMixture.Model m = GaussianMixture.fromResponsibilities(d, resp, 0, ExecutionContext.singleThreaded());
        assertThat(m.mean(0)).isCloseTo(1, within(1e-9));
        assertThat(m.mean(1)).isCloseTo(11, within(1e-9));
        assertThat(m.sd(0)).isCloseTo(1, within(1e-6));
        assertThat(m.weights()).containsExactly(0.5, 0.5);
        assertThatThrownBy(() -> GaussianMixture.fromResponsibilities(d, new float[][] {{1, 1, 1, 1}, {0, 0, 0, 0}}, 0,
            ExecutionContext.singleThreaded())).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("component 1");
    }

    @Test
    void deterministicForAnyThreadCount() {
        float[] v = twoGaussians(16, 50_000, 0.4, 0, 1, 2, 1.5);
        GaussianMixture.Fit a;
        GaussianMixture.Fit b;
        try (ExecutionContext one = ExecutionContext.of(1, 3, ProgressListener.NONE);
             ExecutionContext three = ExecutionContext.of(3, 3, ProgressListener.NONE)) {
            a = GaussianMixture.fit(v, GaussianMixture.Params.of(3).withOutlierClass(true), one);
            b = GaussianMixture.fit(v, GaussianMixture.Params.of(3).withOutlierClass(true), three);
        }
        assertThat(b.model().means()).isDeepEqualTo(a.model().means());
        assertThat(b.logLikelihood()).isEqualTo(a.logLikelihood());
        assertThat(b.responsibilities()).isDeepEqualTo(a.responsibilities());
    }

    @Test
    void rejectsMismatchedPriorsAndInitialModels() {
        float[][] d = {{1, 2, 3, 4}};
        GaussianMixture.Model init = GaussianMixture.Model.of1d(new double[] {0.5, 0.5}, new double[] {1, 4},
            new double[] {1, 1});
        ExecutionContext ctx = ExecutionContext.singleThreaded();
        assertThatThrownBy(() -> GaussianMixture.fit(d, new float[][] {{1, 1, 1, 1}}, init,
            GaussianMixture.Params.of(2), ctx)).isInstanceOf(InvalidInputException.class).hasMessageContaining("rows");
        assertThatThrownBy(() -> GaussianMixture.fit(d, null, init, GaussianMixture.Params.of(3), ctx))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("components");
    }
}

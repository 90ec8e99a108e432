package org.plaque.segment.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;

class KMeansTest {

    /** n samples from each of the 1-D Gaussians (means, sds), interleaved, from a seeded generator. */
    static float[] mixture(long seed, int n, double[] means, double[] sds) {
        Random r = new Random(seed);
        float[] v = new float[n * means.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < means.length; c++) {
                v[i * means.length + c] = (float) (means[c] + sds[c] * r.nextGaussian());
            }
        }
        return v;
    }

    @Test
    void findsTheCentresOfThreeSeparatedGaussiansInIncreasingOrder() {
        float[] v = mixture(1, 3000, new double[] {300, 100, 200}, new double[] {5, 5, 5});
        KMeans.Result r = KMeans.fit(v, KMeans.Params.of(3), ExecutionContext.singleThreaded());
        assertThat(r.converged()).isTrue();
        assertThat(r.center(0)).isCloseTo(100, within(0.5));
        assertThat(r.center(1)).isCloseTo(200, within(0.5));
        assertThat(r.center(2)).isCloseTo(300, within(0.5));
        assertThat(r.sizes()).containsExactly(3000, 3000, 3000);
        // sample 0 was drawn from the 300-Gaussian, sample 1 from the 100 one
        assertThat(r.labels()[0]).isEqualTo(2);
        assertThat(r.labels()[1]).isEqualTo(0);
    }

    @Test
    void inertiaIsTheSumOfSquaredDistancesToTheAssignedCentres() {
        float[] v = mixture(2, 500, new double[] {0, 10}, new double[] {1, 2});
        KMeans.Result r = KMeans.fit(v, KMeans.Params.of(2), ExecutionContext.singleThreaded());
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            double d = v[i] - r.center(r.labels()[i]);
            s += d * d;
        }
        assertThat(r.inertia()).isCloseTo(s, within(1e-6 * s));
    }

    @Test
    void sameSeedGivesIdenticalResultsForAnyThreadCount() {
        float[] v = mixture(3, 40_000, new double[] {10, 12, 15, 30}, new double[] {2, 2, 3, 5});
        KMeans.Result a;
        KMeans.Result b;
        KMeans.Result c;
        try (ExecutionContext one = ExecutionContext.of(1, 7, ProgressListener.NONE);
             ExecutionContext four = ExecutionContext.of(4, 7, ProgressListener.NONE)) {
            a = KMeans.fit(v, KMeans.Params.of(6), one);
            b = KMeans.fit(v, KMeans.Params.of(6), four);
            c = KMeans.fit(v, KMeans.Params.of(6), four);
        }
        assertThat(b.centers()).isDeepEqualTo(a.centers());
        assertThat(b.labels()).isEqualTo(a.labels());
        assertThat(c.labels()).isEqualTo(a.labels());
        assertThat(b.inertia()).isEqualTo(a.inertia());
    }

    @Test
    void wellSeparatedClustersAreFoundWhateverTheSeed() {
        float[] v = mixture(4, 200, new double[] {-50, 0, 50}, new double[] {1, 1, 1});
        qt().withFixedSeed(77L).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            try (ExecutionContext ctx = ExecutionContext.of(1, seed, ProgressListener.NONE)) {
                KMeans.Result r = KMeans.fit(v, KMeans.Params.of(3), ctx);
                assertThat(r.center(0)).isCloseTo(-50, within(0.5));
                assertThat(r.center(2)).isCloseTo(50, within(0.5));
            }
        });
    }

    @Test
    void clustersTwoChannelData() {
        Random rnd = new Random(5);
        int n = 2000;
        float[][] d = new float[2][2 * n];
        for (int i = 0; i < n; i++) {
            // same channel-0 mean, separated in channel 1 only
            d[0][2 * i] = (float) rnd.nextGaussian();
            d[1][2 * i] = (float) (rnd.nextGaussian() - 20);
            d[0][2 * i + 1] = (float) (rnd.nextGaussian() + 0.1);
            d[1][2 * i + 1] = (float) (rnd.nextGaussian() + 20);
        }
        KMeans.Result r = KMeans.fit(d, KMeans.Params.of(2), ExecutionContext.singleThreaded());
        assertThat(Math.abs(r.centers()[0][1] - r.centers()[1][1])).isCloseTo(40, within(0.5));
        assertThat(r.labels()[0]).isNotEqualTo(r.labels()[1]);
        assertThat(r.sizes()).containsExactly(n, n);
    }

    @Test
    void moreClustersThanDistinctValuesLeavesEmptyClustersWithoutFailing() {
        float[] v = new float[100];
        Arrays.fill(v, 50, 100, 1f);
        KMeans.Result r = KMeans.fit(v, KMeans.Params.of(3), ExecutionContext.singleThreaded());
        assertThat(Arrays.stream(r.sizes()).sum()).isEqualTo(100);
        assertThat(r.center(0)).isEqualTo(0);
        assertThat(r.center(2)).isEqualTo(1);
    }

    @Test
    void inputIsNotModified() {
        float[] v = mixture(6, 100, new double[] {1, 5}, new double[] {1, 1});
        float[] copy = v.clone();
        KMeans.fit(v, KMeans.Params.of(2), ExecutionContext.singleThreaded());
        assertThat(v).isEqualTo(copy);
    }

    @Test
    void rejectsTooFewSamplesRaggedChannelsAndNonFiniteValues() {
        ExecutionContext ctx = ExecutionContext.singleThreaded();
        assertThatThrownBy(() -> KMeans.fit(new float[] {1, 2}, KMeans.Params.of(3), ctx))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 3 samples");
        assertThatThrownBy(() -> KMeans.fit(new float[][] {{1, 2, 3}, {1, 2}}, KMeans.Params.of(2), ctx))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("channel 1");
        assertThatThrownBy(() -> KMeans.fit(new float[] {1, Float.NaN, 3}, KMeans.Params.of(2), ctx))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("not finite");
        assertThatThrownBy(() -> KMeans.Params.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

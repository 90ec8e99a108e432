package org.plaque.filter.bias;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramSharpenerTest {
    @Test
    void sharpeningNarrowsBlurredPeaksAndKeepsThemApart() {
        // Two tissue classes in log space, each blurred by a spread the size of the Gaussian N4 deconvolves.
        Random rnd = new Random(3);
        int n = 20000;
        double[] v = new double[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            v[i] = (i % 2 == 0 ? 4.0 : 4.6) + 0.06 * rnd.nextGaussian();
        }
        double[] out = new double[n];
        new HistogramSharpener(200, 0.15, 0.01).sharpen(v, idx, out);
        for (int cls = 0; cls < 2; cls++) {
            double[] before = stats(v, cls);
            double[] after = stats(out, cls);
            assertThat(after[1]).as("spread of class %d", cls).isLessThan(0.8 * before[1]);
            assertThat(after[0]).as("mean of class %d", cls).isCloseTo(before[0],
                org.assertj.core.data.Offset.offset(0.05));
        }
    }

    @Test
    void equalValuesAreCopiedUnchanged() {
        double[] v = {1.5, 1.5, 1.5, 9.0};
        double[] out = new double[4];
        new HistogramSharpener(200, 0.15, 0.01).sharpen(v, new int[] {0, 1, 2}, out);
        assertThat(out).containsExactly(1.5, 1.5, 1.5, 0.0);
    }

    private static double[] stats(double[] x, int cls) {
        double s = 0;
        double ss = 0;
        int c = 0;
        for (int i = cls; i < x.length; i += 2) {
            s += x[i];
            ss += x[i] * x[i];
            c++;
        }
        double m = s / c;
        return new double[] {m, Math.sqrt(ss / c - m * m)};
    }
}

package org.plaque.pipeline.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class CohortStatisticsTest {
    private static final double NAN = Double.NaN;

    @Test
    void meanAndMedianSkipUndefinedValues() {
        double[] v = {3, NAN, 1, 2, 10};
        assertThat(CohortStatistics.count(v)).isEqualTo(4);
        assertThat(CohortStatistics.mean(v)).isEqualTo(4.0);
        assertThat(CohortStatistics.median(v)).isEqualTo(2.5);
        assertThat(CohortStatistics.median(new double[] {5, 1, 3})).isEqualTo(3.0);
        assertThat(CohortStatistics.mean(new double[] {NAN})).isNaN();
        assertThat(CohortStatistics.median(new double[] {})).isNaN();
    }

    @Test
    void pearsonOfHandComputedPairs() {
        // x = (8, 4, 8), y = (8, 8, 27): centred sums sxy = 228/9, sxx = 96/9, syy = 2166/9, r = 228 / 456
        assertThat(CohortStatistics.pearson(new double[] {8, 4, 8}, new double[] {8, 8, 27}))
            .isCloseTo(0.5, within(1e-12));
        assertThat(CohortStatistics.pearson(new double[] {1, 2, 3}, new double[] {-2, -4, -6}))
            .isCloseTo(-1, within(1e-12));
        // a pair with an undefined side is left out
        assertThat(CohortStatistics.pearson(new double[] {1, 2, NAN, 3}, new double[] {2, 4, 1, 6}))
            .isCloseTo(1, within(1e-12));
        assertThat(CohortStatistics.pearson(new double[] {1}, new double[] {1})).isNaN();
        assertThat(CohortStatistics.pearson(new double[] {1, 1}, new double[] {1, 2})).isNaN();
    }

    @Test
    void pearsonIsInvariantToPositiveAffineMapsAndLargeOffsets() {
        qt().withFixedSeed(41L)
            .forAll(integers().between(3, 20), doubles().between(0.1, 10), doubles().between(-1e6, 1e6))
            .checkAssert((n, scale, offset) -> {
                double[] x = new double[n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = i * i % 7 + i;
                    y[i] = (i * 13) % 5 + 0.5 * i;
                }
                double r = CohortStatistics.pearson(x, y);
                double[] y2 = new double[n];
                for (int i = 0; i < n; i++) {
                    y2[i] = scale * y[i] + offset;
                }
                assertThat(CohortStatistics.pearson(x, y2)).isCloseTo(r, within(1e-9));
                assertThat(Math.abs(r)).isLessThanOrEqualTo(1.0);
            });
    }
}

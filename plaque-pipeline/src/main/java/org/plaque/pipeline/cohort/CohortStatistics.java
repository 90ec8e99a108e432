package org.plaque.pipeline.cohort;

import java.util.Arrays;

/**
 * Cohort aggregates of a figure over cases. Undefined values (NaN, e.g. Dice when both masks are empty) are
 * skipped, as nnU-Net does, so the {@link #count} of defined values says how many cases an aggregate covers.
 */
public final class CohortStatistics {
    private CohortStatistics() {
    }

    /** Number of finite values. */
    public static int count(double[] values) {
        return (int) Arrays.stream(values).filter(Double::isFinite).count();
    }

    /** Mean of the finite values; NaN if there is none. */
    public static double mean(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** Median of the finite values (mean of the two middle ones for an even count); NaN if there is none. */
    public static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /**
     * Pearson's correlation coefficient of the pairs (x[i], y[i]) where both are finite; NaN with fewer than
     * two such pairs or when either side does not vary.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
                sx += x[i];
                sy += y[i];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        // two passes (centred sums) rather than the one-pass formula, which cancels badly for large volumes
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }
}

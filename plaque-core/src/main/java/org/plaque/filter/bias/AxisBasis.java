package org.plaque.filter.bias;

/**
 * The cubic B-spline weights of every sample along one image axis, for a lattice with a given number of spans
 * laid over that axis.
 *
 * <p>Sample i of n sits at parametric position u = i·spans/(n−1) (first and last sample on the ends of the
 * lattice's domain, as ITK's B-spline filters place them), nudged inside by 10⁻³ of a sample step at the upper end
 * so it falls in the last span. It is influenced by control points {@code base(i) … base(i)+3} with the uniform
 * cubic B-spline weights of its offset t = u − ⌊u⌋ in the span.
 */
final class AxisBasis {
    /** Relative distance by which the last sample is pulled inside the domain (ITK's {@code BSplineEpsilon}). */
    private static final double EPSILON = 1e-3;

    final int samples;
    final int spans;
    final int[] base;
    /** Weights, four per sample: {@code weights[4·i + a]} belongs to control point {@code base[i] + a}. */
    final double[] weights;

    AxisBasis(int samples, int spans) {
        if (samples < 1 || spans < 1) {
            throw new IllegalArgumentException("samples and spans must be positive");
        }
        this.samples = samples;
        this.spans = spans;
        this.base = new int[samples];
        this.weights = new double[4 * samples];
        double step = samples > 1 ? (double) spans / (samples - 1) : 0.0;
        double eps = step * EPSILON;
        for (int i = 0; i < samples; i++) {
            double u = i * step;
            if (Math.abs(u - spans) <= eps) {
                u = spans - eps;
            }
            int b = (int) u;
            if (b >= spans) {
                b = spans - 1;
            }
            double t = u - b;
            base[i] = b;
            cubicWeights(t, weights, 4 * i);
        }
    }

    /** The four uniform cubic B-spline weights of offset t ∈ [0, 1), written at {@code out[at..at+3]}. */
    static void cubicWeights(double t, double[] out, int at) {
        double s = 1.0 - t;
        double t2 = t * t;
        double t3 = t2 * t;
        out[at] = s * s * s / 6.0;
        out[at + 1] = (3.0 * t3 - 6.0 * t2 + 4.0) / 6.0;
        out[at + 2] = (-3.0 * t3 + 3.0 * t2 + 3.0 * t + 1.0) / 6.0;
        out[at + 3] = t3 / 6.0;
    }

    /** Number of control points along this axis: spans + 3. */
    int controlPoints() {
        return spans + 3;
    }
}

package org.plaque.registration.optimizer;

import java.util.Locale;

/**
 * Regular-step gradient descent with the semantics of ITK's {@code RegularStepGradientDescentOptimizerv4}:
 * each iteration moves the parameters by {@code stepLength} along the negative scaled gradient
 * {@code g/s} (normalised to unit length), where {@code stepLength = learningRate · relaxation^k} and k
 * counts the direction reversals so far (a reversal: the scaled gradient's product with the previous
 * one, weighted once more by 1/s as ITK does, is negative). It stops when the step falls below the
 * minimum, the scaled gradient's magnitude below the tolerance, or after the iteration limit.
 */
public final class RegularStepGradientDescent {
    /**
     * Settings.
     *
     * @param learningRate      initial step length in scaled parameter units (> 0)
     * @param relaxationFactor  step multiplier at each direction reversal, in (0, 1)
     * @param minimumStepLength stop when the step would be shorter (≥ 0)
     * @param gradientTolerance stop when the scaled gradient is shorter (≥ 0)
     */
    public record Params(double learningRate, double relaxationFactor, double minimumStepLength,
                         double gradientTolerance) {
        /** ITK's recipe in the peers' register_affine: 1.0, 0.5, 0.001, 1e-6. */
        public static final Params DEFAULTS = new Params(1.0, 0.5, 0.001, 1e-6);

        public Params {
            if (!(learningRate > 0) || !(relaxationFactor > 0 && relaxationFactor < 1)
                || !(minimumStepLength >= 0) || !(gradientTolerance >= 0)) {
                throw new IllegalArgumentException("invalid regular-step settings: learning rate > 0, relaxation "
                    + "in (0, 1), minimum step and gradient tolerance >= 0");
            }
        }
    }

    private RegularStepGradientDescent() {
    }

    /**
     * Minimises {@code f} from {@code x0}.
     *
     * @param scales per-parameter scales (> 0), e.g. from physical shifts
     */
    public static OptimizerResult minimize(CostFunction f, double[] x0, double[] scales, int maxIterations,
                                           Params p, IterationListener listener) {
        int n = f.dimension();
        double[] x = x0.clone();
        double[] g = new double[n];
        double[] gs = new double[n];
        double[] previous = new double[n];
        double relaxation = 1;
        double value = Double.NaN;
        int evaluations = 0;
        for (int it = 0; it < maxIterations; it++) {
            value = f.valueAndGradient(x, g);
            evaluations++;
            double norm2 = 0;
            double product = 0;
            for (int i = 0; i < n; i++) {
                gs[i] = g[i] / scales[i];
                norm2 += gs[i] * gs[i];
                product += gs[i] * previous[i] / scales[i];
            }
            double magnitude = Math.sqrt(norm2);
            if (magnitude < p.gradientTolerance()) {
                return new OptimizerResult(x, value, it, evaluations, StopReason.GRADIENT_TOLERANCE, String.format(
                    Locale.ROOT, "gradient magnitude %.3g below %.3g after %d iterations", magnitude,
                    p.gradientTolerance(), it));
            }
            if (product < 0) {
                relaxation *= p.relaxationFactor();
            }
            double step = relaxation * p.learningRate();
            if (step < p.minimumStepLength()) {
                return new OptimizerResult(x, value, it, evaluations, StopReason.STEP_TOO_SMALL, String.format(
                    Locale.ROOT, "step %.3g below minimum %.3g after %d iterations", step, p.minimumStepLength(), it));
            }
            double factor = step / magnitude;
            for (int i = 0; i < n; i++) {
                x[i] -= gs[i] * factor;
                previous[i] = gs[i] * step;
            }
            listener.iterationDone(it + 1, value);
        }
        return new OptimizerResult(x, value, maxIterations, evaluations, StopReason.MAXIMUM_ITERATIONS,
            "maximum number of iterations (" + maxIterations + ") reached");
    }
}

package org.plaque.registration.optimizer;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Adaptive stochastic gradient descent after Klein, Pluim, Staring and Viergever, "Adaptive stochastic
 * gradient descent optimisation for image registration", IJCV 81:227–239 (2009),
 * doi:10.1007/s11263-008-0168-y — elastix' default optimiser. Every iteration the cost is evaluated on
 * fresh random samples ({@link StochasticCostFunction#resample}), so the iterates follow the gradient of
 * the whole image on average rather than over-fitting one sample set, and the parameters move by
 * {@code −γ_k · g_k / s} (g: gradient, s: parameter scales) with the decaying gain
 * {@code γ_k = a / (t_k + 1 + A)^α}. The "time" t_k adapts:
 * {@code t_{k+1} = max(0, t_k + f(−g_kᵀ g_{k−1} / s))} with the sigmoid
 * {@code f(x) = f_min + (f_max − f_min) / (1 − (f_max/f_min)·e^{−x/ω})}: while successive gradients agree
 * the gain stays large, when they oppose (oscillation about the minimum) it decays.
 *
 * <p>Automatic settings, simplified from the paper's: {@code a} is chosen so that the first step moves
 * image points by at most {@code maximumStep} (mm, measured by the caller's {@code displacement} function;
 * the larger of two gradients on different samples), no step moves points further than that (longer
 * steps, from a noisy gradient, are shortened), and ω is a tenth of the standard deviation that noise alone
 * gives the product of two successive gradients, √(2·tr(C²)) for a gradient-noise covariance C estimated
 * (diagonal) from those two gradients. Runs exactly {@code maxIterations} iterations (no convergence test:
 * the gradient is noisy by design) and returns the last iterate.
 */
public final class AdaptiveStochasticGradientDescent {
    /** ω as a fraction of the noise's standard deviation in g_kᵀ g_{k−1} (elastix' SigmoidScaleFactor). */
    private static final double SIGMOID_SCALE = 0.1;

    /**
     * Settings.
     *
     * @param maximumStep largest point displacement (mm) of the first step (> 0)
     * @param bigA        the gain's offset A (≥ 0; elastix: 20)
     * @param alpha       the gain's decay exponent α, in (0, 1] (elastix: 0.602)
     * @param fMax        the sigmoid's upper limit (> 0; elastix: 1)
     * @param fMin        the sigmoid's lower limit (< 0; elastix: −0.8)
     */
    public record Params(double maximumStep, double bigA, double alpha, double fMax, double fMin) {
        /** First step at most 1 mm; A = 20, α = 0.602, f_max = 1, f_min = −0.8 as elastix. */
        public static final Params DEFAULTS = new Params(1.0, 20, 0.602, 1, -0.8);

        public Params {
            if (!(maximumStep > 0) || !(bigA >= 0) || !(alpha > 0 && alpha <= 1) || !(fMax > 0) || !(fMin < 0)) {
                throw new IllegalArgumentException("invalid adaptive stochastic gradient descent settings");
            }
        }

        /** The same settings with the first-step displacement multiplied by {@code factor}. */
        public Params scaledSteps(double factor) {
            return new Params(maximumStep * factor, bigA, alpha, fMax, fMin);
        }
    }

    private AdaptiveStochasticGradientDescent() {
    }

    /**
     * Minimises {@code f} from {@code x0}.
     *
     * @param scales       per-parameter scales (> 0), the preconditioner
     * @param displacement the largest image-point displacement (mm) that adding the given parameter step
     *                     would cause
     */
    public static OptimizerResult minimize(StochasticCostFunction f, double[] x0, double[] scales,
                                           ToDoubleFunction<double[]> displacement, int maxIterations, Params p,
                                           IterationListener listener) {
        int n = f.dimension();
        double[] x = x0.clone();
        double[] g = new double[n];
        double[] previous = new double[n];
        double[] step = new double[n];
        if (maxIterations == 0) {
            return new OptimizerResult(x, Double.NaN, 0, 0, StopReason.MAXIMUM_ITERATIONS, "no iterations asked");
        }
        // gradient noise from two independent sample sets at the start: sets the sigmoid's scale ω
        f.resample(0);
        double value = f.valueAndGradient(x, g);
        f.resample(-1);
        f.valueAndGradient(x, previous);
        int evaluations = 2;
        // d = g_a − g_b has twice the noise covariance C (diagonal, per scaled parameter); the product of two
        // independent noisy gradients has standard deviation √(2·tr(C²)), and E[d⁴] = 12·c² for Gaussian noise
        double fourth = 0;
        for (int i = 0; i < n; i++) {
            double d = g[i] - previous[i];
            double d2 = d * d / scales[i];
            fourth += d2 * d2;
        }
        double omega = Math.max(SIGMOID_SCALE * Math.sqrt(fourth / 6), 1e-300);
        for (int i = 0; i < n; i++) {
            step[i] = g[i] / scales[i];
        }
        double moved = displacement.applyAsDouble(step);
        for (int i = 0; i < n; i++) {
            step[i] = previous[i] / scales[i];
        }
        moved = Math.max(moved, displacement.applyAsDouble(step));
        if (!(moved > 0)) {
            return new OptimizerResult(x, value, 0, evaluations, StopReason.GRADIENT_TOLERANCE,
                "zero gradient at the start");
        }
        double a = p.maximumStep() * Math.pow(p.bigA() + 1, p.alpha()) / moved;
        double time = 0;
        int clipped = 0;
        java.util.Arrays.fill(previous, 0);
        for (int k = 0; k < maxIterations; k++) {
            if (k > 0) {
                f.resample(k);
                value = f.valueAndGradient(x, g);
                evaluations++;
            }
            double product = 0;
            for (int i = 0; i < n; i++) {
                product += g[i] * previous[i] / scales[i];
            }
            if (k > 0) {
                double e = Math.exp(product / omega);
                double sig = p.fMin() + (p.fMax() - p.fMin()) / (1 - (p.fMax() / p.fMin()) * e);
                time = Math.max(0, time + (Double.isFinite(sig) ? sig : p.fMin()));
            }
            double gain = a / Math.pow(time + p.bigA() + 1, p.alpha());
            for (int i = 0; i < n; i++) {
                step[i] = gain * g[i] / scales[i];
            }
            // a noisy gradient far larger than the first ones must not throw the points away
            double d = displacement.applyAsDouble(step);
            double shrink = d > p.maximumStep() ? p.maximumStep() / d : 1;
            if (shrink < 1) {
                clipped++;
            }
            for (int i = 0; i < n; i++) {
                x[i] -= shrink * step[i];
            }
            System.arraycopy(g, 0, previous, 0, n);
            listener.iterationDone(k + 1, value);
        }
        return new OptimizerResult(x, value, maxIterations, evaluations, StopReason.MAXIMUM_ITERATIONS,
            String.format(Locale.ROOT, "%d iterations done (final gain %.3g, %d steps clipped)", maxIterations,
                a / Math.pow(time + p.bigA() + 1, p.alpha()), clipped));
    }
}

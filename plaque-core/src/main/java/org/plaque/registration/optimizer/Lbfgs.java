package org.plaque.registration.optimizer;

import java.util.Locale;
import org.plaque.registration.metric.InsufficientOverlapException;

/**
 * Limited-memory BFGS (Nocedal 1980, doi:10.1090/S0025-5718-1980-0572855-7; two-loop recursion as in
 * Nocedal &amp; Wright, Numerical Optimization, 2nd ed., alg. 7.4) with a backtracking Armijo line search,
 * run on scaled parameters {@code u = x·√s}, so that one unit of u moves image points by about one
 * millimetre whatever the parameter (rotation, scaling or translation).
 *
 * <p>The first step, and any step after the curvature memory was reset, goes down the scaled gradient by
 * {@code initialStep}; no step is longer than {@code maximumStep}. Inside the line search a cost that is
 * not finite, or that throws {@link InsufficientOverlapException}, counts as infinitely high and the
 * search backs off. It stops after the
 * iteration limit, when two successive accepted steps are shorter than {@code stepTolerance} and lower
 * the cost by less than {@code valueTolerance}·|cost|, or when no step along the search direction lowers
 * the cost (the minimum at the cost's noise level).
 */
public final class Lbfgs {
    private static final double ARMIJO = 1e-4;

    /**
     * Settings, in scaled parameter units (about mm of point displacement).
     *
     * @param memory          stored correction pairs (≥ 1)
     * @param initialStep     length of the first step (> 0)
     * @param maximumStep     longest step tried (≥ initialStep)
     * @param stepTolerance   steps shorter than this count as converged (≥ 0)
     * @param valueTolerance  relative cost decreases below this count as converged (≥ 0)
     * @param maxLineSearch   cost evaluations per line search (≥ 1)
     */
    public record Params(int memory, double initialStep, double maximumStep, double stepTolerance,
                         double valueTolerance, int maxLineSearch) {
        /** 7 pairs, first step 1, longest 10, step tolerance 0.01, value tolerance 1e-6, 10 trials. */
        public static final Params DEFAULTS = new Params(7, 1.0, 10.0, 0.01, 1e-6, 10);

        public Params {
            if (memory < 1 || !(initialStep > 0) || !(maximumStep >= initialStep) || !(stepTolerance >= 0)
                || !(valueTolerance >= 0) || maxLineSearch < 1) {
                throw new IllegalArgumentException("invalid L-BFGS settings");
            }
        }

        /** The same settings with the three step lengths multiplied by {@code factor} (> 0). */
        public Params scaledSteps(double factor) {
            return new Params(memory, initialStep * factor, maximumStep * factor, stepTolerance * factor,
                valueTolerance, maxLineSearch);
        }
    }

    private Lbfgs() {
    }

    /**
     * Minimises {@code f} from {@code x0}.
     *
     * @param scales per-parameter scales (> 0): a unit change of parameter i moves points by about √scales[i]
     */
    public static OptimizerResult minimize(CostFunction f, double[] x0, double[] scales, int maxIterations,
                                           Params p, IterationListener listener) {
        int n = f.dimension();
        double[] root = new double[n];
        for (int i = 0; i < n; i++) {
            root[i] = Math.sqrt(scales[i]);
        }
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = x0[i] * root[i];
        }
        double[] x = x0.clone();
        double[] g = new double[n];
        double value = f.valueAndGradient(x, g);
        int evaluations = 1;
        toScaled(g, root);
        double[][] s = new double[p.memory()][n];
        double[][] y = new double[p.memory()][n];
        double[] rho = new double[p.memory()];
        int stored = 0;
        int newest = -1;
        double[] d = new double[n];
        double[] alpha = new double[p.memory()];
        double[] uNew = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        int quiet = 0;
        for (int it = 0; it < maxIterations; it++) {
            // search direction −H·g by the two-loop recursion
            System.arraycopy(g, 0, d, 0, n);
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(newest - k, p.memory());
                alpha[j] = rho[j] * dot(s[j], d);
                axpy(-alpha[j], y[j], d);
            }
            double gamma = stored > 0 ? dot(s[newest], y[newest]) / dot(y[newest], y[newest])
                : p.initialStep() / Math.max(norm(g), 1e-300);
            scale(d, gamma);
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(newest - k, p.memory());
                double beta = rho[j] * dot(y[j], d);
                axpy(alpha[j] - beta, s[j], d);
            }
            scale(d, -1);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                // not a descent direction: forget the curvature pairs and go down the gradient
                stored = 0;
                System.arraycopy(g, 0, d, 0, n);
                scale(d, -p.initialStep() / Math.max(norm(g), 1e-300));
                slope = dot(g, d);
                if (!(slope < 0)) {
                    return new OptimizerResult(x, value, it, evaluations, StopReason.GRADIENT_TOLERANCE,
                        "zero gradient after " + it + " iterations");
                }
            }
            double length = norm(d);
            double step = length > p.maximumStep() ? p.maximumStep() / length : 1;
            double valueNew = Double.POSITIVE_INFINITY;
            boolean accepted = false;
            for (int t = 0; t < p.maxLineSearch(); t++) {
                for (int i = 0; i < n; i++) {
                    uNew[i] = u[i] + step * d[i];
                    xNew[i] = uNew[i] / root[i];
                }
                valueNew = evaluate(f, xNew, gNew);
                evaluations++;
                if (valueNew <= value + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                double next = Double.isFinite(valueNew)
                    ? -slope * step * step / (2 * (valueNew - value - slope * step)) : 0.25 * step;
                step = Math.max(0.1 * step, Math.min(0.5 * step, next));
            }
            if (!accepted) {
                return new OptimizerResult(x, value, it, evaluations, StopReason.LINE_SEARCH_FAILED, String.format(
                    Locale.ROOT, "no lower cost along the search direction after %d iterations", it));
            }
            toScaled(gNew, root);
            int slot = (newest + 1) % p.memory();
            double sy = 0;
            double ss = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                double si = uNew[i] - u[i];
                double yi = gNew[i] - g[i];
                s[slot][i] = si;
                y[slot][i] = yi;
                sy += si * yi;
                ss += si * si;
                yy += yi * yi;
            }
            // keep only pairs of positive curvature, so that H stays positive definite
            if (sy > 1e-10 * Math.sqrt(ss * yy)) {
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.min(stored + 1, p.memory());
            }
            double decrease = value - valueNew;
            double moved = Math.sqrt(ss);
            System.arraycopy(uNew, 0, u, 0, n);
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            double before = value;
            value = valueNew;
            listener.iterationDone(it + 1, before);
            boolean small = moved < p.stepTolerance()
                && decrease <= p.valueTolerance() * Math.max(Math.abs(before), 1e-12);
            quiet = small ? quiet + 1 : 0;
            if (quiet >= 2) {
                return new OptimizerResult(x, value, it + 1, evaluations, StopReason.CONVERGED, String.format(
                    Locale.ROOT, "converged after %d iterations (last step %.3g, cost decrease %.3g)", it + 1, moved,
                    decrease));
            }
        }
        return new OptimizerResult(x, value, maxIterations, evaluations, StopReason.MAXIMUM_ITERATIONS,
            "maximum number of iterations (" + maxIterations + ") reached");
    }

    private static double evaluate(CostFunction f, double[] x, double[] g) {
        try {
            double v = f.valueAndGradient(x, g);
            return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
        } catch (InsufficientOverlapException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** Gradient with respect to x → gradient with respect to u = x·√s. */
    private static void toScaled(double[] g, double[] root) {
        for (int i = 0; i < g.length; i++) {
            g[i] /= root[i];
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }
}

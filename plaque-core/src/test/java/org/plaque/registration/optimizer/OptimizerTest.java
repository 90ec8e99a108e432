package org.plaque.registration.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.registration.metric.InsufficientOverlapException;

class OptimizerTest {
    /**
     * f(x) = ½ Σ_i a_i (x_i − c_i)² + coupling: an ill-conditioned quadratic whose curvatures span 1 to 1e4,
     * as rotation vs translation parameters of a rigid transform.
     */
    private static final class Quadratic implements CostFunction {
        final double[] a;
        final double[] c;
        int evaluations;

        Quadratic(double[] a, double[] c) {
            this.a = a;
            this.c = c;
        }

        @Override
        public int dimension() {
            return a.length;
        }

        @Override
        public double valueAndGradient(double[] x, double[] g) {
            evaluations++;
            double v = 0;
            int n = a.length;
            for (int i = 0; i < n; i++) {
                double d = x[i] - c[i];
                double e = x[(i + 1) % n] - c[(i + 1) % n];
                // a small coupling between neighbours keeps the Hessian off the diagonal
                v += 0.5 * a[i] * d * d + 0.1 * Math.sqrt(a[i] * a[(i + 1) % n]) * d * e;
                g[i] = 0;
            }
            for (int i = 0; i < n; i++) {
                double d = x[i] - c[i];
                int next = (i + 1) % n;
                int prev = (i + n - 1) % n;
                g[i] = a[i] * d + 0.1 * Math.sqrt(a[i] * a[next]) * (x[next] - c[next])
                    + 0.1 * Math.sqrt(a[prev] * a[i]) * (x[prev] - c[prev]);
            }
            return v;
        }
    }

    private static final double[] CURVATURES = {1e4, 1e4, 1e4, 1, 1, 1};
    private static final double[] MINIMUM = {0.05, -0.02, 0.1, 5, -3, 8};

    @Test
    void regularStepDescentReachesTheMinimumOfAQuadraticWithinItsMinimumStep() {
        Quadratic q = new Quadratic(CURVATURES, MINIMUM);
        List<Double> values = new ArrayList<>();
        OptimizerResult r = RegularStepGradientDescent.minimize(q, new double[6], CURVATURES, 500,
            RegularStepGradientDescent.Params.DEFAULTS, (it, v) -> values.add(v));
        assertThat(r.stop()).isEqualTo(StopReason.STEP_TOO_SMALL);
        double[] x = r.parameters();
        for (int i = 0; i < 6; i++) {
            // distance in scaled units √a·|x − c| is below a few minimum steps
            assertThat(Math.sqrt(CURVATURES[i]) * Math.abs(x[i] - MINIMUM[i])).isLessThan(0.01);
        }
        assertThat(values).hasSize(r.iterations());
        assertThat(values.get(values.size() - 1)).isLessThan(values.get(0));
    }

    @Test
    void regularStepDescentStopsAtTheIterationLimit() {
        Quadratic q = new Quadratic(CURVATURES, MINIMUM);
        OptimizerResult r = RegularStepGradientDescent.minimize(q, new double[6], CURVATURES, 3,
            RegularStepGradientDescent.Params.DEFAULTS, IterationListener.NONE);
        assertThat(r.stop()).isEqualTo(StopReason.MAXIMUM_ITERATIONS);
        assertThat(r.iterations()).isEqualTo(3);
        assertThat(q.evaluations).isEqualTo(3);
    }

    @Test
    void lbfgsConvergesOnAnIllConditionedQuadraticInFewIterations() {
        Quadratic q = new Quadratic(CURVATURES, MINIMUM);
        OptimizerResult r = Lbfgs.minimize(q, new double[6], CURVATURES, 200,
            new Lbfgs.Params(7, 1.0, 10.0, 1e-6, 1e-12, 10), IterationListener.NONE);
        double[] x = r.parameters();
        for (int i = 0; i < 6; i++) {
            assertThat(x[i]).isCloseTo(MINIMUM[i], within(1e-5 / Math.sqrt(CURVATURES[i])));
        }
        assertThat(r.iterations()).isLessThan(40);
        assertThat(r.stop()).isIn(StopReason.CONVERGED, StopReason.LINE_SEARCH_FAILED);
    }

    @Test
    void lbfgsMinimisesRosenbrock() {
        CostFunction rosen = new CostFunction() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double a = 1 - x[0];
                double b = x[1] - x[0] * x[0];
                g[0] = -2 * a - 400 * x[0] * b;
                g[1] = 200 * b;
                return a * a + 100 * b * b;
            }
        };
        OptimizerResult r = Lbfgs.minimize(rosen, new double[] {-1.2, 1}, new double[] {1, 1}, 500,
            new Lbfgs.Params(5, 0.1, 1.0, 1e-9, 1e-14, 20), IterationListener.NONE);
        assertThat(r.parameters()[0]).isCloseTo(1, within(1e-4));
        assertThat(r.parameters()[1]).isCloseTo(1, within(2e-4));
    }

    @Test
    void lbfgsBacksOffWhereTheCostIsUndefined() {
        // the cost is undefined (no overlap) beyond x = 2, its minimum sits at x = 1.9
        CostFunction walled = new CostFunction() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                if (x[0] > 2) {
                    throw new InsufficientOverlapException(0, 100);
                }
                g[0] = 2 * (x[0] - 1.9);
                return (x[0] - 1.9) * (x[0] - 1.9);
            }
        };
        OptimizerResult r = Lbfgs.minimize(walled, new double[] {-5}, new double[] {1}, 100,
            new Lbfgs.Params(5, 5.0, 50.0, 1e-8, 1e-14, 20), IterationListener.NONE);
        assertThat(r.parameters()[0]).isCloseTo(1.9, within(1e-4));
    }

    @Test
    void adaptiveStochasticDescentConvergesOnANoisyQuadraticAndIsReproducible() {
        // the gradient of the quadratic plus zero-mean noise that depends only on the draw number
        class Noisy implements StochasticCostFunction {
            final Quadratic q = new Quadratic(CURVATURES, MINIMUM);
            java.util.SplittableRandom noise = new java.util.SplittableRandom(0);

            @Override
            public int dimension() {
                return 6;
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double v = q.valueAndGradient(x, g);
                for (int i = 0; i < 6; i++) {
                    g[i] += 0.3 * Math.sqrt(CURVATURES[i]) * noise.nextGaussian();
                }
                return v;
            }

            @Override
            public void resample(int draw) {
                noise = new java.util.SplittableRandom(1000L + draw);
            }
        }
        // a unit step moves "points" by √a·|Δx|, as the physical-shift scales make it
        java.util.function.ToDoubleFunction<double[]> displacement = step -> {
            double m = 0;
            for (int i = 0; i < 6; i++) {
                m = Math.max(m, Math.sqrt(CURVATURES[i]) * Math.abs(step[i]));
            }
            return m;
        };
        AdaptiveStochasticGradientDescent.Params p = AdaptiveStochasticGradientDescent.Params.DEFAULTS;
        OptimizerResult r = AdaptiveStochasticGradientDescent.minimize(new Noisy(), new double[6], CURVATURES,
            displacement, 1500, p, IterationListener.NONE);
        OptimizerResult again = AdaptiveStochasticGradientDescent.minimize(new Noisy(), new double[6], CURVATURES,
            displacement, 1500, p, IterationListener.NONE);
        assertThat(again.parameters()).containsExactly(r.parameters());
        assertThat(r.iterations()).isEqualTo(1500);
        for (int i = 0; i < 6; i++) {
            // started 3–10 scaled units away; ends within about a tenth despite gradient noise of 0.3 per draw
            assertThat(Math.sqrt(CURVATURES[i]) * Math.abs(r.parameters()[i] - MINIMUM[i])).isLessThan(0.15);
        }
    }
}

package org.plaque.registration.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

/** Central finite differences of transforms, the independent check of every analytic Jacobian. */
final class Derivatives {
    private Derivatives() {
    }

    /** ∂out/∂parameter_p by central differences with step h. */
    static double[] parameterDerivative(ParametricTransform t, double[] in, int p, double h) {
        double[] params = t.parameters();
        double[] plus = params.clone();
        double[] minus = params.clone();
        plus[p] += h;
        minus[p] -= h;
        double[] a = new double[3];
        double[] b = new double[3];
        t.withParameters(plus).transformPoint(in, a);
        t.withParameters(minus).transformPoint(in, b);
        return new double[] {(a[0] - b[0]) / (2 * h), (a[1] - b[1]) / (2 * h), (a[2] - b[2]) / (2 * h)};
    }

    /** Checks the dense Jacobian of {@code t} at {@code in} against central differences. */
    static void checkDenseJacobian(ParametricTransform t, double[] in, double h, double tol) {
        int n = t.parameterCount();
        double[] jac = new double[3 * n];
        java.util.Arrays.fill(jac, Double.NaN); // every entry must be written
        t.jacobian(in, jac);
        for (int p = 0; p < n; p++) {
            double[] fd = parameterDerivative(t, in, p, h);
            for (int r = 0; r < 3; r++) {
                assertThat(jac[r * n + p]).as("∂out%d/∂p%d of %s at %s", r, p, t, java.util.Arrays.toString(in))
                    .isCloseTo(fd[r], within(tol * (1 + Math.abs(fd[r]))));
            }
        }
    }

    /** Checks the spatial Jacobian against central differences in the input point. */
    static void checkSpatialJacobian(DifferentiableTransform t, double[] in, double h, double tol) {
        double[] jac = new double[9];
        t.spatialJacobian(in, jac);
        for (int c = 0; c < 3; c++) {
            double[] plus = in.clone();
            double[] minus = in.clone();
            plus[c] += h;
            minus[c] -= h;
            double[] a = new double[3];
            double[] b = new double[3];
            t.transformPoint(plus, a);
            t.transformPoint(minus, b);
            for (int r = 0; r < 3; r++) {
                double fd = (a[r] - b[r]) / (2 * h);
                assertThat(jac[r * 3 + c]).as("∂out%d/∂in%d of %s", r, c, t).isCloseTo(fd, within(tol * (1 + Math.abs(fd))));
            }
        }
    }

    static double[] randomPoint(Random r, double scaleMm) {
        return new double[] {scaleMm * r.nextGaussian(), scaleMm * r.nextGaussian(), scaleMm * r.nextGaussian()};
    }

    static double[] apply(Transform t, double[] in) {
        double[] out = new double[3];
        t.transformPoint(in, out);
        return out;
    }

    static void assertClose(double[] a, double[] b, double tol) {
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("component %d of %s vs %s", i, java.util.Arrays.toString(a), java.util.Arrays.toString(b))
                .isCloseTo(b[i], within(tol));
        }
    }
}

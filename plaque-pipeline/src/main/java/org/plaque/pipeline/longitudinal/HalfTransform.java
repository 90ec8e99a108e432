package org.plaque.pipeline.longitudinal;

import org.plaque.geom.Affine;

/**
 * The half transform of an affine map: its principal matrix square root H, with H·H = A, so that applying H
 * moves a point half-way along the registration (the midpoint space of a pair of scans).
 *
 * <p>Denman–Beavers iteration (Denman &amp; Beavers, "The matrix sign function and computations in systems",
 * Appl. Math. Comput. 2:63–94, 1976, doi:10.1016/0096-3003(76)90020-5) on the 4×4 homogeneous matrix: its
 * last row stays (0, 0, 0, 1), so the root is again an affine map. Converges for every registration result
 * (a proper affine whose linear part has no eigenvalue on the closed negative real axis: rotations below
 * 180°, positive scalings).
 */
public final class HalfTransform {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-12;

    private HalfTransform() {
    }

    /**
     * The principal square root of {@code a}.
     *
     * @throws IllegalArgumentException if the iteration does not converge (a reflection, a rotation of 180°
     *                                  or a singular map)
     */
    public static Affine sqrt(Affine a) {
        if (!(a.determinant() > 0)) {
            throw new IllegalArgumentException("no real square root of an affine with determinant "
                + a.determinant());
        }
        Affine y = a;
        Affine z = Affine.identity();
        for (int k = 0; k < MAX_ITERATIONS; k++) {
            Affine yi = y.inverse();
            Affine zi = z.inverse();
            Affine yn = mean(y, zi);
            Affine zn = mean(z, yi);
            boolean done = maxDiff(yn, y) < TOLERANCE * (1 + maxAbs(y));
            y = yn;
            z = zn;
            if (done) {
                if (!y.multiply(y).approxEquals(a, 1e-6 * (1 + maxAbs(a)))) {
                    break;
                }
                return y;
            }
        }
        throw new IllegalArgumentException("the square root of the affine did not converge: " + a);
    }

    private static Affine mean(Affine p, Affine q) {
        double[] x = p.toRowMajor();
        double[] w = q.toRowMajor();
        double[] m = new double[16];
        for (int i = 0; i < 16; i++) {
            m[i] = 0.5 * (x[i] + w[i]);
        }
        // the homogeneous row is exactly (0 0 0 1) for both; keep it exact against rounding
        m[12] = 0;
        m[13] = 0;
        m[14] = 0;
        m[15] = 1;
        return Affine.ofRowMajor(m);
    }

    private static double maxDiff(Affine p, Affine q) {
        double[] x = p.toRowMajor();
        double[] w = q.toRowMajor();
        double d = 0;
        for (int i = 0; i < 16; i++) {
            d = Math.max(d, Math.abs(x[i] - w[i]));
        }
        return d;
    }

    private static double maxAbs(Affine p) {
        double d = 0;
        for (double v : p.toRowMajor()) {
            d = Math.max(d, Math.abs(v));
        }
        return d;
    }
}

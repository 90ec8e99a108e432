package org.plaque.testkit.phantom;

/** Approximate signed distances (mm, negative inside) of the analytic shapes the phantom is built from. */
final class Shapes {
    private Shapes() {
    }

    /**
     * Signed distance to an axis-aligned ellipsoid centred at the origin, first-order approximation
     * ρ(ρ − 1)/|∇ρ|·… with ρ the ellipsoidal radius: exact on the surface and for spheres, within a few
     * percent of the true distance near the surface of the moderately eccentric ellipsoids used here.
     */
    static double ellipsoid(double x, double y, double z, double a, double b, double c) {
        double xa = x / a;
        double yb = y / b;
        double zc = z / c;
        double k0 = Math.sqrt(xa * xa + yb * yb + zc * zc);
        double xa2 = xa / a;
        double yb2 = yb / b;
        double zc2 = zc / c;
        double k1 = Math.sqrt(xa2 * xa2 + yb2 * yb2 + zc2 * zc2);
        if (k1 == 0) {
            return -Math.min(a, Math.min(b, c));
        }
        return k0 * (k0 - 1) / k1;
    }

    /** Squared ellipsoidal radius of (x, y, z) relative to an axis-aligned ellipsoid (< 1 inside). */
    static double ellipsoidRadius2(double x, double y, double z, double a, double b, double c) {
        double xa = x / a;
        double yb = y / b;
        double zc = z / c;
        return xa * xa + yb * yb + zc * zc;
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : Math.min(v, hi);
    }
}

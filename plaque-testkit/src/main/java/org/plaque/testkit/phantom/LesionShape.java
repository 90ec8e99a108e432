package org.plaque.testkit.phantom;

/**
 * One lesion's ellipsoid in subject world space (RAS+ mm): centre, three orthonormal axis directions and
 * semi-axes, and the soft edge profile that sets its contrast weight.
 */
final class LesionShape {
    final LesionSite site;
    final double cx;
    final double cy;
    final double cz;
    /** Axis directions as rows, matching {@link #semi}. */
    final double[][] axes;
    final double[] semi;
    /** Half-width of the soft edge in units of the ellipsoidal radius. */
    final double edge;
    /** Contrast strength in [0, 1]: 1 is the brightest FLAIR and darkest T1 lesion. */
    final double strength;
    private final double q00;
    private final double q01;
    private final double q02;
    private final double q11;
    private final double q12;
    private final double q22;

    LesionShape(LesionSite site, double[] centre, double[][] axes, double[] semi, double strength) {
        this.site = site;
        this.cx = centre[0];
        this.cy = centre[1];
        this.cz = centre[2];
        this.axes = axes;
        this.semi = semi;
        this.strength = strength;
        double mean = (semi[0] + semi[1] + semi[2]) / 3;
        // About 0.8 mm of blur on each side of the boundary, as in the gradual edge of real lesions.
        this.edge = Math.min(0.35, 0.8 / mean);
        double a00 = 0;
        double a01 = 0;
        double a02 = 0;
        double a11 = 0;
        double a12 = 0;
        double a22 = 0;
        for (int i = 0; i < 3; i++) {
            double w = 1 / (semi[i] * semi[i]);
            double[] e = axes[i];
            a00 += w * e[0] * e[0];
            a01 += w * e[0] * e[1];
            a02 += w * e[0] * e[2];
            a11 += w * e[1] * e[1];
            a12 += w * e[1] * e[2];
            a22 += w * e[2] * e[2];
        }
        q00 = a00;
        q01 = a01;
        q02 = a02;
        q11 = a11;
        q12 = a12;
        q22 = a22;
    }

    /** Squared ellipsoidal radius of a subject world point (≤ 1 inside). */
    double radius2(double x, double y, double z) {
        double dx = x - cx;
        double dy = y - cy;
        double dz = z - cz;
        return q00 * dx * dx + q11 * dy * dy + q22 * dz * dz + 2 * (q01 * dx * dy + q02 * dx * dz + q12 * dy * dz);
    }

    /** Contrast weight at ellipsoidal radius r: 1 inside, 0 outside, 0.5 on the surface, smooth between. */
    double weight(double r) {
        double t = (r - (1 - edge)) / (2 * edge);
        if (t <= 0) {
            return 1;
        }
        if (t >= 1) {
            return 0;
        }
        return 1 - t * t * (3 - 2 * t);
    }

    /** Half-extent of the axis-aligned bounding box along world axis {@code d}, mm. */
    double halfExtent(int d) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            double v = axes[i][d] * semi[i];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    double maxSemi() {
        return Math.max(semi[0], Math.max(semi[1], semi[2]));
    }

    /**
     * The point c + Σ u_i (a_i + grow) e_i: for |u| = 1 a point on the ellipsoid inflated by {@code grow} mm
     * along each axis.
     */
    void point(double u0, double u1, double u2, double grow, double[] out) {
        double s0 = u0 * (semi[0] + grow);
        double s1 = u1 * (semi[1] + grow);
        double s2 = u2 * (semi[2] + grow);
        out[0] = cx + s0 * axes[0][0] + s1 * axes[1][0] + s2 * axes[2][0];
        out[1] = cy + s0 * axes[0][1] + s1 * axes[1][1] + s2 * axes[2][1];
        out[2] = cz + s0 * axes[0][2] + s1 * axes[1][2] + s2 * axes[2][2];
    }
}

package org.plaque.testkit.phantom;

/**
 * A tube around a polyline with an elliptical cross-section whose two radii vary linearly along each
 * segment; used for the lateral ventricles, the brainstem and spinal cord, and the cerebellar peduncles.
 *
 * <p>Each node is {x, y, z, lateral radius, second radius} in atlas mm. The lateral radius applies along
 * the direction of +x made perpendicular to the segment; the second radius along the direction
 * perpendicular to both (upwards for a roughly horizontal segment, antero-posterior for a vertical one).
 * Segment ends are rounded.
 */
final class Tube {
    private final int segments;
    private final double[] ax;
    private final double[] ay;
    private final double[] az;
    private final double[] dx;
    private final double[] dy;
    private final double[] dz;
    private final double[] len2;
    private final double[] tx;
    private final double[] ty;
    private final double[] tz;
    private final double[] e1x;
    private final double[] e1y;
    private final double[] e1z;
    private final double[] e2x;
    private final double[] e2y;
    private final double[] e2z;
    private final double[] rl0;
    private final double[] rl1;
    private final double[] rv0;
    private final double[] rv1;
    private final double[] box;

    Tube(double[][] nodes) {
        if (nodes.length < 2) {
            throw new IllegalArgumentException("a tube needs at least two nodes");
        }
        segments = nodes.length - 1;
        ax = new double[segments];
        ay = new double[segments];
        az = new double[segments];
        dx = new double[segments];
        dy = new double[segments];
        dz = new double[segments];
        len2 = new double[segments];
        tx = new double[segments];
        ty = new double[segments];
        tz = new double[segments];
        e1x = new double[segments];
        e1y = new double[segments];
        e1z = new double[segments];
        e2x = new double[segments];
        e2y = new double[segments];
        e2z = new double[segments];
        rl0 = new double[segments];
        rl1 = new double[segments];
        rv0 = new double[segments];
        rv1 = new double[segments];
        box = new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int s = 0; s < segments; s++) {
            double[] a = nodes[s];
            double[] b = nodes[s + 1];
            ax[s] = a[0];
            ay[s] = a[1];
            az[s] = a[2];
            dx[s] = b[0] - a[0];
            dy[s] = b[1] - a[1];
            dz[s] = b[2] - a[2];
            len2[s] = dx[s] * dx[s] + dy[s] * dy[s] + dz[s] * dz[s];
            double len = Math.sqrt(len2[s]);
            tx[s] = dx[s] / len;
            ty[s] = dy[s] / len;
            tz[s] = dz[s] / len;
            // e1: +x made perpendicular to the tangent; e2 = t × e1, flipped to point up (or anterior).
            double dot = tx[s];
            double ux = 1 - dot * tx[s];
            double uy = -dot * ty[s];
            double uz = -dot * tz[s];
            double un = Math.sqrt(ux * ux + uy * uy + uz * uz);
            e1x[s] = ux / un;
            e1y[s] = uy / un;
            e1z[s] = uz / un;
            double vx = ty[s] * e1z[s] - tz[s] * e1y[s];
            double vy = tz[s] * e1x[s] - tx[s] * e1z[s];
            double vz = tx[s] * e1y[s] - ty[s] * e1x[s];
            double sign = (vz + 1e-9 * vy) >= 0 ? 1 : -1;
            e2x[s] = sign * vx;
            e2y[s] = sign * vy;
            e2z[s] = sign * vz;
            rl0[s] = a[3];
            rl1[s] = b[3];
            rv0[s] = a[4];
            rv1[s] = b[4];
        }
        for (double[] n : nodes) {
            double r = Math.max(n[3], n[4]);
            box[0] = Math.min(box[0], n[0] - r);
            box[1] = Math.max(box[1], n[0] + r);
            box[2] = Math.min(box[2], n[1] - r);
            box[3] = Math.max(box[3], n[1] + r);
            box[4] = Math.min(box[4], n[2] - r);
            box[5] = Math.max(box[5], n[2] + r);
        }
    }

    /** Mirror image of the node list in the midsagittal plane (x → −x). */
    static double[][] mirrored(double[][] nodes) {
        double[][] out = new double[nodes.length][];
        for (int i = 0; i < nodes.length; i++) {
            out[i] = nodes[i].clone();
            out[i][0] = -out[i][0];
        }
        return out;
    }

    /** Whether the point lies further than {@code marginMm} outside the tube's bounding box. */
    boolean outsideBox(double x, double y, double z, double marginMm) {
        return x < box[0] - marginMm || x > box[1] + marginMm || y < box[2] - marginMm || y > box[3] + marginMm
            || z < box[4] - marginMm || z > box[5] + marginMm;
    }

    /** Smallest normalised radial distance over the segments: below 1 inside the tube. */
    double radius(double x, double y, double z) {
        double best = Double.MAX_VALUE;
        for (int s = 0; s < segments; s++) {
            best = Math.min(best, segmentRadius(s, x, y, z));
        }
        return best;
    }

    /**
     * Approximate signed distance in mm (negative inside), exact enough below {@code capMm}; segments whose
     * bounding box lies further than that are skipped and the result is then at least {@code capMm}.
     */
    double sdf(double x, double y, double z, double capMm) {
        double best = capMm;
        for (int s = 0; s < segments; s++) {
            if (segmentFar(s, x, y, z, capMm)) {
                continue;
            }
            double t = param(s, x, y, z);
            double rl = rl0[s] + t * (rl1[s] - rl0[s]);
            double rv = rv0[s] + t * (rv1[s] - rv0[s]);
            double m = segmentRadius(s, x, y, z);
            best = Math.min(best, (m - 1) * Math.min(rl, rv));
        }
        return best;
    }

    private boolean segmentFar(int s, double x, double y, double z, double marginMm) {
        double r = Math.max(Math.max(rl0[s], rl1[s]), Math.max(rv0[s], rv1[s])) + marginMm;
        double bx = ax[s] + dx[s];
        double by = ay[s] + dy[s];
        double bz = az[s] + dz[s];
        return x < Math.min(ax[s], bx) - r || x > Math.max(ax[s], bx) + r
            || y < Math.min(ay[s], by) - r || y > Math.max(ay[s], by) + r
            || z < Math.min(az[s], bz) - r || z > Math.max(az[s], bz) + r;
    }

    private double param(int s, double x, double y, double z) {
        double t = ((x - ax[s]) * dx[s] + (y - ay[s]) * dy[s] + (z - az[s]) * dz[s]) / len2[s];
        return t < 0 ? 0 : Math.min(t, 1);
    }

    private double segmentRadius(int s, double x, double y, double z) {
        double t = param(s, x, y, z);
        double vx = x - (ax[s] + t * dx[s]);
        double vy = y - (ay[s] + t * dy[s]);
        double vz = z - (az[s] + t * dz[s]);
        double rl = rl0[s] + t * (rl1[s] - rl0[s]);
        double rv = rv0[s] + t * (rv1[s] - rv0[s]);
        double a = (vx * e1x[s] + vy * e1y[s] + vz * e1z[s]) / rl;
        double b = (vx * e2x[s] + vy * e2y[s] + vz * e2z[s]) / rv;
        double c = (vx * tx[s] + vy * ty[s] + vz * tz[s]) / Math.min(rl, rv);
        return Math.sqrt(a * a + b * b + c * c);
    }

    int segments() {
        return segments;
    }

    /**
     * A frame on segment {@code s} at parameter {@code t}: {cx, cy, cz, tx, ty, tz, e1x, e1y, e1z, e2x, e2y,
     * e2z, lateral radius, second radius}.
     */
    double[] frame(int s, double t) {
        return new double[] {ax[s] + t * dx[s], ay[s] + t * dy[s], az[s] + t * dz[s], tx[s], ty[s], tz[s],
            e1x[s], e1y[s], e1z[s], e2x[s], e2y[s], e2z[s], rl0[s] + t * (rl1[s] - rl0[s]),
            rv0[s] + t * (rv1[s] - rv0[s])};
    }
}

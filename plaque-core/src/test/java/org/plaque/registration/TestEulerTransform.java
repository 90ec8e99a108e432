package org.plaque.registration;

import org.plaque.registration.transform.ParametricTransform;

/**
 * Test stand-in for ITK's Euler3DTransform: {@code T(x) = R(x − c) + c + t}, R = Rz·Rx·Ry, parameters
 * (θx, θy, θz, tx, ty, tz) in radians and mm. Jacobian by central differences of the rotation (accurate to
 * ~1e-10, enough for tests).
 */
public final class TestEulerTransform implements ParametricTransform {
    private final double[] p;
    private final double[] c;
    private final double[] r;

    public TestEulerTransform(double[] parameters, double[] centre) {
        this.p = parameters.clone();
        this.c = centre.clone();
        this.r = rotation(p[0], p[1], p[2]);
    }

    static double[] rotation(double ax, double ay, double az) {
        double cx = Math.cos(ax), sx = Math.sin(ax);
        double cy = Math.cos(ay), sy = Math.sin(ay);
        double cz = Math.cos(az), sz = Math.sin(az);
        double[] rx = {1, 0, 0, 0, cx, -sx, 0, sx, cx};
        double[] ry = {cy, 0, sy, 0, 1, 0, -sy, 0, cy};
        double[] rz = {cz, -sz, 0, sz, cz, 0, 0, 0, 1};
        return mul(rz, mul(rx, ry));
    }

    static double[] mul(double[] a, double[] b) {
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                double s = 0;
                for (int j = 0; j < 3; j++) {
                    s += a[3 * i + j] * b[3 * j + k];
                }
                o[3 * i + k] = s;
            }
        }
        return o;
    }

    /** The 3×3 rotation, row-major. */
    public double[] matrix() {
        return r.clone();
    }

    public double[] centre() {
        return c.clone();
    }

    @Override
    public void transformPoint(double[] in, double[] out) {
        double x = in[0] - c[0];
        double y = in[1] - c[1];
        double z = in[2] - c[2];
        double ox = r[0] * x + r[1] * y + r[2] * z + c[0] + p[3];
        double oy = r[3] * x + r[4] * y + r[5] * z + c[1] + p[4];
        double oz = r[6] * x + r[7] * y + r[8] * z + c[2] + p[5];
        out[0] = ox;
        out[1] = oy;
        out[2] = oz;
    }

    @Override
    public int parameterCount() {
        return 6;
    }

    @Override
    public double[] parameters() {
        return p.clone();
    }

    @Override
    public TestEulerTransform withParameters(double[] parameters) {
        return new TestEulerTransform(parameters, c);
    }

    @Override
    public void jacobian(double[] in, double[] j) {
        java.util.Arrays.fill(j, 0, 18, 0);
        double h = 1e-6;
        double[] d = {in[0] - c[0], in[1] - c[1], in[2] - c[2]};
        for (int a = 0; a < 3; a++) {
            double[] pp = p.clone();
            double[] pm = p.clone();
            pp[a] += h;
            pm[a] -= h;
            double[] rp = rotation(pp[0], pp[1], pp[2]);
            double[] rm = rotation(pm[0], pm[1], pm[2]);
            for (int row = 0; row < 3; row++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += (rp[3 * row + k] - rm[3 * row + k]) * d[k];
                }
                j[row * 6 + a] = s / (2 * h);
            }
        }
        for (int row = 0; row < 3; row++) {
            j[row * 6 + 3 + row] = 1;
        }
    }
}

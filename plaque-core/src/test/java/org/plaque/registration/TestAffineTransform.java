package org.plaque.registration;

import org.plaque.geom.Affine;
import org.plaque.registration.transform.ParametricTransform;

/**
 * Test stand-in for an ITK-style affine about a fixed centre c: {@code T(x) = A(x − c) + c + t}; parameters
 * A row-major then t.
 */
public final class TestAffineTransform implements ParametricTransform {
    private final double[] p;
    private final double[] c;

    public TestAffineTransform(double[] parameters, double[] centre) {
        this.p = parameters.clone();
        this.c = centre.clone();
    }

    public static TestAffineTransform identity(double[] centre) {
        return new TestAffineTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}, centre);
    }

    /** The transform equal to {@code a}, with centre {@code centre}. */
    public static TestAffineTransform of(Affine a, double[] centre) {
        double[] q = new double[12];
        double[] ac = a.apply(centre[0], centre[1], centre[2]);
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                q[3 * r + k] = a.get(r, k);
            }
            q[9 + r] = ac[r] - centre[r];
        }
        return new TestAffineTransform(q, centre);
    }

    @Override
    public void transformPoint(double[] in, double[] out) {
        double x = in[0] - c[0];
        double y = in[1] - c[1];
        double z = in[2] - c[2];
        double ox = p[0] * x + p[1] * y + p[2] * z + c[0] + p[9];
        double oy = p[3] * x + p[4] * y + p[5] * z + c[1] + p[10];
        double oz = p[6] * x + p[7] * y + p[8] * z + c[2] + p[11];
        out[0] = ox;
        out[1] = oy;
        out[2] = oz;
    }

    @Override
    public int parameterCount() {
        return 12;
    }

    @Override
    public double[] parameters() {
        return p.clone();
    }

    @Override
    public TestAffineTransform withParameters(double[] parameters) {
        return new TestAffineTransform(parameters, c);
    }

    @Override
    public void jacobian(double[] in, double[] j) {
        java.util.Arrays.fill(j, 0, 36, 0);
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                j[r * 12 + 3 * r + k] = in[k] - c[k];
            }
            j[r * 12 + 9 + r] = 1;
        }
    }
}

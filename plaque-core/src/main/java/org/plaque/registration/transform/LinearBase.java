package org.plaque.registration.transform;

import java.util.Arrays;
import org.plaque.geom.Affine;

/**
 * The shared state of the linear transforms: matrix A, centre c and translation t, with the mapping
 * precomputed as x ↦ A·x + offset so that {@link #transformPoint} costs nine multiplications.
 */
abstract class LinearBase implements LinearTransform {
    /** A, row-major. */
    final double[] a;
    final double[] c;
    final double[] t;
    /** Row-major 3×4: A and offset = t + c − A·c. */
    private final double[] m = new double[12];

    LinearBase(double[] a, double[] c, double[] t) {
        Mat3.requireFinite(a, "matrix");
        this.a = a;
        this.c = Mat3.copy3(c, "centre");
        this.t = Mat3.copy3(t, "translation");
        double[] ac = Mat3.apply(a, this.c);
        for (int r = 0; r < 3; r++) {
            m[r * 4] = a[r * 3];
            m[r * 4 + 1] = a[r * 3 + 1];
            m[r * 4 + 2] = a[r * 3 + 2];
            m[r * 4 + 3] = this.t[r] + this.c[r] - ac[r];
        }
    }

    @Override
    public final void transformPoint(double[] in, double[] out) {
        double x = in[0];
        double y = in[1];
        double z = in[2];
        out[0] = m[0] * x + m[1] * y + m[2] * z + m[3];
        out[1] = m[4] * x + m[5] * y + m[6] * z + m[7];
        out[2] = m[8] * x + m[9] * y + m[10] * z + m[11];
    }

    @Override
    public final void spatialJacobian(double[] in, double[] jacobian) {
        System.arraycopy(a, 0, jacobian, 0, 9);
    }

    @Override
    public final Affine toAffine() {
        return Affine.ofRowMajor(m);
    }

    @Override
    public final double[] center() {
        return c.clone();
    }

    @Override
    public final double[] matrix() {
        return a.clone();
    }

    @Override
    public final double[] translation() {
        return t.clone();
    }

    /** The offset of x ↦ A·x + offset. */
    final double[] offset() {
        return new double[] {m[3], m[7], m[11]};
    }

    /** Translation that gives the mapping x ↦ L·x + o when centred on {@code center}: t = o − c + L·c. */
    static double[] translationFor(double[] l, double[] o, double[] center) {
        double[] lc = Mat3.apply(l, center);
        return new double[] {o[0] - center[0] + lc[0], o[1] - center[1] + lc[1], o[2] - center[2] + lc[2]};
    }

    /** Writes ∂out/∂t (the identity) into columns {@code first..first+2} of a dense Jacobian. */
    static void translationColumns(double[] jacobian, int parameterCount, int first) {
        for (int r = 0; r < 3; r++) {
            jacobian[r * parameterCount + first + r] = 1;
        }
    }

    static double[] checkedParameters(double[] p, int n, String kind) {
        if (p == null || p.length != n) {
            throw new IllegalArgumentException(kind + " needs " + n + " parameters, got "
                + (p == null ? "none" : p.length));
        }
        Mat3.requireFinite(p, kind + " parameters");
        return p.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass()
            && Arrays.equals(parameters(), ((LinearBase) o).parameters())
            && Arrays.equals(c, ((LinearBase) o).c) && sameFixed((LinearBase) o);
    }

    /** Further fixed settings beyond the centre (e.g. an angle order); none by default. */
    boolean sameFixed(LinearBase other) {
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(parameters()) + Arrays.hashCode(c);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[parameters=" + Arrays.toString(parameters()) + ", center="
            + Arrays.toString(c) + "]";
    }
}

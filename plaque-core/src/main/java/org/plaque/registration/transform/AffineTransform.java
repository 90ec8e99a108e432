package org.plaque.registration.transform;

import org.plaque.geom.Affine;

/**
 * A general affine transform with a fixed centre: {@code out = A·(in − c) + c + t}, 12 parameters — the
 * nine entries of A row by row, then t (mm) — exactly the parameters and fixed parameters (the centre c) of
 * ITK's {@code AffineTransform}/{@code MatrixOffsetTransformBase}, but in world RAS+ mm. Immutable.
 */
public final class AffineTransform extends LinearBase {
    /** Number of parameters. */
    public static final int PARAMETERS = 12;

    private AffineTransform(double[] a, double[] c, double[] t) {
        super(a, c, t);
    }

    /**
     * From the matrix A (row-major, 9 values), the centre and the translation (mm).
     *
     * @throws IllegalArgumentException on a wrong length or a non-finite value
     */
    public static AffineTransform of(double[] matrixRowMajor, double[] centerMm, double[] translationMm) {
        return new AffineTransform(checkedParameters(matrixRowMajor, 9, "affine matrix"), centerMm, translationMm);
    }

    /** The identity, centred on {@code centerMm}. */
    public static AffineTransform identity(double[] centerMm) {
        return new AffineTransform(Mat3.identity(), centerMm, new double[3]);
    }

    /** The mapping of a world → world affine, parametrised about {@code centerMm}. */
    public static AffineTransform fromAffine(Affine affine, double[] centerMm) {
        double[] l = Mat3.linearOf(affine);
        double[] c = Mat3.copy3(centerMm, "centre");
        return new AffineTransform(l, c, translationFor(l, affine.translation(), c));
    }

    /** Any linear transform as an affine one with the same centre (e.g. to start an affine stage from a rigid one). */
    public static AffineTransform from(LinearTransform t) {
        if (t instanceof AffineTransform a) {
            return a;
        }
        return fromAffine(t.toAffine(), t.center());
    }

    /** The same mapping parametrised about another centre. */
    public AffineTransform withCenter(double[] centerMm) {
        return fromAffine(toAffine(), centerMm);
    }

    @Override
    public int parameterCount() {
        return PARAMETERS;
    }

    @Override
    public double[] parameters() {
        double[] p = new double[PARAMETERS];
        System.arraycopy(a, 0, p, 0, 9);
        System.arraycopy(t, 0, p, 9, 3);
        return p;
    }

    @Override
    public AffineTransform withParameters(double[] parameters) {
        double[] p = checkedParameters(parameters, PARAMETERS, "AffineTransform");
        double[] m = new double[9];
        System.arraycopy(p, 0, m, 0, 9);
        return new AffineTransform(m, c, new double[] {p[9], p[10], p[11]});
    }

    /** ∂out_r/∂A_rk = (in − c)_k and ∂out_r/∂t_r = 1. */
    @Override
    public void jacobian(double[] in, double[] jacobian) {
        java.util.Arrays.fill(jacobian, 0, 3 * PARAMETERS, 0.0);
        double dx = in[0] - c[0];
        double dy = in[1] - c[1];
        double dz = in[2] - c[2];
        for (int r = 0; r < 3; r++) {
            int row = r * PARAMETERS;
            jacobian[row + r * 3] = dx;
            jacobian[row + r * 3 + 1] = dy;
            jacobian[row + r * 3 + 2] = dz;
        }
        translationColumns(jacobian, PARAMETERS, 9);
    }

    /** The inverse with the same centre: A⁻¹(y − c) + c − A⁻¹t. */
    @Override
    public AffineTransform inverse() {
        double[] inv = Mat3.inverse(a);
        double[] it = Mat3.apply(inv, t);
        return new AffineTransform(inv, c, new double[] {-it[0], -it[1], -it[2]});
    }
}

package org.plaque.registration.transform;

import org.plaque.geom.Affine;

/**
 * A similarity transform (rotation, isotropic scale and translation, 7 parameters) with a fixed centre,
 * parametrised like ITK's {@code Similarity3DTransform}: parameters (vx, vy, vz, tx, ty, tz, s) where
 * (vx, vy, vz) is the vector part of the unit quaternion (versor) of the rotation, whose scalar part is
 * w = √(1 − vx² − vy² − vz²) ≥ 0 (so a rotation of angle α about the unit axis u has v = u·sin(α/2));
 * t is the translation in mm and s the scale; {@code out = s·R(v)·(in − c) + c + t} in world RAS+ mm.
 *
 * <p>A versor vector of length ≥ 1 − 1e-10 is shrunk to that length, as ITK does, so every parameter
 * vector gives a valid rotation. The Jacobian is the true derivative with w depending on v (singular at
 * w = 0, a half-turn). Reading ITK files: the LPS↔RAS flip maps the versor (vx, vy, vz) to (−vx, −vy, vz).
 * Immutable.
 */
public final class SimilarityTransform extends LinearBase {
    /** Number of parameters. */
    public static final int PARAMETERS = 7;
    private static final double EPSILON = 1e-10;

    /** Versor (x, y, z, w). */
    private final double[] q;
    private final double scale;
    /** s·dR/dv_i (total derivatives, w depending on v), row-major, for the Jacobian. */
    private final double[][] dA;

    private SimilarityTransform(double[] c, double[] q, double[] t, double scale) {
        super(Mat3.scale(rotation(q), scale), c, t);
        this.q = q;
        this.scale = scale;
        this.dA = versorDerivatives(q, scale);
    }

    /** s·(∂R/∂v_i + ∂R/∂w · ∂w/∂v_i) with ∂w/∂v_i = −v_i/w, for i = x, y, z. */
    private static double[][] versorDerivatives(double[] q, double scale) {
        double x = q[0];
        double y = q[1];
        double z = q[2];
        double w = q[3];
        // ∂R/∂w and ∂R/∂v_i with the other components held fixed
        double[] dw = {0, -2 * z, 2 * y, 2 * z, 0, -2 * x, -2 * y, 2 * x, 0};
        double[][] dv = {
            {0, 2 * y, 2 * z, 2 * y, -4 * x, -2 * w, 2 * z, 2 * w, -4 * x},
            {-4 * y, 2 * x, 2 * w, 2 * x, 0, 2 * z, -2 * w, 2 * z, -4 * y},
            {-4 * z, -2 * w, 2 * x, 2 * w, -4 * z, 2 * y, 2 * x, 2 * y, 0}};
        double[][] out = new double[3][9];
        for (int p = 0; p < 3; p++) {
            double dwdv = -q[p] / w;
            for (int i = 0; i < 9; i++) {
                out[p][i] = scale * (dv[p][i] + dw[i] * dwdv);
            }
        }
        return out;
    }

    /**
     * A similarity transform from the versor's vector part, the translation (mm), the scale and the centre (mm).
     *
     * @throws IllegalArgumentException on non-finite values or a scale that is not positive
     */
    public static SimilarityTransform of(double[] centerMm, double[] versor, double[] translationMm, double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("similarity scale must be finite and positive, got " + scale);
        }
        return new SimilarityTransform(centerMm, unitVersor(Mat3.copy3(versor, "versor")), translationMm, scale);
    }

    /** The identity about {@code centerMm}. */
    public static SimilarityTransform identity(double[] centerMm) {
        return of(centerMm, new double[3], new double[3], 1);
    }

    /**
     * The similarity mapping of an affine, parametrised about {@code centerMm}.
     *
     * @throws IllegalArgumentException if the linear part is not a positive scale times a proper rotation
     *                                  (within 1e-6)
     */
    public static SimilarityTransform fromAffine(Affine affine, double[] centerMm) {
        double[] l = Mat3.linearOf(affine);
        double det = Mat3.determinant(l);
        if (!(det > 0)) {
            throw new IllegalArgumentException("not a similarity (determinant " + det + "): " + affine);
        }
        double s = Math.cbrt(det);
        double[] r = Mat3.scale(l, 1 / s);
        EulerTransform.requireRotation(r, affine);
        double[] c = Mat3.copy3(centerMm, "centre");
        double[] quat = versorOf(r);
        return new SimilarityTransform(c, quat, translationFor(l, affine.translation(), c), s);
    }

    /** The versor's vector part (a copy). */
    public double[] versor() {
        return new double[] {q[0], q[1], q[2]};
    }

    /** The isotropic scale. */
    public double scale() {
        return scale;
    }

    @Override
    public int parameterCount() {
        return PARAMETERS;
    }

    @Override
    public double[] parameters() {
        return new double[] {q[0], q[1], q[2], t[0], t[1], t[2], scale};
    }

    @Override
    public SimilarityTransform withParameters(double[] parameters) {
        double[] p = checkedParameters(parameters, PARAMETERS, "SimilarityTransform");
        return of(c, new double[] {p[0], p[1], p[2]}, new double[] {p[3], p[4], p[5]}, p[6]);
    }

    /**
     * Columns 0–2: s·(∂R/∂v_i + ∂R/∂w · ∂w/∂v_i)·(in − c) with ∂w/∂v_i = −v_i/w; 3–5: the identity;
     * 6: R·(in − c).
     */
    @Override
    public void jacobian(double[] in, double[] jacobian) {
        double dx = in[0] - c[0];
        double dy = in[1] - c[1];
        double dz = in[2] - c[2];
        java.util.Arrays.fill(jacobian, 0, 3 * PARAMETERS, 0.0);
        for (int p = 0; p < 3; p++) {
            double[] d = dA[p];
            for (int r = 0; r < 3; r++) {
                jacobian[r * PARAMETERS + p] = d[r * 3] * dx + d[r * 3 + 1] * dy + d[r * 3 + 2] * dz;
            }
        }
        translationColumns(jacobian, PARAMETERS, 3);
        for (int r = 0; r < 3; r++) {
            jacobian[r * PARAMETERS + 6] = (a[r * 3] * dx + a[r * 3 + 1] * dy + a[r * 3 + 2] * dz) / scale;
        }
    }

    /** The inverse about the same centre: scale 1/s, the conjugate versor, translation −Rᵀt/s. */
    @Override
    public SimilarityTransform inverse() {
        double[] conj = {-q[0], -q[1], -q[2], q[3]};
        double[] it = Mat3.apply(Mat3.transpose(rotation(q)), t);
        double inv = 1 / scale;
        return new SimilarityTransform(c, conj, new double[] {-it[0] * inv, -it[1] * inv, -it[2] * inv}, inv);
    }

    /** {@code this ∘ first} of two similarity transforms: a similarity about {@code first}'s centre. */
    public SimilarityTransform compose(SimilarityTransform first) {
        return fromAffine(toAffine().multiply(first.toAffine()), first.c);
    }

    /** (x, y, z, w) from a vector part, shrunk as ITK does when it is too long. */
    private static double[] unitVersor(double[] v) {
        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (norm >= 1 - EPSILON) {
            double f = 1 / (norm + EPSILON * norm);
            v = new double[] {v[0] * f, v[1] * f, v[2] * f};
        }
        double w = Math.sqrt(Math.max(0, 1 - (v[0] * v[0] + v[1] * v[1] + v[2] * v[2])));
        return new double[] {v[0], v[1], v[2], w};
    }

    /** The rotation matrix of a unit quaternion (x, y, z, w). */
    static double[] rotation(double[] q) {
        double x = q[0];
        double y = q[1];
        double z = q[2];
        double w = q[3];
        return new double[] {
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)};
    }

    /** The unit quaternion (x, y, z, w), w ≥ 0, of a rotation matrix (Shepperd's method: the largest pivot). */
    static double[] versorOf(double[] r) {
        double trace = r[0] + r[4] + r[8];
        double x;
        double y;
        double z;
        double w;
        if (trace >= r[0] && trace >= r[4] && trace >= r[8]) {
            double s = 2 * Math.sqrt(1 + trace);
            w = s / 4;
            x = (r[7] - r[5]) / s;
            y = (r[2] - r[6]) / s;
            z = (r[3] - r[1]) / s;
        } else if (r[0] >= r[4] && r[0] >= r[8]) {
            double s = 2 * Math.sqrt(1 + r[0] - r[4] - r[8]);
            x = s / 4;
            w = (r[7] - r[5]) / s;
            y = (r[1] + r[3]) / s;
            z = (r[2] + r[6]) / s;
        } else if (r[4] >= r[8]) {
            double s = 2 * Math.sqrt(1 + r[4] - r[0] - r[8]);
            y = s / 4;
            w = (r[2] - r[6]) / s;
            x = (r[1] + r[3]) / s;
            z = (r[5] + r[7]) / s;
        } else {
            double s = 2 * Math.sqrt(1 + r[8] - r[0] - r[4]);
            z = s / 4;
            w = (r[3] - r[1]) / s;
            x = (r[2] + r[6]) / s;
            y = (r[5] + r[7]) / s;
        }
        if (w < 0) {
            x = -x;
            y = -y;
            z = -z;
            w = -w;
        }
        double n = Math.sqrt(x * x + y * y + z * z + w * w);
        return new double[] {x / n, y / n, z / n, w / n};
    }
}

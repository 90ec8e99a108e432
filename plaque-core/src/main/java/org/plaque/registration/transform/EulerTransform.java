package org.plaque.registration.transform;

import org.plaque.geom.Affine;

/**
 * A rigid transform (rotation and translation, 6 parameters) with a fixed centre, parametrised like ITK's
 * {@code Euler3DTransform}: parameters (θx, θy, θz, tx, ty, tz), angles in radians about the world x, y and
 * z axes, translation in mm; {@code out = R·(in − c) + c + t}, all in world RAS+ mm.
 *
 * <p>Angle order (ITK's semantics): by default {@link AngleOrder#ZXY}, R = Rz(θz)·Rx(θx)·Ry(θy) — a point is
 * turned about y first, then x, then z; {@link AngleOrder#ZYX} (ITK's {@code ComputeZYX} flag) gives
 * R = Rz·Ry·Rx. Each elementary rotation is right-handed: Rz(θ) turns +x towards +y.
 *
 * <p>Reading ITK files: conjugating by the LPS↔RAS flip diag(−1, −1, 1) (a half-turn about z) maps
 * R(θx, θy, θz) to R(−θx, −θy, θz) in the same order, so an ITK Euler transform stays an Euler transform
 * ({@code org.plaque.io.itk} does that conversion). Immutable.
 */
public final class EulerTransform extends LinearBase {
    /** Number of parameters. */
    public static final int PARAMETERS = 6;

    /** The order in which the three elementary rotations are combined (ITK's {@code ComputeZYX} flag). */
    public enum AngleOrder {
        /** R = Rz·Rx·Ry (ITK's default). */
        ZXY,
        /** R = Rz·Ry·Rx (ITK's {@code ComputeZYX} on). */
        ZYX
    }

    private final double[] angles;
    private final AngleOrder order;
    /** ∂R/∂θx, ∂R/∂θy, ∂R/∂θz, row-major. */
    private final double[][] dR;

    private EulerTransform(double[] c, double[] angles, double[] t, AngleOrder order) {
        this(c, angles, t, order, rotations(angles, order));
    }

    private EulerTransform(double[] c, double[] angles, double[] t, AngleOrder order, double[][] r) {
        super(r[0], c, t);
        this.angles = angles;
        this.order = order;
        this.dR = new double[][] {r[1], r[2], r[3]};
    }

    /** A rigid transform with angles (radians, ZXY order), translation (mm) and centre (mm). */
    public static EulerTransform of(double[] centerMm, double[] anglesRad, double[] translationMm) {
        return of(centerMm, anglesRad, translationMm, AngleOrder.ZXY);
    }

    /** A rigid transform with an explicit angle order. */
    public static EulerTransform of(double[] centerMm, double[] anglesRad, double[] translationMm, AngleOrder order) {
        java.util.Objects.requireNonNull(order, "order");
        return new EulerTransform(centerMm, Mat3.copy3(anglesRad, "angles"), translationMm, order);
    }

    /** The identity about {@code centerMm}. */
    public static EulerTransform identity(double[] centerMm) {
        return of(centerMm, new double[3], new double[3]);
    }

    /**
     * The rigid mapping of an affine, parametrised about {@code centerMm} (ZXY order).
     *
     * @throws IllegalArgumentException if the linear part is not a proper rotation (|RᵀR − I| > 1e-6 or det ≤ 0)
     */
    public static EulerTransform fromAffine(Affine affine, double[] centerMm) {
        return fromAffine(affine, centerMm, AngleOrder.ZXY);
    }

    /** As {@link #fromAffine(Affine, double[])} with an explicit angle order. */
    public static EulerTransform fromAffine(Affine affine, double[] centerMm, AngleOrder order) {
        double[] r = Mat3.linearOf(affine);
        requireRotation(r, affine);
        double[] c = Mat3.copy3(centerMm, "centre");
        return new EulerTransform(c, anglesOf(r, order), translationFor(r, affine.translation(), c), order);
    }

    static void requireRotation(double[] r, Object what) {
        if (Mat3.orthonormalityError(r) > 1e-6 || Mat3.determinant(r) <= 0) {
            throw new IllegalArgumentException("not a proper rotation: " + what);
        }
    }

    /** The angles (radians, a copy). */
    public double[] angles() {
        return angles.clone();
    }

    /** The angle order. */
    public AngleOrder angleOrder() {
        return order;
    }

    @Override
    public int parameterCount() {
        return PARAMETERS;
    }

    @Override
    public double[] parameters() {
        return new double[] {angles[0], angles[1], angles[2], t[0], t[1], t[2]};
    }

    @Override
    public EulerTransform withParameters(double[] parameters) {
        double[] p = checkedParameters(parameters, PARAMETERS, "EulerTransform");
        return new EulerTransform(c, new double[] {p[0], p[1], p[2]}, new double[] {p[3], p[4], p[5]}, order);
    }

    /** Columns 0–2: ∂R/∂θ · (in − c); columns 3–5: the identity. */
    @Override
    public void jacobian(double[] in, double[] jacobian) {
        double dx = in[0] - c[0];
        double dy = in[1] - c[1];
        double dz = in[2] - c[2];
        java.util.Arrays.fill(jacobian, 0, 3 * PARAMETERS, 0.0);
        for (int p = 0; p < 3; p++) {
            double[] d = dR[p];
            for (int r = 0; r < 3; r++) {
                jacobian[r * PARAMETERS + p] = d[r * 3] * dx + d[r * 3 + 1] * dy + d[r * 3 + 2] * dz;
            }
        }
        translationColumns(jacobian, PARAMETERS, 3);
    }

    /** The inverse rigid transform about the same centre: Rᵀ(y − c) + c − Rᵀt. */
    @Override
    public EulerTransform inverse() {
        double[] rt = Mat3.transpose(a);
        double[] it = Mat3.apply(rt, t);
        return new EulerTransform(c, anglesOf(rt, order), new double[] {-it[0], -it[1], -it[2]}, order);
    }

    /** {@code this ∘ first} of two rigid transforms: rigid, about {@code first}'s centre, in this angle order. */
    public EulerTransform compose(EulerTransform first) {
        return fromAffine(toAffine().multiply(first.toAffine()), first.c, order);
    }

    @Override
    boolean sameFixed(LinearBase other) {
        return order == ((EulerTransform) other).order;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + order.hashCode();
    }

    /** R and its three partial derivatives for the given angles and order. */
    private static double[][] rotations(double[] th, AngleOrder order) {
        double cx = Math.cos(th[0]);
        double sx = Math.sin(th[0]);
        double cy = Math.cos(th[1]);
        double sy = Math.sin(th[1]);
        double cz = Math.cos(th[2]);
        double sz = Math.sin(th[2]);
        double[] rx = {1, 0, 0, 0, cx, -sx, 0, sx, cx};
        double[] ry = {cy, 0, sy, 0, 1, 0, -sy, 0, cy};
        double[] rz = {cz, -sz, 0, sz, cz, 0, 0, 0, 1};
        double[] drx = {0, 0, 0, 0, -sx, -cx, 0, cx, -sx};
        double[] dry = {-sy, 0, cy, 0, 0, 0, -cy, 0, -sy};
        double[] drz = {-sz, -cz, 0, cz, -sz, 0, 0, 0, 0};
        if (order == AngleOrder.ZXY) {
            return new double[][] {
                Mat3.multiply(rz, Mat3.multiply(rx, ry)),
                Mat3.multiply(rz, Mat3.multiply(drx, ry)),
                Mat3.multiply(rz, Mat3.multiply(rx, dry)),
                Mat3.multiply(drz, Mat3.multiply(rx, ry))};
        }
        return new double[][] {
            Mat3.multiply(rz, Mat3.multiply(ry, rx)),
            Mat3.multiply(rz, Mat3.multiply(ry, drx)),
            Mat3.multiply(rz, Mat3.multiply(dry, rx)),
            Mat3.multiply(drz, Mat3.multiply(ry, rx))};
    }

    /**
     * Angles that reproduce the rotation {@code r} in the given order, each in (−π, π] and the middle one in
     * [−π/2, π/2]. At gimbal lock (the middle angle's cosine below 5e-5, ITK's threshold) two axes coincide:
     * θz is set to 0 (ZXY) or θx to 0 (ZYX) and the remaining angle carries the rotation.
     */
    static double[] anglesOf(double[] r, AngleOrder order) {
        double ax;
        double ay;
        double az;
        if (order == AngleOrder.ZXY) {
            // R = Rz·Rx·Ry: R21 = sin θx, R20 = −cos θx sin θy, R22 = cos θx cos θy, R01 = −sin θz cos θx, R11 = cos θz cos θx
            ax = Math.asin(clamp(r[7]));
            if (Math.abs(Math.cos(ax)) > 5e-5) {
                ay = Math.atan2(-r[6], r[8]);
                az = Math.atan2(-r[1], r[4]);
            } else {
                az = 0; // then R = Rx·Ry, whose R00 = cos θy and R02 = sin θy
                ay = Math.atan2(r[2], r[0]);
            }
        } else {
            // R = Rz·Ry·Rx: R20 = −sin θy, R21 = cos θy sin θx, R22 = cos θy cos θx, R10 = sin θz cos θy, R00 = cos θz cos θy
            ay = -Math.asin(clamp(r[6]));
            if (Math.abs(Math.cos(ay)) > 5e-5) {
                ax = Math.atan2(r[7], r[8]);
                az = Math.atan2(r[3], r[0]);
            } else {
                ax = 0; // then R = Rz·Ry, whose R01 = −sin θz and R11 = cos θz
                az = Math.atan2(-r[1], r[4]);
            }
        }
        return new double[] {ax, ay, az};
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}

package org.plaque.io.nifti;

import java.math.BigDecimal;
import org.plaque.InvalidInputException;
import org.plaque.geom.Affine;

/**
 * The three NIfTI voxel-to-world rules (sform, qform, fallback from voxel sizes), computed as nibabel
 * does, and the reverse: qform parameters for a given affine.
 *
 * <p>Quaternion conventions follow the NIfTI-1 header documentation (nifti1.h): rotation from the unit
 * quaternion (a, b, c, d) with a ≥ 0, third column scaled by qfac = ±1.
 */
final class NiftiAffines {
    private NiftiAffines() {
    }

    /** The sform: the three stored rows. */
    static Affine sform(double[] srow12) {
        for (int i = 0; i < 12; i++) {
            if (!Double.isFinite(srow12[i])) {
                throw new InvalidInputException("sform (srow_" + "xyz".charAt(i / 4) + "[" + i % 4 + "]) is "
                    + srow12[i] + "; every sform entry must be finite when sform_code > 0");
            }
        }
        return Affine.ofRowMajor(srow12);
    }

    /**
     * The qform.
     *
     * @param bcd quaternion b, c, d
     * @param offset qoffset x, y, z
     * @param zooms voxel sizes, already positive and finite
     * @param pixdim0 the stored qfac; exactly −1 flips the third axis, anything else counts as 1
     * @param w2Threshold how negative 1 − b² − c² − d² may be from rounding before it is an error
     */
    static Affine qform(double[] bcd, double[] offset, double[] zooms, double pixdim0, double w2Threshold) {
        for (int i = 0; i < 3; i++) {
            if (!Double.isFinite(bcd[i])) {
                throw new InvalidInputException("qform quaternion (quatern_b, c, d) has a non-finite entry "
                    + bcd[i] + " while qform_code > 0");
            }
            if (!Double.isFinite(offset[i])) {
                throw new InvalidInputException("qform offset (qoffset_x, y, z) has a non-finite entry "
                    + offset[i] + " while qform_code > 0");
            }
        }
        double b = bcd[0];
        double c = bcd[1];
        double d = bcd[2];
        double w2 = oneMinusSumOfSquares(b, c, d);
        double a;
        if (w2 < 0) {
            if (w2 < w2Threshold) {
                throw new InvalidInputException("qform quaternion (b, c, d) = (" + b + ", " + c + ", " + d
                    + ") has norm above 1, so it is not a rotation");
            }
            a = 0;
        } else {
            a = Math.sqrt(w2);
        }
        double[][] r = rotation(a, b, c, d);
        double qfac = pixdim0 == -1 ? -1 : 1;
        double[] s = {zooms[0], zooms[1], zooms[2] * qfac};
        double[][] lin = new double[3][3];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                lin[row][col] = r[row][col] * s[col];
            }
        }
        return Affine.of(lin, offset);
    }

    /**
     * 1 − b² − c² − d², correctly rounded. Near a half-turn this is a small difference of numbers close to
     * 1, where double arithmetic would lose the digits that decide a = √(…): nibabel computes it in long
     * double, and exact arithmetic reproduces that to well below double precision.
     */
    static double oneMinusSumOfSquares(double b, double c, double d) {
        BigDecimal bb = new BigDecimal(b);
        BigDecimal cc = new BigDecimal(c);
        BigDecimal dd = new BigDecimal(d);
        return BigDecimal.ONE.subtract(bb.multiply(bb)).subtract(cc.multiply(cc)).subtract(dd.multiply(dd))
            .doubleValue();
    }

    /**
     * Rotation matrix of the quaternion (a, b, c, d), normalised by its squared norm so that a quaternion
     * slightly off unit length still gives a rotation (a near-zero quaternion gives the identity).
     */
    static double[][] rotation(double a, double b, double c, double d) {
        double n = a * a + b * b + c * c + d * d;
        if (n < Math.ulp(1.0)) {
            return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        }
        double s = 2.0 / n;
        double bs = b * s;
        double cs = c * s;
        double ds = d * s;
        double ab = a * bs;
        double ac = a * cs;
        double ad = a * ds;
        double bb = b * bs;
        double bc = b * cs;
        double bd = b * ds;
        double cc = c * cs;
        double cd = c * ds;
        double dd = d * ds;
        return new double[][] {
            {1.0 - (cc + dd), bc - ad, bd + ac},
            {bc + ad, 1.0 - (bb + dd), cd - ab},
            {bd - ac, cd + ab, 1.0 - (bb + cc)}};
    }

    /**
     * nibabel's fallback when neither code is set: x flipped (radiological storage), the image centre at
     * the origin; axes beyond {@code dim[0]} have size 1 and spacing 1.
     */
    static Affine fallback(long[] dim, double[] zooms) {
        double[] z = new double[3];
        double[] t = new double[3];
        for (int axis = 1; axis <= 3; axis++) {
            boolean present = axis <= dim[0];
            double zoom = present ? zooms[axis - 1] : 1;
            double n = present ? dim[axis] : 1;
            if (axis == 1) {
                zoom = -zoom;
            }
            z[axis - 1] = zoom;
            // "+ 0.0" turns −0 into +0 for axes of size 1, so that equal affines compare equal.
            t[axis - 1] = -((n - 1) / 2.0) * zoom + 0.0;
        }
        return Affine.ofRowMajor(z[0], 0, 0, t[0], 0, z[1], 0, t[1], 0, 0, z[2], t[2]);
    }

    /**
     * The qform parameters that best represent {@code affine}: voxel sizes (column lengths), qfac (the
     * sign of the determinant), the quaternion of the nearest rotation, and the translation. Exact for
     * affines without shear; with shear the rotation is the orthogonal polar factor (the closest rotation
     * in the Frobenius norm), so the qform only approximates the affine.
     */
    static QformParameters qformParameters(Affine affine) {
        double[][] m = affine.linear();
        double[] zooms = new double[3];
        for (int col = 0; col < 3; col++) {
            zooms[col] = Math.sqrt(m[0][col] * m[0][col] + m[1][col] * m[1][col] + m[2][col] * m[2][col]);
            for (int row = 0; row < 3; row++) {
                m[row][col] /= zooms[col];
            }
        }
        double qfac = 1;
        if (det(m) < 0) {
            qfac = -1;
            for (int row = 0; row < 3; row++) {
                m[row][2] = -m[row][2];
            }
        }
        double[][] r = nearestRotation(m);
        double[] q = quaternion(r);
        if (q[0] < 0) {
            for (int i = 0; i < 4; i++) {
                q[i] = -q[i];
            }
        }
        return new QformParameters(q[1], q[2], q[3], affine.translation(), zooms, qfac);
    }

    /**
     * qform fields.
     *
     * @param b quaternion b
     * @param c quaternion c
     * @param d quaternion d
     * @param offset translation, mm
     * @param zooms voxel sizes, mm
     * @param qfac ±1
     */
    record QformParameters(double b, double c, double d, double[] offset, double[] zooms, double qfac) {
    }

    /**
     * Orthogonal polar factor by Newton's iteration X ← (X + X^−T)/2, which converges quadratically for
     * a non-singular matrix (Higham, SIAM J. Sci. Stat. Comput. 7(4), 1986, doi:10.1137/0907079).
     */
    private static double[][] nearestRotation(double[][] m) {
        double[][] x = copy(m);
        for (int iter = 0; iter < 100; iter++) {
            double[][] invT = inverseTranspose(x);
            double change = 0;
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    double next = 0.5 * (x[r][c] + invT[r][c]);
                    change = Math.max(change, Math.abs(next - x[r][c]));
                    x[r][c] = next;
                }
            }
            if (change < 1e-15) {
                break;
            }
        }
        return x;
    }

    /** Unit quaternion (a, b, c, d) of a rotation matrix, branching on the largest term for accuracy. */
    private static double[] quaternion(double[][] r) {
        double trace = r[0][0] + r[1][1] + r[2][2];
        double a;
        double b;
        double c;
        double d;
        if (trace > 0) {
            double s = 2 * Math.sqrt(trace + 1);
            a = 0.25 * s;
            b = (r[2][1] - r[1][2]) / s;
            c = (r[0][2] - r[2][0]) / s;
            d = (r[1][0] - r[0][1]) / s;
        } else if (r[0][0] >= r[1][1] && r[0][0] >= r[2][2]) {
            double s = 2 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
            a = (r[2][1] - r[1][2]) / s;
            b = 0.25 * s;
            c = (r[0][1] + r[1][0]) / s;
            d = (r[0][2] + r[2][0]) / s;
        } else if (r[1][1] >= r[2][2]) {
            double s = 2 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
            a = (r[0][2] - r[2][0]) / s;
            b = (r[0][1] + r[1][0]) / s;
            c = 0.25 * s;
            d = (r[1][2] + r[2][1]) / s;
        } else {
            double s = 2 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
            a = (r[1][0] - r[0][1]) / s;
            b = (r[0][2] + r[2][0]) / s;
            c = (r[1][2] + r[2][1]) / s;
            d = 0.25 * s;
        }
        double n = Math.sqrt(a * a + b * b + c * c + d * d);
        return new double[] {a / n, b / n, c / n, d / n};
    }

    private static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[][] inverseTranspose(double[][] m) {
        double det = det(m);
        double[][] cof = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int r1 = (r + 1) % 3;
                int r2 = (r + 2) % 3;
                int c1 = (c + 1) % 3;
                int c2 = (c + 2) % 3;
                cof[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
            }
        }
        // The cofactor matrix divided by the determinant is exactly the inverse transpose.
        return cof;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[3][];
        for (int r = 0; r < 3; r++) {
            c[r] = m[r].clone();
        }
        return c;
    }
}

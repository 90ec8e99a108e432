package org.plaque.geom;

import java.util.Arrays;

/**
 * An immutable 4×4 homogeneous affine transform (last row 0 0 0 1), stored row-major in double precision.
 *
 * <p>Plaque uses it for voxel-to-world mappings (RAS+ millimetres) and for world-to-world spatial
 * transforms. Construction rejects non-finite entries and a last row other than (0, 0, 0, 1).
 */
public final class Affine {
    private static final Affine IDENTITY = new Affine(new double[] {
        1, 0, 0, 0,
        0, 1, 0, 0,
        0, 0, 1, 0,
        0, 0, 0, 1});

    private final double[] m;

    private Affine(double[] rowMajor16) {
        for (int i = 0; i < 16; i++) {
            // -0.0 + 0.0 == +0.0: equal transforms must compare equal (equals/hashCode look at the bits)
            rowMajor16[i] += 0.0;
        }
        this.m = rowMajor16;
    }

    /** The identity transform. */
    public static Affine identity() {
        return IDENTITY;
    }

    /**
     * An affine from 16 row-major values (copied), or 12 (the first three rows; the last row is implied).
     *
     * @throws IllegalArgumentException if a value is not finite or the last row is not (0, 0, 0, 1)
     */
    public static Affine ofRowMajor(double... values) {
        double[] copy = new double[16];
        if (values.length == 12) {
            System.arraycopy(values, 0, copy, 0, 12);
            copy[15] = 1;
        } else if (values.length == 16) {
            System.arraycopy(values, 0, copy, 0, 16);
        } else {
            throw new IllegalArgumentException("an affine needs 12 or 16 values, got " + values.length);
        }
        for (double v : copy) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("affine has a non-finite entry: " + Arrays.toString(copy));
            }
        }
        if (copy[12] != 0 || copy[13] != 0 || copy[14] != 0 || copy[15] != 1) {
            throw new IllegalArgumentException("affine's last row must be 0 0 0 1: " + Arrays.toString(copy));
        }
        return new Affine(copy);
    }

    /** An affine from a 4×4 (or 3×4) nested array. */
    public static Affine of(double[][] rows) {
        if (rows.length != 3 && rows.length != 4) {
            throw new IllegalArgumentException("an affine needs 3 or 4 rows, got " + rows.length);
        }
        double[] flat = new double[rows.length * 4];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != 4) {
                throw new IllegalArgumentException("affine row " + r + " needs 4 values, got " + rows[r].length);
            }
            System.arraycopy(rows[r], 0, flat, r * 4, 4);
        }
        return ofRowMajor(flat);
    }

    /** The affine x ↦ L·x + t from a 3×3 linear part and a translation. */
    public static Affine of(double[][] linear, double[] translation) {
        return ofRowMajor(
            linear[0][0], linear[0][1], linear[0][2], translation[0],
            linear[1][0], linear[1][1], linear[1][2], translation[1],
            linear[2][0], linear[2][1], linear[2][2], translation[2]);
    }

    /** A pure translation. */
    public static Affine translation(double tx, double ty, double tz) {
        return ofRowMajor(1, 0, 0, tx, 0, 1, 0, ty, 0, 0, 1, tz);
    }

    /** A pure axis scaling. */
    public static Affine scaling(double sx, double sy, double sz) {
        return ofRowMajor(sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0);
    }

    /** Entry at row {@code r}, column {@code c} (0-based). */
    public double get(int r, int c) {
        return m[r * 4 + c];
    }

    /** The 16 row-major values (a copy). */
    public double[] toRowMajor() {
        return m.clone();
    }

    /** The 4×4 matrix as nested rows (a copy). */
    public double[][] toArray() {
        double[][] rows = new double[4][4];
        for (int r = 0; r < 4; r++) {
            System.arraycopy(m, r * 4, rows[r], 0, 4);
        }
        return rows;
    }

    /** The 3×3 linear part as nested rows (a copy). */
    public double[][] linear() {
        double[][] rows = new double[3][3];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(m, r * 4, rows[r], 0, 3);
        }
        return rows;
    }

    /** The translation column. */
    public double[] translation() {
        return new double[] {m[3], m[7], m[11]};
    }

    /** {@code this ∘ other}: the transform that applies {@code other} first, then this. */
    public Affine multiply(Affine other) {
        double[] a = m;
        double[] b = other.m;
        double[] c = new double[16];
        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < 4; k++) {
                double s = 0;
                for (int j = 0; j < 4; j++) {
                    s += a[r * 4 + j] * b[j * 4 + k];
                }
                c[r * 4 + k] = s;
            }
        }
        c[12] = 0;
        c[13] = 0;
        c[14] = 0;
        c[15] = 1;
        return new Affine(c);
    }

    /** Determinant of the linear part. */
    public double determinant() {
        return m[0] * (m[5] * m[10] - m[6] * m[9])
            - m[1] * (m[4] * m[10] - m[6] * m[8])
            + m[2] * (m[4] * m[9] - m[5] * m[8]);
    }

    /**
     * The inverse transform.
     *
     * @throws IllegalArgumentException if the linear part is singular: its determinant is at most 1e-12 times
     *                                  the product of its column lengths (the largest it could be), a test
     *                                  that does not depend on the scale or order of the axes
     */
    public Affine inverse() {
        double det = determinant();
        double bound = columnLength(0) * columnLength(1) * columnLength(2);
        if (!(Math.abs(det) > 1e-12 * bound)) {
            throw new IllegalArgumentException("affine is singular (determinant " + det + ")");
        }
        double[] inv = new double[16];
        inv[0] = (m[5] * m[10] - m[6] * m[9]) / det;
        inv[1] = (m[2] * m[9] - m[1] * m[10]) / det;
        inv[2] = (m[1] * m[6] - m[2] * m[5]) / det;
        inv[4] = (m[6] * m[8] - m[4] * m[10]) / det;
        inv[5] = (m[0] * m[10] - m[2] * m[8]) / det;
        inv[6] = (m[2] * m[4] - m[0] * m[6]) / det;
        inv[8] = (m[4] * m[9] - m[5] * m[8]) / det;
        inv[9] = (m[1] * m[8] - m[0] * m[9]) / det;
        inv[10] = (m[0] * m[5] - m[1] * m[4]) / det;
        for (int r = 0; r < 3; r++) {
            inv[r * 4 + 3] = -(inv[r * 4] * m[3] + inv[r * 4 + 1] * m[7] + inv[r * 4 + 2] * m[11]);
        }
        inv[15] = 1;
        return new Affine(inv);
    }

    private double columnLength(int c) {
        return Math.sqrt(m[c] * m[c] + m[4 + c] * m[4 + c] + m[8 + c] * m[8 + c]);
    }

    /** Applies the transform to the point (x, y, z) and writes the result into {@code out[0..2]}. */
    public void apply(double x, double y, double z, double[] out) {
        double ox = m[0] * x + m[1] * y + m[2] * z + m[3];
        double oy = m[4] * x + m[5] * y + m[6] * z + m[7];
        double oz = m[8] * x + m[9] * y + m[10] * z + m[11];
        out[0] = ox;
        out[1] = oy;
        out[2] = oz;
    }

    /** Applies the transform to a point and returns a new array. */
    public double[] apply(double x, double y, double z) {
        double[] out = new double[3];
        apply(x, y, z, out);
        return out;
    }

    /** Whether every entry differs from {@code other}'s by at most {@code tolerance}. */
    public boolean approxEquals(Affine other, double tolerance) {
        for (int i = 0; i < 16; i++) {
            if (!(Math.abs(m[i] - other.m[i]) <= tolerance)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine a && Arrays.equals(m, a.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Affine[");
        for (int r = 0; r < 4; r++) {
            sb.append(r == 0 ? "" : "; ");
            for (int c = 0; c < 4; c++) {
                sb.append(c == 0 ? "" : " ").append(m[r * 4 + c]);
            }
        }
        return sb.append(']').toString();
    }
}

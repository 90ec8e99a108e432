package org.plaque.registration.transform;

/**
 * Small 3×3 matrix arithmetic on row-major {@code double[9]} arrays, shared by the linear transforms.
 * Every method returns a new array and leaves its arguments unchanged.
 */
final class Mat3 {
    static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    private Mat3() {
    }

    static double[] identity() {
        return IDENTITY.clone();
    }

    /** {@code a · b}. */
    static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                c[r * 3 + k] = a[r * 3] * b[k] + a[r * 3 + 1] * b[3 + k] + a[r * 3 + 2] * b[6 + k];
            }
        }
        return c;
    }

    /** {@code a · v}. */
    static double[] apply(double[] a, double[] v) {
        return new double[] {
            a[0] * v[0] + a[1] * v[1] + a[2] * v[2],
            a[3] * v[0] + a[4] * v[1] + a[5] * v[2],
            a[6] * v[0] + a[7] * v[1] + a[8] * v[2]};
    }

    static double[] transpose(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    static double determinant(double[] a) {
        return a[0] * (a[4] * a[8] - a[5] * a[7])
            - a[1] * (a[3] * a[8] - a[5] * a[6])
            + a[2] * (a[3] * a[7] - a[4] * a[6]);
    }

    /**
     * The inverse.
     *
     * @throws IllegalArgumentException if {@code a} is singular relative to the product of its column lengths
     */
    static double[] inverse(double[] a) {
        double det = determinant(a);
        double bound = columnLength(a, 0) * columnLength(a, 1) * columnLength(a, 2);
        if (!(Math.abs(det) > 1e-12 * bound)) {
            throw new IllegalArgumentException("matrix is singular (determinant " + det + ")");
        }
        return new double[] {
            (a[4] * a[8] - a[5] * a[7]) / det,
            (a[2] * a[7] - a[1] * a[8]) / det,
            (a[1] * a[5] - a[2] * a[4]) / det,
            (a[5] * a[6] - a[3] * a[8]) / det,
            (a[0] * a[8] - a[2] * a[6]) / det,
            (a[2] * a[3] - a[0] * a[5]) / det,
            (a[3] * a[7] - a[4] * a[6]) / det,
            (a[1] * a[6] - a[0] * a[7]) / det,
            (a[0] * a[4] - a[1] * a[3]) / det};
    }

    private static double columnLength(double[] a, int c) {
        return Math.sqrt(a[c] * a[c] + a[3 + c] * a[3 + c] + a[6 + c] * a[6 + c]);
    }

    static double[] scale(double[] a, double s) {
        double[] c = new double[9];
        for (int i = 0; i < 9; i++) {
            c[i] = a[i] * s;
        }
        return c;
    }

    /** Largest |entry| of {@code aᵀa − I}: how far {@code a} is from orthonormal. */
    static double orthonormalityError(double[] a) {
        double[] ata = multiply(transpose(a), a);
        double worst = 0;
        for (int i = 0; i < 9; i++) {
            worst = Math.max(worst, Math.abs(ata[i] - IDENTITY[i]));
        }
        return worst;
    }

    /** The 3×3 linear part of an affine as row-major values. */
    static double[] linearOf(org.plaque.geom.Affine a) {
        return new double[] {
            a.get(0, 0), a.get(0, 1), a.get(0, 2),
            a.get(1, 0), a.get(1, 1), a.get(1, 2),
            a.get(2, 0), a.get(2, 1), a.get(2, 2)};
    }

    /** The affine x ↦ L·x + o. */
    static org.plaque.geom.Affine affine(double[] l, double[] o) {
        return org.plaque.geom.Affine.ofRowMajor(
            l[0], l[1], l[2], o[0],
            l[3], l[4], l[5], o[1],
            l[6], l[7], l[8], o[2]);
    }

    static double[] copy3(double[] v, String what) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException(what + " must have 3 values");
        }
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(what + " must be finite: " + java.util.Arrays.toString(v));
            }
        }
        return v.clone();
    }

    static void requireFinite(double[] v, String what) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(what + " must be finite");
            }
        }
    }
}

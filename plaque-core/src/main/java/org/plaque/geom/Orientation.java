package org.plaque.geom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Orientation codes of voxel grids: three letters, one per voxel axis, naming the world direction (RAS+)
 * towards which that axis's index increases — {@code R}/{@code L}, {@code A}/{@code P},
 * {@code S}/{@code I}. "LAS" means: x runs right-to-left, y posterior-to-anterior, z inferior-to-superior.
 *
 * <p>{@link #axisCodes(Affine)} follows nibabel's {@code aff2axcodes}/{@code io_orientation}: the columns
 * of the affine's linear part are normalised, the nearest orthogonal matrix R (the polar factor,
 * R = U·Vᵀ of the SVD) removes shear, and voxel axes are assigned greedily in order x, y, z to the not yet
 * used world axis with the largest |R| entry (the first on exact ties). For grids rotated by about 45° or
 * more the assignment depends on this order, exactly as in nibabel.
 */
public final class Orientation {
    private static final String POSITIVE = "RAS";
    private static final String NEGATIVE = "LPI";
    /** Normalised-column determinant below which the affine counts as singular (no orientation). */
    private static final double SINGULAR = 1e-12;
    /** nibabel drops an axis whose remaining column is {@code allclose} to zero (absolute 1e-8). */
    private static final double ZERO_COLUMN = 1e-8;

    private static final List<String> ALL = buildAll();

    private Orientation() {
    }

    /**
     * Axis codes such as "LAS" of a voxel-to-world affine (RAS+ world), nibabel's
     * {@code aff2axcodes}/{@code io_orientation} semantics: for each voxel axis the closest world axis, with
     * the letter of the direction in which the index increases.
     *
     * @throws IllegalArgumentException if the affine's linear part is singular (an axis has no direction)
     */
    public static String axisCodes(Affine voxelToWorld) {
        double[][] rs = voxelToWorld.linear();
        for (int c = 0; c < 3; c++) {
            double norm = Math.sqrt(rs[0][c] * rs[0][c] + rs[1][c] * rs[1][c] + rs[2][c] * rs[2][c]);
            if (!(norm > 0)) {
                throw new IllegalArgumentException("affine has a zero column " + c
                    + ", so voxel axis " + c + " has no orientation: " + voxelToWorld);
            }
            for (int r = 0; r < 3; r++) {
                rs[r][c] /= norm;
            }
        }
        if (!(Math.abs(det(rs)) > SINGULAR)) {
            throw new IllegalArgumentException("affine is singular, its axes have no orientation: "
                + voxelToWorld);
        }
        double[][] rot = polarFactor(rs);
        boolean[] used = new boolean[3];
        char[] codes = new char[3];
        for (int c = 0; c < 3; c++) {
            int best = -1;
            double bestAbs = -1;
            for (int r = 0; r < 3; r++) {
                // strict '>' keeps the first maximum, as numpy's argmax does
                if (!used[r] && Math.abs(rot[r][c]) > bestAbs) {
                    best = r;
                    bestAbs = Math.abs(rot[r][c]);
                }
            }
            if (!(bestAbs > ZERO_COLUMN)) {
                throw new IllegalArgumentException("orientation of voxel axis " + c
                    + " is ambiguous for affine " + voxelToWorld);
            }
            used[best] = true;
            codes[c] = rot[best][c] > 0 ? POSITIVE.charAt(best) : NEGATIVE.charAt(best);
        }
        return new String(codes);
    }

    /** Axis codes of a grid's voxel-to-world affine; see {@link #axisCodes(Affine)}. */
    public static String axisCodes(ImageGeometry geometry) {
        return axisCodes(geometry.voxelToWorld());
    }

    /**
     * Validates and normalises a user's orientation code ("ras", "LPS", "LIA", …) to upper case: three
     * letters, one from each pair {L, R}, {A, P}, {S, I}, in any order.
     *
     * @throws IllegalArgumentException naming the code and what a valid one looks like
     */
    public static String parse(String code) {
        if (code == null) {
            throw new IllegalArgumentException("orientation code is missing; expected 3 letters such as RAS or LPS");
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (!ALL.contains(upper)) {
            throw new IllegalArgumentException("invalid orientation code '" + code
                + "': expected 3 letters, one from each pair L/R, A/P, S/I (e.g. RAS, LPS, LIA)");
        }
        return upper;
    }

    /**
     * The world axis a code letter refers to: 0 for R/L, 1 for A/P, 2 for S/I (upper case only).
     *
     * @throws IllegalArgumentException for any other character
     */
    public static int worldAxis(char letter) {
        int p = POSITIVE.indexOf(letter);
        if (p >= 0) {
            return p;
        }
        int n = NEGATIVE.indexOf(letter);
        if (n >= 0) {
            return n;
        }
        throw new IllegalArgumentException("not an orientation letter: '" + letter + "'");
    }

    /**
     * +1 if a code letter points along a positive RAS world axis (R, A, S), −1 for L, P, I.
     *
     * @throws IllegalArgumentException for any other character
     */
    public static int sign(char letter) {
        if (POSITIVE.indexOf(letter) >= 0) {
            return 1;
        }
        if (NEGATIVE.indexOf(letter) >= 0) {
            return -1;
        }
        throw new IllegalArgumentException("not an orientation letter: '" + letter + "'");
    }

    /** All 48 valid codes (6 axis orders × 8 sign choices), in a fixed order. */
    public static List<String> allCodes() {
        return ALL;
    }

    private static List<String> buildAll() {
        List<String> out = new ArrayList<>(48);
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] p : perms) {
            for (int signs = 0; signs < 8; signs++) {
                char[] c = new char[3];
                for (int d = 0; d < 3; d++) {
                    c[d] = ((signs >> d) & 1) == 0 ? POSITIVE.charAt(p[d]) : NEGATIVE.charAt(p[d]);
                }
                out.add(new String(c));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The orthogonal polar factor of a non-singular 3×3 matrix (equal to U·Vᵀ of its SVD), by Newton's
     * iteration X ← (γX + X⁻ᵀ/γ)/2 with Higham's scaling γ, which converges quadratically.
     * Reference: N. J. Higham, "Computing the polar decomposition — with applications", SIAM J. Sci. Stat.
     * Comput. 7(4), 1986, doi:10.1137/0907079.
     */
    static double[][] polarFactor(double[][] m) {
        double[][] x = copy(m);
        for (int iter = 0; iter < 100; iter++) {
            double[][] invT = inverseTranspose(x);
            double gamma = Math.sqrt(frobenius(invT) / frobenius(x));
            double change = 0;
            double size = 0;
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    double next = 0.5 * (gamma * x[r][c] + invT[r][c] / gamma);
                    change += (next - x[r][c]) * (next - x[r][c]);
                    size += next * next;
                    x[r][c] = next;
                }
            }
            if (change <= 1e-30 * size) {
                break;
            }
        }
        return x;
    }

    private static double[][] inverseTranspose(double[][] a) {
        double d = det(a);
        double[][] t = new double[3][3];
        // the cofactor matrix divided by the determinant is the inverse transposed
        t[0][0] = (a[1][1] * a[2][2] - a[1][2] * a[2][1]) / d;
        t[0][1] = (a[1][2] * a[2][0] - a[1][0] * a[2][2]) / d;
        t[0][2] = (a[1][0] * a[2][1] - a[1][1] * a[2][0]) / d;
        t[1][0] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / d;
        t[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / d;
        t[1][2] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / d;
        t[2][0] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / d;
        t[2][1] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / d;
        t[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / d;
        return t;
    }

    private static double det(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
            - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
            + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    private static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[3][];
        for (int r = 0; r < 3; r++) {
            c[r] = a[r].clone();
        }
        return c;
    }
}

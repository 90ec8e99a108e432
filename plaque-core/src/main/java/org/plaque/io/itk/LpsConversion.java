package org.plaque.io.itk;

import java.util.Arrays;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.registration.transform.AffineTransform;
import org.plaque.registration.transform.BSplineTransform;
import org.plaque.registration.transform.EulerTransform;
import org.plaque.registration.transform.EulerTransform.AngleOrder;
import org.plaque.registration.transform.LinearTransform;
import org.plaque.registration.transform.SimilarityTransform;
import org.plaque.registration.transform.Transform;
import org.plaque.registration.transform.TranslationTransform;

/**
 * Converts one transform between ITK's parameters in LPS and Plaque's transforms in RAS: T_RAS = F·T_LPS·F
 * with F = diag(−1, −1, 1), which is its own inverse, so the same sign flips work both ways.
 */
final class LpsConversion {
    /** F as a vector of signs. */
    private static final double[] F = {-1, -1, 1};

    private LpsConversion() {
    }

    /** The RAS transform of one raw (LPS) transform; {@code source} names the file in messages. */
    static Transform toRas(RawTransform raw, String source) {
        String where = source + ": line " + raw.line() + ": " + raw.typeName() + ": ";
        double[] p = raw.parameters() == null ? new double[0] : raw.parameters();
        double[] fixed = raw.fixedParameters() == null ? new double[0] : raw.fixedParameters();
        try {
            switch (raw.kind()) {
                case "AffineTransform":
                case "MatrixOffsetTransformBase":
                    count(where, "Parameters", p, 12);
                    count(where, "FixedParameters", fixed, 3);
                    return AffineTransform.of(flipMatrix(Arrays.copyOf(p, 9)), flip(fixed),
                        flip(Arrays.copyOfRange(p, 9, 12)));
                case "Euler3DTransform":
                    count(where, "Parameters", p, 6);
                    if (fixed.length != 3 && fixed.length != 4) {
                        throw new InvalidInputException(where + "expected 3 or 4 FixedParameters (centre and the "
                            + "ComputeZYX flag), found " + fixed.length);
                    }
                    AngleOrder order = fixed.length == 4 && fixed[3] != 0 ? AngleOrder.ZYX : AngleOrder.ZXY;
                    return EulerTransform.of(flip(Arrays.copyOf(fixed, 3)), new double[] {-p[0], -p[1], p[2]},
                        flip(Arrays.copyOfRange(p, 3, 6)), order);
                case "Similarity3DTransform":
                    count(where, "Parameters", p, 7);
                    count(where, "FixedParameters", fixed, 3);
                    return SimilarityTransform.of(flip(fixed), new double[] {-p[0], -p[1], p[2]},
                        flip(Arrays.copyOfRange(p, 3, 6)), p[6]);
                case "VersorRigid3DTransform":
                    count(where, "Parameters", p, 6);
                    count(where, "FixedParameters", fixed, 3);
                    // read exactly as a rigid transform; Plaque parametrises rigid transforms by Euler angles
                    SimilarityTransform versor = SimilarityTransform.of(flip(fixed), new double[] {-p[0], -p[1], p[2]},
                        flip(Arrays.copyOfRange(p, 3, 6)), 1);
                    return EulerTransform.fromAffine(versor.toAffine(), versor.center());
                case "TranslationTransform":
                    count(where, "Parameters", p, 3);
                    count(where, "FixedParameters", fixed, 0);
                    return TranslationTransform.of(flip(p));
                case "IdentityTransform":
                    count(where, "Parameters", p, 0);
                    return AffineTransform.identity(new double[3]);
                case "BSplineTransform":
                    return bspline(where, p, fixed);
                default:
                    throw new InvalidInputException(where + "unsupported transform type (supported: AffineTransform, "
                        + "MatrixOffsetTransformBase, Euler3DTransform, Similarity3DTransform, VersorRigid3DTransform, "
                        + "TranslationTransform, IdentityTransform, BSplineTransform, CompositeTransform)");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + e.getMessage(), e);
        }
    }

    private static Transform bspline(String where, double[] p, double[] fixed) {
        count(where, "FixedParameters", fixed, 18);
        int[] size = new int[3];
        long points = 1;
        for (int a = 0; a < 3; a++) {
            double s = fixed[a];
            if (s != Math.rint(s) || s < 4 || s > 1e6) {
                throw new InvalidInputException(where + "grid size must be whole numbers of at least 4 control points, "
                    + "found " + fixed[0] + " " + fixed[1] + " " + fixed[2]);
            }
            size[a] = (int) s;
            points *= size[a];
        }
        if (p.length != 3 * points) {
            throw new InvalidInputException(where + "expected " + 3 * points + " Parameters for a " + size[0] + "×"
                + size[1] + "×" + size[2] + " grid, found " + p.length);
        }
        double[] origin = flip(Arrays.copyOfRange(fixed, 3, 6));
        double[] spacing = Arrays.copyOfRange(fixed, 6, 9);
        for (double s : spacing) {
            if (!(s > 0)) {
                throw new InvalidInputException(where + "grid spacing must be positive, found "
                    + Arrays.toString(spacing));
            }
        }
        double[][] dir = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                dir[r][c] = F[r] * fixed[9 + r * 3 + c];
            }
        }
        ImageGeometry grid;
        try {
            grid = ImageGeometry.of(size, spacing, origin, dir);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + "bad grid: " + e.getMessage(), e);
        }
        int n = (int) points;
        double[] coef = p.clone();
        for (int i = 0; i < 2 * n; i++) {
            coef[i] = -coef[i] + 0.0;
        }
        return BSplineTransform.of(grid, coef);
    }

    private static void count(String where, String what, double[] v, int expected) {
        if (v.length != expected) {
            throw new InvalidInputException(where + "expected " + expected + " " + what + ", found " + v.length);
        }
    }

    /** The ITK type name, parameters and fixed parameters (LPS) of a RAS transform. */
    static RawTransform toLps(Transform t) {
        if (t instanceof TranslationTransform tr) {
            return raw("TranslationTransform", flip(tr.parameters()), new double[0]);
        }
        if (t instanceof EulerTransform e) {
            double[] p = e.parameters();
            double[] c = flip(e.center());
            return raw("Euler3DTransform", new double[] {-p[0] + 0.0, -p[1] + 0.0, p[2], -p[3] + 0.0, -p[4] + 0.0, p[5]},
                new double[] {c[0], c[1], c[2], e.angleOrder() == AngleOrder.ZYX ? 1 : 0});
        }
        if (t instanceof SimilarityTransform s) {
            double[] p = s.parameters();
            return raw("Similarity3DTransform",
                new double[] {-p[0] + 0.0, -p[1] + 0.0, p[2], -p[3] + 0.0, -p[4] + 0.0, p[5], p[6]}, flip(s.center()));
        }
        if (t instanceof LinearTransform l) {
            // AffineTransform, and any other linear kind, as ITK's general affine with the same centre
            double[] p = new double[12];
            System.arraycopy(flipMatrix(l.matrix()), 0, p, 0, 9);
            System.arraycopy(flip(l.translation()), 0, p, 9, 3);
            return raw("AffineTransform", p, flip(l.center()));
        }
        if (t instanceof BSplineTransform b) {
            ImageGeometry g = b.controlGrid();
            double[] fixed = new double[18];
            int[] size = g.size();
            double[] origin = flip(g.originMm());
            double[] spacing = g.spacingMm();
            double[][] dir = g.direction();
            for (int a = 0; a < 3; a++) {
                fixed[a] = size[a];
                fixed[3 + a] = origin[a];
                fixed[6 + a] = spacing[a];
                for (int c = 0; c < 3; c++) {
                    fixed[9 + a * 3 + c] = F[a] * dir[a][c] + 0.0;
                }
            }
            double[] coef = b.parameters();
            int n = g.voxelCount();
            for (int i = 0; i < 2 * n; i++) {
                coef[i] = -coef[i] + 0.0;
            }
            return raw("BSplineTransform", coef, fixed);
        }
        throw new IllegalArgumentException("cannot write " + t.getClass().getSimpleName() + " as an ITK transform");
    }

    private static RawTransform raw(String kind, double[] p, double[] fixed) {
        return new RawTransform(kind, "double", p, fixed, 0);
    }

    /** F·v (also F⁻¹·v). */
    static double[] flip(double[] v) {
        return new double[] {-v[0] + 0.0, -v[1] + 0.0, v[2]};
    }

    /** F·A·F of a row-major 3×3 matrix. */
    static double[] flipMatrix(double[] a) {
        double[] out = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                out[r * 3 + c] = F[r] * F[c] * a[r * 3 + c] + 0.0;
            }
        }
        return out;
    }
}

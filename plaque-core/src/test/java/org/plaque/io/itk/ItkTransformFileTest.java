package org.plaque.io.itk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.registration.transform.AffineTransform;
import org.plaque.registration.transform.BSplineTransform;
import org.plaque.registration.transform.CompositeTransform;
import org.plaque.registration.transform.EulerTransform;
import org.plaque.registration.transform.EulerTransform.AngleOrder;
import org.plaque.registration.transform.SimilarityTransform;
import org.plaque.registration.transform.Transform;
import org.plaque.registration.transform.TranslationTransform;

/**
 * ITK transform files: LPS → RAS semantics checked against ITK's formulas evaluated here in LPS (independently
 * of the transform classes), round trips of every kind, composites, and malformed files.
 */
class ItkTransformFileTest {
    @TempDir
    Path dir;

    private static double[] flip(double[] p) {
        return new double[] {-p[0], -p[1], p[2]};
    }

    private static double[] apply(Transform t, double[] p) {
        double[] q = new double[3];
        t.transformPoint(p, q);
        return q;
    }

    private static void assertClose(double[] a, double[] b, double tol) {
        for (int i = 0; i < 3; i++) {
            assertThat(a[i]).as("component %d", i).isCloseTo(b[i], within(tol));
        }
    }

    private static String fmt(double... v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(' ').append(String.format(Locale.ROOT, "%.17g", d));
        }
        return sb.toString();
    }

    private static String file(String type, double[] params, double[] fixed) {
        return "#Insight Transform File V1.0\n#Transform 0\nTransform: " + type + "\nParameters:" + fmt(params)
            + "\nFixedParameters:" + fmt(fixed) + "\n";
    }

    /** ITK's point mapping in LPS: out = M·(p − c) + c + t, M row-major. */
    private static double[] centred(double[] m, double[] c, double[] t, double[] p) {
        double[] d = {p[0] - c[0], p[1] - c[1], p[2] - c[2]};
        double[] q = new double[3];
        for (int r = 0; r < 3; r++) {
            q[r] = m[r * 3] * d[0] + m[r * 3 + 1] * d[1] + m[r * 3 + 2] * d[2] + c[r] + t[r];
        }
        return q;
    }

    private static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < 3; j++) {
                    c[r * 3 + k] += a[r * 3 + j] * b[j * 3 + k];
                }
            }
        }
        return c;
    }

    @Test
    void affineAndMatrixOffsetFilesMapRasPointsAsItkMapsLpsPoints() {
        // the layout of lesjak2016's *_to_common_space.txt files
        String lesjak = "#Insight Transform File V1.0\n#Transform 0\nTransform: MatrixOffsetTransformBase_double_3_3\n"
            + "Parameters: 0.999555 -0.0136326 0.022232 0.0117721 0.998513 0.0578017 -0.0236183 -0.0554887 1.00006 "
            + "0.0593291 0.11945 -4.34217\nFixedParameters: 0.431239 13.066 -14.9495\n";
        double[] m = {0.999555, -0.0136326, 0.022232, 0.0117721, 0.998513, 0.0578017, -0.0236183, -0.0554887, 1.00006};
        double[] t = {0.0593291, 0.11945, -4.34217};
        double[] c = {0.431239, 13.066, -14.9495};
        for (String text : new String[] {lesjak, lesjak.replace("MatrixOffsetTransformBase_double", "AffineTransform_float")}) {
            Transform tr = ItkTransformFile.parse(text, "lesjak.txt");
            assertThat(tr).isInstanceOf(AffineTransform.class);
            Random r = new Random(1);
            for (int i = 0; i < 20; i++) {
                double[] pLps = {100 * r.nextGaussian(), 100 * r.nextGaussian(), 100 * r.nextGaussian()};
                assertClose(apply(tr, flip(pLps)), flip(centred(m, c, t, pLps)), 1e-9);
            }
            assertClose(((AffineTransform) tr).center(), flip(c), 0);
        }
    }

    @Test
    void eulerFilesFollowItksAngleOrders() {
        Random r = new Random(2);
        for (int flag = 0; flag <= 1; flag++) {
            double ax = 0.3;
            double ay = -0.5;
            double az = 1.1;
            double[] t = {1, -2, 3};
            double[] c = {10, 20, -30};
            double[] rx = {1, 0, 0, 0, Math.cos(ax), -Math.sin(ax), 0, Math.sin(ax), Math.cos(ax)};
            double[] ry = {Math.cos(ay), 0, Math.sin(ay), 0, 1, 0, -Math.sin(ay), 0, Math.cos(ay)};
            double[] rz = {Math.cos(az), -Math.sin(az), 0, Math.sin(az), Math.cos(az), 0, 0, 0, 1};
            double[] rot = flag == 0 ? mul(rz, mul(rx, ry)) : mul(rz, mul(ry, rx));
            Transform tr = ItkTransformFile.parse(file("Euler3DTransform_double_3_3",
                new double[] {ax, ay, az, t[0], t[1], t[2]}, new double[] {c[0], c[1], c[2], flag}), "e.txt");
            assertThat(((EulerTransform) tr).angleOrder()).isEqualTo(flag == 0 ? AngleOrder.ZXY : AngleOrder.ZYX);
            for (int i = 0; i < 20; i++) {
                double[] p = {50 * r.nextGaussian(), 50 * r.nextGaussian(), 50 * r.nextGaussian()};
                assertClose(apply(tr, flip(p)), flip(centred(rot, c, t, p)), 1e-9);
            }
        }
        // older files have no ComputeZYX flag: 3 fixed parameters, ZXY
        Transform old = ItkTransformFile.parse(file("Euler3DTransform_double_3_3", new double[] {0, 0, 0.2, 0, 0, 0},
            new double[] {1, 2, 3}), "old.txt");
        assertThat(((EulerTransform) old).angleOrder()).isEqualTo(AngleOrder.ZXY);
    }

    @Test
    void similarityFilesUseItksVersor() {
        double[] v = {0.1, -0.2, 0.3};
        double w = Math.sqrt(1 - 0.01 - 0.04 - 0.09);
        double x = v[0];
        double y = v[1];
        double z = v[2];
        double s = 1.2;
        double[] rot = {
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)};
        for (int i = 0; i < 9; i++) {
            rot[i] *= s;
        }
        double[] t = {3, 2, 1};
        double[] c = {-5, 5, 7};
        Transform tr = ItkTransformFile.parse(file("Similarity3DTransform_double_3_3",
            new double[] {x, y, z, t[0], t[1], t[2], s}, c), "s.txt");
        Transform rigid = ItkTransformFile.parse(file("VersorRigid3DTransform_double_3_3",
            new double[] {x, y, z, t[0], t[1], t[2]}, c), "v.txt");
        assertThat(rigid).isInstanceOf(EulerTransform.class);
        Random r = new Random(3);
        for (int i = 0; i < 20; i++) {
            double[] p = {50 * r.nextGaussian(), 50 * r.nextGaussian(), 50 * r.nextGaussian()};
            assertClose(apply(tr, flip(p)), flip(centred(rot, c, t, p)), 1e-9);
            double[] unscaled = rot.clone();
            for (int k = 0; k < 9; k++) {
                unscaled[k] /= s;
            }
            assertClose(apply(rigid, flip(p)), flip(centred(unscaled, c, t, p)), 1e-9);
        }
    }

    @Test
    void translationAndIdentityFiles() {
        Transform tr = ItkTransformFile.parse("#Insight Transform File V1.0\n#Transform 0\n"
            + "Transform: TranslationTransform_double_3_3\nParameters: 1 2 3\nFixedParameters: \n", "t.txt");
        assertThat(apply(tr, new double[] {0, 0, 0})).containsExactly(-1, -2, 3);
        Transform id = ItkTransformFile.parse("Transform: IdentityTransform_double_3_3\nParameters: \n"
            + "FixedParameters: \n", "i.txt");
        assertThat(apply(id, new double[] {4, 5, 6})).containsExactly(4, 5, 6);
    }

    @Test
    void bsplineFilesFollowItksGridLayoutInLps() {
        Random r = new Random(4);
        int[] size = {6, 5, 7};
        double[] origin = {-20, 15, -10};
        double[] spacing = {8, 9, 7};
        double a = 0.2;
        double[] dir = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1}; // row-major, LPS
        int n = size[0] * size[1] * size[2];
        double[] coef = new double[3 * n];
        for (int i = 0; i < coef.length; i++) {
            coef[i] = 2 * r.nextGaussian();
        }
        double[] fixed = new double[18];
        for (int k = 0; k < 3; k++) {
            fixed[k] = size[k];
            fixed[3 + k] = origin[k];
            fixed[6 + k] = spacing[k];
        }
        System.arraycopy(dir, 0, fixed, 9, 9);
        Transform tr = ItkTransformFile.parse(file("BSplineTransform_double_3_3", coef, fixed), "b.txt");
        assertThat(tr).isInstanceOf(BSplineTransform.class);
        int checked = 0;
        for (int i = 0; i < 200; i++) {
            // points over the grid and beyond it
            double[] idx = {-0.5 + 6 * r.nextDouble(), -0.5 + 5 * r.nextDouble(), -0.5 + 7 * r.nextDouble()};
            double[] p = new double[3];
            for (int row = 0; row < 3; row++) {
                p[row] = origin[row];
                for (int col = 0; col < 3; col++) {
                    p[row] += dir[row * 3 + col] * spacing[col] * idx[col];
                }
            }
            double[] expect = itkBSpline(p, idx, size, coef);
            checked += expect == p ? 0 : 1;
            assertClose(apply(tr, flip(p)), flip(expect), 1e-9);
        }
        assertThat(checked).isGreaterThan(20);
    }

    /** ITK's BSplineTransform::TransformPoint in LPS, with plain loops: identity outside [1, size − 2]. */
    private static double[] itkBSpline(double[] p, double[] idx, int[] size, double[] coef) {
        for (int k = 0; k < 3; k++) {
            if (idx[k] < 1 || idx[k] >= size[k] - 2) {
                return p;
            }
        }
        int n = size[0] * size[1] * size[2];
        double[] q = p.clone();
        int[] start = new int[3];
        for (int k = 0; k < 3; k++) {
            start[k] = (int) Math.floor(idx[k] - 1);
        }
        for (int c = 0; c < 4; c++) {
            for (int b = 0; b < 4; b++) {
                for (int a = 0; a < 4; a++) {
                    double w = cubic(idx[0] - (start[0] + a)) * cubic(idx[1] - (start[1] + b))
                        * cubic(idx[2] - (start[2] + c));
                    int cp = start[0] + a + size[0] * (start[1] + b + size[1] * (start[2] + c));
                    for (int d = 0; d < 3; d++) {
                        q[d] += w * coef[d * n + cp];
                    }
                }
            }
        }
        return q;
    }

    /** The centred cubic B-spline β³(x). */
    private static double cubic(double x) {
        double ax = Math.abs(x);
        if (ax < 1) {
            return (4 - 6 * ax * ax + 3 * ax * ax * ax) / 6;
        }
        if (ax < 2) {
            return (2 - ax) * (2 - ax) * (2 - ax) / 6;
        }
        return 0;
    }

    @Test
    void compositeFilesApplyTheLastTransformFirst() {
        String text = "#Insight Transform File V1.0\n#Transform 0\nTransform: CompositeTransform_double_3_3\n"
            + "#Transform 1\nTransform: TranslationTransform_double_3_3\nParameters: 0 0 10\nFixedParameters: \n"
            + "#Transform 2\nTransform: AffineTransform_double_3_3\nParameters: 2 0 0 0 2 0 0 0 2 0 0 0\n"
            + "FixedParameters: 0 0 0\n";
        Transform tr = ItkTransformFile.parse(text, "c.txt");
        assertThat(tr).isInstanceOf(CompositeTransform.class);
        // translation(affine(p)): z → 2z + 10
        assertThat(apply(tr, new double[] {1, 1, 1})).containsExactly(2, 2, 12);
        assertThat(ItkTransformFile.format(tr)).startsWith("#Insight Transform File V1.0\n#Transform 0\n"
            + "Transform: CompositeTransform_double_3_3\n#Transform 1\nTransform: TranslationTransform_double_3_3\n");
    }

    static List<Transform> randomTransforms(Random r) {
        double[] c = {20 * r.nextGaussian(), 20 * r.nextGaussian(), 20 * r.nextGaussian()};
        double[] t = {5 * r.nextGaussian(), 5 * r.nextGaussian(), 5 * r.nextGaussian()};
        double[] m = new double[9];
        for (int i = 0; i < 9; i++) {
            m[i] = (i % 4 == 0 ? 1 : 0) + 0.1 * r.nextGaussian();
        }
        ImageGeometry domain = ImageGeometry.of(new int[] {30, 25, 20}, new double[] {0.9, 1.1, 3},
            new double[] {-10 * r.nextDouble(), 5, 7}, new double[][] {{0, 1, 0}, {-1, 0, 0}, {0, 0, 1}});
        BSplineTransform b = BSplineTransform.overDomain(domain, new int[] {3, 2, 2});
        double[] p = new double[b.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextGaussian();
        }
        List<Transform> list = new ArrayList<>(List.of(
            TranslationTransform.of(t),
            EulerTransform.of(c, new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()}, t),
            EulerTransform.of(c, new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()}, t, AngleOrder.ZYX),
            SimilarityTransform.of(c, new double[] {0.1 * r.nextGaussian(), 0.1 * r.nextGaussian(), 0.1}, t, 1.1),
            AffineTransform.of(m, c, t),
            b.withParameters(p)));
        list.add(CompositeTransform.of(list.get(4), list.get(5)));
        return list;
    }

    @Test
    void everyKindRoundTripsExactlyThroughTextAndFile() throws IOException {
        qt().withFixedSeed(5).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            for (Transform t : randomTransforms(new Random(seed))) {
                Transform back = ItkTransformFile.parse(ItkTransformFile.format(t), "mem");
                assertThat(back).isEqualTo(t);
            }
        });
        Path f = dir.resolve("t.txt");
        for (Transform t : randomTransforms(new Random(6))) {
            ItkTransformFile.write(t, f);
            assertThat(ItkTransformFile.read(f)).isEqualTo(t);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(f); // no temporary files left
        }
    }

    @Test
    void writtenNumbersLookLikeItks() {
        String text = ItkTransformFile.format(AffineTransform.identity(new double[] {1.5, -2, 0}));
        assertThat(text).isEqualTo("#Insight Transform File V1.0\n#Transform 0\nTransform: AffineTransform_double_3_3\n"
            + "Parameters: 1 0 0 0 1 0 0 0 1 0 0 0\nFixedParameters: -1.5 2 0\n");
    }

    @Test
    void unwritableTransformsAndFoldersFailCleanly() {
        Transform opaque = (in, out) -> System.arraycopy(in, 0, out, 0, 3);
        assertThatThrownBy(() -> ItkTransformFile.write(opaque, dir.resolve("x.txt")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("x.txt")).doesNotExist();
        assertThatThrownBy(() -> ItkTransformFile.write(TranslationTransform.identity(), dir.resolve("no/x.txt")))
            .isInstanceOf(IOException.class);
    }

    /** Malformed files: each is refused with one line naming the file. */
    static List<String[]> malformed() {
        String head = "#Insight Transform File V1.0\n#Transform 0\n";
        return List.of(
            new String[] {"empty", "", "no 'Transform:' line"},
            new String[] {"comments only", head, "no 'Transform:' line"},
            new String[] {"garbage", "\u0000\u0001binary\u00ff", "expected 'Transform:'"},
            new String[] {"unknown key", head + "Transform: AffineTransform_double_3_3\nParams: 1 2\n", "unknown entry"},
            new String[] {"parameters first", "Parameters: 1 2 3\n", "before any 'Transform:'"},
            new String[] {"bad type name", head + "Transform: Affine\n", "unrecognised transform type"},
            new String[] {"2-D", head + "Transform: AffineTransform_double_2_2\nParameters: 1 0 0 1 0 0\n"
                + "FixedParameters: 0 0\n", "only 3-D"},
            new String[] {"unsupported", head + "Transform: ScaleTransform_double_3_3\nParameters: 1 1 1\n"
                + "FixedParameters: 0 0 0\n", "unsupported transform type"},
            new String[] {"too few", head + "Transform: AffineTransform_double_3_3\nParameters: 1 0 0 0 1 0 0 0 1 0 0\n"
                + "FixedParameters: 0 0 0\n", "expected 12 Parameters, found 11"},
            new String[] {"no centre", head + "Transform: AffineTransform_double_3_3\nParameters: 1 0 0 0 1 0 0 0 1 0 0 0\n",
                "expected 3 FixedParameters, found 0"},
            new String[] {"not a number", head + "Transform: TranslationTransform_double_3_3\nParameters: 1 x 3\n",
                "not a number: 'x'"},
            new String[] {"nan", head + "Transform: TranslationTransform_double_3_3\nParameters: 1 NaN 3\n", "not finite"},
            new String[] {"two parameter lines", head + "Transform: TranslationTransform_double_3_3\nParameters: 1 2 3\n"
                + "Parameters: 1 2 3\n", "second Parameters"},
            new String[] {"two transforms", head + "Transform: TranslationTransform_double_3_3\nParameters: 1 2 3\n"
                + "Transform: TranslationTransform_double_3_3\nParameters: 1 2 3\n", "holds 2 transforms"},
            new String[] {"nested composite", head + "Transform: CompositeTransform_double_3_3\n"
                + "Transform: CompositeTransform_double_3_3\n", "nested"},
            new String[] {"euler flags", head + "Transform: Euler3DTransform_double_3_3\nParameters: 0 0 0 0 0 0\n"
                + "FixedParameters: 0 0\n", "3 or 4 FixedParameters"},
            new String[] {"bspline grid", head + "Transform: BSplineTransform_double_3_3\nParameters: 1 2 3\n"
                + "FixedParameters: 4 4 4 0 0 0 1 1 1 1 0 0 0 1 0 0 0 1\n", "expected 192 Parameters"},
            new String[] {"bspline size", head + "Transform: BSplineTransform_double_3_3\nParameters: 1 2 3\n"
                + "FixedParameters: 4.5 4 4 0 0 0 1 1 1 1 0 0 0 1 0 0 0 1\n", "grid size"},
            new String[] {"bspline direction", head + "Transform: BSplineTransform_double_3_3\nParameters:"
                + " 0".repeat(192) + "\nFixedParameters: 4 4 4 0 0 0 1 1 1 1 0 0 1 0 0 0 0 1\n", "bad grid"},
            new String[] {"similarity scale", head + "Transform: Similarity3DTransform_double_3_3\n"
                + "Parameters: 0 0 0 0 0 0 0\nFixedParameters: 0 0 0\n", "scale"});
    }

    @Test
    void malformedFilesAreRefusedWithOneLineNamingTheFile() throws IOException {
        for (String[] c : malformed()) {
            Path f = dir.resolve(c[0].replace(' ', '_') + ".txt");
            Files.write(f, c[1].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> ItkTransformFile.read(f)).as(c[0])
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining(c[2])
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> ItkTransformFile.read(dir.resolve("missing.txt")))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing.txt: no such file");
    }
}

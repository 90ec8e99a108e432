package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Interpolation;
import org.plaque.image.LabelVolume;
import org.plaque.image.ScalarVolume;
import org.plaque.io.itk.ItkTransformFile;
import org.plaque.io.nifti.NiftiDataType;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.registration.transform.AffineTransform;
import org.plaque.registration.transform.BSplineTransform;
import org.plaque.registration.transform.CompositeTransform;
import org.plaque.registration.transform.EulerTransform;
import org.plaque.registration.transform.TranslationTransform;

/** plaque apply-transform on generated images and transforms with known answers. */
class ApplyTransformCommandTest {
    @TempDir
    Path dir;

    /** A moving image whose value is the world x coordinate (mm) of each voxel, on an LPS-stored grid. */
    private static ScalarVolume xRamp() {
        ImageGeometry g = ImageGeometry.of(40, 36, 30, Affine.ofRowMajor(
            -1.5, 0, 0, 30,
            0, -1.5, 0, 27,
            0, 0, 2, -30));
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int k = 0; k < 30; k++) {
            for (int j = 0; j < 36; j++) {
                for (int i = 0; i < 40; i++) {
                    b.set(i, j, k, (float) g.voxelToWorld().apply(i, j, k)[0]);
                }
            }
        }
        return b.build();
    }

    private static ImageGeometry referenceGrid() {
        return ImageGeometry.axisAligned(20, 18, 15, new double[] {1, 1, 1.5}, new double[] {-10, -9, -10});
    }

    private Path write(ScalarVolume v, String name) throws Exception {
        Path p = dir.resolve(name);
        NiftiWriter.write(v, p);
        return p;
    }

    private Path transform(org.plaque.registration.transform.Transform t, String name) throws Exception {
        Path p = dir.resolve(name);
        ItkTransformFile.write(t, p);
        return p;
    }

    @Test
    void theLastListedTransformActsFirst() throws Exception {
        Path in = write(xRamp(), "moving.nii.gz");
        Path ref = write(ScalarVolume.filled(referenceGrid(), 0), "ref.nii.gz");
        AffineTransform doubleX = AffineTransform.of(new double[] {2, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3], new double[3]);
        TranslationTransform shift = TranslationTransform.of(3, 0, 0);
        Path t1 = transform(doubleX, "double.txt");
        Path t2 = transform(shift, "shift.txt");
        Path out = dir.resolve("out.nii.gz");
        CliRun r = CliRun.of("apply-transform", "--reference", ref.toString(), "--transform", t1.toString(),
            "--transform", t2.toString(), in.toString(), out.toString(), "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote").contains("2 transforms");
        ScalarVolume o = NiftiReader.withDefaults().readScalar(out);
        ImageGeometry g = referenceGrid();
        assertThat(o.geometry().sameGrid(g, org.plaque.geom.Tolerance.DEFAULT)).isTrue();
        // value = x of T1(T2(p)) = 2 (x + 3): the shift (listed last) first
        for (int k = 0; k < g.nz(); k += 3) {
            for (int j = 0; j < g.ny(); j += 3) {
                for (int i = 0; i < g.nx(); i += 3) {
                    double x = g.voxelToWorld().apply(i, j, k)[0];
                    assertThat((double) o.get(i, j, k)).isCloseTo(2 * (x + 3), within(1e-3));
                }
            }
        }
        // the same as one composite file in the same order
        Path comp = transform(CompositeTransform.of(doubleX, shift), "composite.txt");
        Path out2 = dir.resolve("out2.nii.gz");
        assertThat(CliRun.of("apply-transform", "-r", ref.toString(), "-t", comp.toString(), in.toString(),
            out2.toString()).exitCode()).isZero();
        assertThat(NiftiReader.withDefaults().readScalar(out2).toArray()).containsExactly(o.toArray());
    }

    @Test
    void inverseIdentityAndBSplineInterpolation() throws Exception {
        ScalarVolume moving = xRamp();
        Path in = write(moving, "moving.nii.gz");
        Path ref = write(ScalarVolume.filled(referenceGrid(), 0), "ref.nii.gz");
        EulerTransform rigid = EulerTransform.of(new double[] {1, 2, 3}, new double[] {0.1, -0.05, 0.2},
            new double[] {2, -1, 0.5});
        Path t = transform(rigid, "rigid.txt");
        Path out = dir.resolve("inv.nii.gz");
        CliRun r = CliRun.of("apply-transform", "-r", ref.toString(), "-t", "[" + t + ",1]", "-n", "bspline",
            in.toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        ScalarVolume expect = Resample.scalar(moving, referenceGrid(), rigid.inverse(), Interpolation.BSPLINE, 0f,
            ExecutionContext.singleThreaded());
        assertThat(NiftiReader.withDefaults().readScalar(out).toArray()).containsExactly(expect.toArray());
        Path id = dir.resolve("id.nii.gz");
        assertThat(CliRun.of("apply-transform", "-r", ref.toString(), "-t", "identity", in.toString(), id.toString())
            .exitCode()).isZero();
        ScalarVolume idExpect = Resample.scalar(moving, referenceGrid(), Affine.identity(), Interpolation.LINEAR, 0f,
            ExecutionContext.singleThreaded());
        assertThat(NiftiReader.withDefaults().readScalar(id).toArray()).containsExactly(idExpect.toArray());
    }

    @Test
    void nearestKeepsIntegerLabelsExactly() throws Exception {
        ImageGeometry g = ImageGeometry.axisAligned(8, 8, 8, new double[] {1, 1, 1}, new double[3]);
        LabelVolume.Builder b = LabelVolume.builder(g);
        int[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = 20_000_000 + i; // beyond float32's exact integers
        }
        LabelVolume labels = b.build();
        Path in = dir.resolve("labels.nii.gz");
        NiftiWriter.write(labels, in, NiftiDataType.INT32);
        Path ref = write(ScalarVolume.filled(g, 0), "ref.nii.gz");
        Path t = transform(TranslationTransform.of(1, 0, 0), "t.txt");
        Path out = dir.resolve("out.nii.gz");
        CliRun r = CliRun.of("apply-transform", "-r", ref.toString(), "-t", t.toString(), "--interp", "nearest",
            in.toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(NiftiReader.withDefaults().readHeader(out).dataType()).isEqualTo(NiftiDataType.INT32);
        LabelVolume o = NiftiReader.withDefaults().readLabels(out);
        for (int i = 0; i < 7; i++) {
            assertThat(o.get(i, 3, 4)).isEqualTo(labels.get(i + 1, 3, 4));
        }
        assertThat(o.get(7, 3, 4)).isZero();
        // a uint8 mask stays uint8
        Path mask = dir.resolve("mask.nii.gz");
        NiftiWriter.write(org.plaque.image.Mask.above(xRamp(), 0), mask);
        Path mout = dir.resolve("mout.nii.gz");
        assertThat(CliRun.of("apply-transform", "-r", ref.toString(), "-t", t.toString(), "-n", "nearest",
            mask.toString(), mout.toString()).exitCode()).isZero();
        assertThat(NiftiReader.withDefaults().readHeader(mout).dataType()).isEqualTo(NiftiDataType.UINT8);
    }

    @Test
    void badInputsFailWithTheRightCodeOneLineAndNoOutput() throws Exception {
        Path in = write(xRamp(), "moving.nii.gz");
        Path ref = write(ScalarVolume.filled(referenceGrid(), 0), "ref.nii.gz");
        Path t = transform(TranslationTransform.of(1, 2, 3), "t.txt");
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "#Insight Transform File V1.0\nTransform: AffineTransform_double_3_3\nParameters: 1 2\n");
        BSplineTransform spline = BSplineTransform.overDomain(referenceGrid(), new int[] {2, 2, 2});
        Path bs = transform(spline, "bspline.txt");
        Path outDir = Files.createDirectory(dir.resolve("out"));
        String out = outDir.resolve("o.nii.gz").toString();
        Object[][] cases = {
            {ExitCode.INVALID_INPUT, new String[] {"apply-transform", "-r", ref.toString(), "-t", dir.resolve("none.txt").toString(), in.toString(), out}, "none.txt"},
            {ExitCode.INVALID_INPUT, new String[] {"apply-transform", "-r", ref.toString(), "-t", bad.toString(), in.toString(), out}, "bad.txt"},
            {ExitCode.INVALID_INPUT, new String[] {"apply-transform", "-r", ref.toString(), "-t", "[" + bs + ",1]", in.toString(), out}, "cannot invert"},
            {ExitCode.INVALID_INPUT, new String[] {"apply-transform", "-r", dir.resolve("noref.nii").toString(), "-t", t.toString(), in.toString(), out}, "noref.nii"},
            {ExitCode.INVALID_INPUT, new String[] {"apply-transform", "-r", ref.toString(), "-t", t.toString(), dir.resolve("noin.nii").toString(), out}, "noin.nii"},
            {ExitCode.USAGE, new String[] {"apply-transform", "-r", ref.toString(), "-t", t.toString(), "--interp", "cubic", in.toString(), out}, "--interp"},
            {ExitCode.USAGE, new String[] {"apply-transform", "-t", t.toString(), in.toString(), out}, "--reference"},
            {ExitCode.USAGE, new String[] {"apply-transform", "-r", ref.toString(), in.toString(), out}, "--transform"},
            {ExitCode.USAGE, new String[] {"apply-transform", "-r", ref.toString(), "-t", t.toString(), in.toString(), outDir.resolve("o.img").toString()}, ".nii"},
            {ExitCode.USAGE, new String[] {"apply-transform", "-r", ref.toString(), "-t", "[" + t + ",2]", in.toString(), out}, "0 or 1"},
        };
        for (Object[] c : cases) {
            CliRun r = CliRun.of((String[]) c[1]);
            assertThat(r.exitCode()).as(r.err()).isEqualTo(c[0]);
            assertThat(r.oneErrorLine()).as(r.err()).isTrue();
            assertThat(r.err()).contains((String) c[2]);
            try (Stream<Path> left = Files.list(outDir)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void helpDocumentsTheOrder() {
        CliRun r = CliRun.of("apply-transform", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("the LAST listed is applied FIRST").contains("T1(T2(").contains("bspline");
    }
}

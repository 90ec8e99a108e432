package org.plaque.io.itk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Interpolation;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.registration.transform.AffineTransform;
import org.plaque.registration.transform.BSplineTransform;
import org.plaque.registration.transform.CompositeTransform;
import org.plaque.registration.transform.EulerTransform;
import org.plaque.registration.transform.SimilarityTransform;
import org.plaque.registration.transform.Transform;
import org.plaque.registration.transform.TranslationTransform;
import org.plaque.testing.ItkPeer;
import org.plaque.testing.RealData;

/**
 * Real ITK as the oracle of the LPS conversion: each kind of transform is written by Plaque, read by ITK 5.2's
 * {@code resample} peer (its own NIfTI reader, transform factory and {@code ResampleImageFilter}), and the
 * result must equal Plaque's resampling of the same image through the same transform. This checks angle
 * orders, versors, B-spline grid layout and composite order against ITK itself, not against our reading
 * of its documentation.
 */
@Tag(RealData.TAG)
class ItkPeerResampleTest {
    @TempDir
    Path dir;

    @Test
    void itkResamplesEveryWrittenKindAsPlaqueDoes() throws Exception {
        Path resample = ItkPeer.program("resample");
        Random r = new Random(91);
        // an oblique, anisotropic moving image (as a thick-slice scan) and an axial reference grid
        double a = 0.3;
        ImageGeometry movingGrid = ImageGeometry.of(new int[] {48, 44, 30}, new double[] {0.9, 1.0, 2.5},
            new double[] {-20, 25, -35}, new double[][] {{-Math.cos(a), Math.sin(a), 0}, {-Math.sin(a), -Math.cos(a), 0},
                {0, 0, 1}});
        ScalarVolume.Builder b = ScalarVolume.builder(movingGrid);
        for (int k = 0; k < 30; k++) {
            for (int j = 0; j < 44; j++) {
                for (int i = 0; i < 48; i++) {
                    b.set(i, j, k, (float) (200 + 80 * Math.sin(0.35 * i) * Math.cos(0.3 * j) + 10 * k + 5 * r.nextGaussian()));
                }
            }
        }
        ScalarVolume moving = b.build();
        ImageGeometry ref = ImageGeometry.axisAligned(40, 42, 36, new double[] {1.1, 1.05, 1.2},
            new double[] {-50, -5, -30});
        Path in = dir.resolve("moving.nii.gz");
        Path refFile = dir.resolve("ref.nii.gz");
        NiftiWriter.write(moving, in);
        NiftiWriter.write(ScalarVolume.filled(ref, 0), refFile);

        double[] c = ref.voxelToWorld().apply(19.5, 20.5, 17.5);
        double[] t = {3, -2, 4};
        double[] m = {1.05, 0.04, -0.03, -0.05, 0.97, 0.06, 0.02, -0.04, 1.02};
        BSplineTransform spline = BSplineTransform.overDomain(ref, new int[] {3, 3, 2});
        double[] p = new double[spline.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = 2.5 * r.nextGaussian();
        }
        spline = spline.withParameters(p);
        AffineTransform affine = AffineTransform.of(m, c, t);
        Transform[] kinds = {
            TranslationTransform.of(t),
            EulerTransform.of(c, new double[] {0.12, -0.2, 0.3}, t),
            EulerTransform.of(c, new double[] {0.12, -0.2, 0.3}, t, EulerTransform.AngleOrder.ZYX),
            SimilarityTransform.of(c, new double[] {0.05, 0.1, -0.15}, t, 1.08),
            affine,
            spline,
            CompositeTransform.of(affine, spline)};
        for (Transform tr : kinds) {
            Path txt = dir.resolve("t.txt");
            Path out = dir.resolve("itk.nii.gz");
            ItkTransformFile.write(tr, txt);
            ItkPeer.run(resample, in.toString(), refFile.toString(), txt.toString(), out.toString(), "linear",
                "--threads", "1");
            ScalarVolume itk = NiftiReader.withDefaults().readScalar(out);
            ScalarVolume java = Resample.scalar(moving, ref, tr, Interpolation.LINEAR, 0f,
                ExecutionContext.singleThreaded());
            assertThat(itk.geometry().sameGrid(ref, org.plaque.geom.Tolerance.DEFAULT)).isTrue();
            int inside = 0;
            int borderDisagreements = 0;
            double worst = 0;
            for (int i = 0; i < ref.voxelCount(); i++) {
                float x = itk.get(i);
                float y = java.get(i);
                if (x == 0 || y == 0) {
                    borderDisagreements += (x == 0) != (y == 0) ? 1 : 0;
                    continue;
                }
                inside++;
                worst = Math.max(worst, Math.abs(x - y));
            }
            System.out.printf(Locale.ROOT, "ITK vs Plaque, %s: %d voxels inside, max |diff| %.2e, %d border "
                + "disagreements%n", tr.getClass().getSimpleName(), inside, worst, borderDisagreements);
            assertThat(inside).as(tr.toString()).isGreaterThan(ref.voxelCount() / 4);
            assertThat(worst).as(tr.toString()).isLessThan(1e-2); // float32 arithmetic on values ~300
            assertThat(borderDisagreements).as(tr.toString()).isLessThan(ref.voxelCount() / 10_000 + 5);
        }
    }
}

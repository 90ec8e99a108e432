package org.plaque.io.itk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Interpolation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiHeader;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.registration.transform.AffineTransform;
import org.plaque.registration.transform.Transform;
import org.plaque.testing.ItkPeer;
import org.plaque.testing.PythonOracle;
import org.plaque.testing.RealData;

/**
 * Known answer on real data: the raw FLAIR scans of lesjak2016_longitudinal resampled onto each patient's
 * common grid (gt/brainmask) with the provided {@code studyN_FLAIR_to_common_space.txt} files must match
 * ITK's own resampling ({@code peers/itk/build/resample}) and reproduce the MANIFEST's sanity figures;
 * patient01 study2 is also checked against scipy's {@code affine_transform} driven by a Python reading of
 * the same file (an implementation that shares nothing with Plaque's or ITK's).
 */
@Tag(RealData.TAG)
class LesjakCommonSpaceTest {
    private static final List<String> PATIENTS = List.of("patient01", "patient03", "patient19");

    @TempDir
    Path dir;

    private static ScalarVolume toCommon(String patient, int study, ExecutionContext ctx) {
        Path base = RealData.file("lesjak2016_longitudinal/" + patient);
        ScalarVolume raw = NiftiReader.withDefaults().readScalar(base.resolve("study" + study + "_FLAIR.nii.gz"));
        NiftiHeader h = NiftiReader.withDefaults().readHeader(base.resolve("brainmask.nii.gz"));
        int[] size = h.volumeSize();
        ImageGeometry common = ImageGeometry.of(size[0], size[1], size[2], h.affine());
        Transform t = ItkTransformFile.read(base.resolve("study" + study + "_FLAIR_to_common_space.txt"));
        assertThat(t).isInstanceOf(AffineTransform.class);
        return Resample.scalar(raw, common, ((AffineTransform) t).toAffine(), Interpolation.LINEAR, 0f, ctx);
    }

    @Test
    void matchesItksResamplingForEveryPatientAndStudy() throws Exception {
        Path resample = ItkPeer.program("resample");
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            for (String patient : PATIENTS) {
                for (int study = 1; study <= 2; study++) {
                    Path base = RealData.file("lesjak2016_longitudinal/" + patient);
                    ScalarVolume java = toCommon(patient, study, ctx);
                    Path out = dir.resolve("itk.nii.gz");
                    ItkPeer.run(resample, base.resolve("study" + study + "_FLAIR.nii.gz").toString(),
                        base.resolve("brainmask.nii.gz").toString(),
                        base.resolve("study" + study + "_FLAIR_to_common_space.txt").toString(), out.toString(),
                        "linear", "--threads", "2");
                    ScalarVolume itk = NiftiReader.withDefaults().readScalar(out);
                    double[] s = similarity(itk, java);
                    int[] border = borderDisagreements(itk, java);
                    double inside = maxInsideDifference(itk, java);
                    System.out.printf(Locale.ROOT, "%s study%d vs ITK resample: rel RMS %.2e, r %.9f; %d of %d voxels "
                        + "inside for one only (rounding at the border); max |diff| where both are inside %.2g%n",
                        patient, study, s[0], s[1], border[0], border[1], inside);
                    // a voxel whose continuous index lies within ~1e-7 of the border may fall on either side
                    assertThat(border[0]).as(patient + " study" + study + " border").isLessThanOrEqualTo(border[1] / 10_000);
                    assertThat(inside).as(patient + " study" + study + " inside").isLessThan(0.05);
                    assertThat(s[1]).as(patient + " study" + study + " Pearson r").isGreaterThan(0.99999);
                }
            }
        }
    }

    /** Voxels that are 0 (outside) in exactly one of the two images, and the voxels inside either. */
    static int[] borderDisagreements(ScalarVolume a, ScalarVolume b) {
        int differ = 0;
        int inside = 0;
        for (int i = 0; i < a.geometry().voxelCount(); i++) {
            boolean ia = a.get(i) != 0;
            boolean ib = b.get(i) != 0;
            differ += ia != ib ? 1 : 0;
            inside += ia || ib ? 1 : 0;
        }
        return new int[] {differ, inside};
    }

    /** max |b − a| over voxels where both are non-zero. */
    static double maxInsideDifference(ScalarVolume a, ScalarVolume b) {
        double max = 0;
        for (int i = 0; i < a.geometry().voxelCount(); i++) {
            if (a.get(i) != 0 && b.get(i) != 0) {
                max = Math.max(max, Math.abs(a.get(i) - b.get(i)));
            }
        }
        return max;
    }

    /** rel RMS = rms(b − a)/rms(a), Pearson r and max |b − a| over all voxels (compare.py's definitions). */
    static double[] similarity(ScalarVolume a, ScalarVolume b) {
        int n = a.geometry().voxelCount();
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < n; i++) {
            sa += a.get(i);
            sb += b.get(i);
        }
        double ma = sa / n;
        double mb = sb / n;
        double d2 = 0;
        double a2 = 0;
        double cov = 0;
        double va = 0;
        double vb = 0;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double x = a.get(i);
            double y = b.get(i);
            d2 += (y - x) * (y - x);
            a2 += x * x;
            cov += (x - ma) * (y - mb);
            va += (x - ma) * (x - ma);
            vb += (y - mb) * (y - mb);
            max = Math.max(max, Math.abs(y - x));
        }
        return new double[] {Math.sqrt(d2 / a2), cov / Math.sqrt(va * vb), max};
    }

    @Test
    void reproducesTheManifestSanityFigures() {
        Path base = RealData.file("lesjak2016_longitudinal/patient01");
        Mask gt = NiftiReader.withDefaults().readMask(base.resolve("gt.nii.gz"));
        Mask brain = NiftiReader.withDefaults().readMask(base.resolve("brainmask.nii.gz"));
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            double[] study1 = means(toCommon("patient01", 1, ctx), gt, brain);
            double[] study2 = means(toCommon("patient01", 2, ctx), gt, brain);
            System.out.printf(Locale.ROOT, "patient01 FLAIR on the common grid: study1 gt %.1f / rest of brain %.1f, "
                + "study2 gt %.1f / rest %.1f%n", study1[0], study1[1], study2[0], study2[1]);
            // MANIFEST: study2 is bright inside gt (351 vs 268 in the rest of the brain), study1 is not (249 vs 257)
            assertThat(study2[0]).isCloseTo(351, within(1.0));
            assertThat(study2[1]).isCloseTo(268, within(1.0));
            assertThat(study1[0]).isCloseTo(249, within(1.0));
            assertThat(study1[1]).isCloseTo(257, within(1.0));
        }
    }

    /** Mean intensity inside gt and inside the brain but outside gt. */
    private static double[] means(ScalarVolume v, Mask gt, Mask brain) {
        double in = 0;
        double rest = 0;
        int nIn = 0;
        int nRest = 0;
        for (int i = 0; i < v.geometry().voxelCount(); i++) {
            if (gt.get(i)) {
                in += v.get(i);
                nIn++;
            } else if (brain.get(i)) {
                rest += v.get(i);
                nRest++;
            }
        }
        return new double[] {in / nIn, rest / nRest};
    }

    private static final String SCIPY = String.join("\n",
        "import sys, numpy as np, nibabel as nib",
        "from scipy import ndimage",
        "raw = nib.load(sys.argv[1]); ref = nib.load(sys.argv[2])",
        "vals = {}",
        "for line in open(sys.argv[3]):",
        "    if line.startswith('Parameters:') or line.startswith('FixedParameters:'):",
        "        k, v = line.split(':', 1); vals[k.strip()] = [float(x) for x in v.split()]",
        "p = np.array(vals['Parameters']); c = np.array(vals['FixedParameters'])",
        "A = p[:9].reshape(3, 3); t = p[9:12]",
        "F = np.diag([-1.0, -1.0, 1.0, 1.0])",
        "T = np.eye(4); T[:3, :3] = A; T[:3, 3] = t + c - A @ c",  // LPS: q = A p + (t + c - A c)
        "M = np.linalg.inv(raw.affine) @ F @ T @ F @ ref.affine",  // common voxel -> raw voxel
        "data = np.asarray(raw.dataobj, dtype=np.float64)",
        "out = ndimage.affine_transform(data, M[:3, :3], M[:3, 3], output_shape=ref.shape[:3], order=1, mode='constant', cval=0.0)",
        "nib.save(nib.Nifti1Image(out.astype(np.float32), ref.affine), sys.argv[4])");

    @Test
    void matchesAnIndependentScipyResampling() throws Exception {
        String python = PythonOracle.python("nibabel", "numpy", "scipy");
        Path base = RealData.file("lesjak2016_longitudinal/patient01");
        Path out = dir.resolve("scipy.nii");
        PythonOracle.run(python, SCIPY, List.of(base.resolve("study2_FLAIR.nii.gz").toString(),
            base.resolve("brainmask.nii.gz").toString(), base.resolve("study2_FLAIR_to_common_space.txt").toString(),
            out.toString()));
        assertThat(Files.exists(out)).isTrue();
        ScalarVolume scipy = NiftiReader.withDefaults().readScalar(out);
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            ScalarVolume java = toCommon("patient01", 2, ctx);
            // scipy's 'constant' mode interpolates towards 0 in the half-voxel rim where ITK and Plaque clamp;
            // compare where both are inside
            ScalarVolume.Builder jb = java.toBuilder();
            ScalarVolume.Builder sb = scipy.toBuilder();
            for (int i = 0; i < java.geometry().voxelCount(); i++) {
                if (java.get(i) == 0 || scipy.get(i) == 0) {
                    jb.set(i, 0);
                    sb.set(i, 0);
                }
            }
            double[] s = similarity(sb.build(), jb.build());
            System.out.printf(Locale.ROOT, "patient01 study2 vs scipy: rel RMS %.2e, r %.9f%n", s[0], s[1]);
            // both compute the same trilinear sums in double precision: equal to float32 rounding
            assertThat(s[0]).isLessThan(1e-6);
            assertThat(s[1]).isGreaterThan(0.999999);
        }
    }
}

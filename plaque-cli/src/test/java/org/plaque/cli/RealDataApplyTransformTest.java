package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.testing.ItkPeer;
import org.plaque.testing.RealData;

/**
 * apply-transform and checkerboard on lesjak2016_longitudinal patient01: the raw FLAIRs put on the common
 * grid with the provided ITK files agree with ITK's resample, reproduce the MANIFEST's figures, and the two
 * studies line up (their correlation inside the brain mask is far higher than without the transforms).
 */
@Tag(RealData.TAG)
class RealDataApplyTransformTest {
    @TempDir
    Path dir;

    private static final String P01 = "lesjak2016_longitudinal/patient01/";

    private Path toCommon(int study, String transform) {
        Path out = dir.resolve("study" + study + "_" + transform.replace('/', '_') + ".nii.gz");
        Path t = transform.equals("identity") ? null : RealData.file(P01 + "study" + study + "_FLAIR_to_common_space.txt");
        CliRun r = CliRun.of("apply-transform", "--reference", RealData.file(P01 + "brainmask.nii.gz").toString(),
            "--transform", t == null ? "identity" : t.toString(), "--interp", "linear", "--threads", "2",
            RealData.file(P01 + "study" + study + "_FLAIR.nii.gz").toString(), out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return out;
    }

    @Test
    void matchesItkAndTheManifestAndAlignsTheStudies() throws Exception {
        Path s1 = toCommon(1, "provided");
        Path s2 = toCommon(2, "provided");
        NiftiReader reader = NiftiReader.withDefaults();
        ScalarVolume v1 = reader.readScalar(s1);
        ScalarVolume v2 = reader.readScalar(s2);
        Mask gt = reader.readMask(RealData.file(P01 + "gt.nii.gz"));
        Mask brain = reader.readMask(RealData.file(P01 + "brainmask.nii.gz"));
        double[] in = new double[2];
        double[] rest = new double[2];
        int nIn = 0;
        int nRest = 0;
        for (int i = 0; i < brain.geometry().voxelCount(); i++) {
            if (gt.get(i)) {
                in[0] += v1.get(i);
                in[1] += v2.get(i);
                nIn++;
            } else if (brain.get(i)) {
                rest[0] += v1.get(i);
                rest[1] += v2.get(i);
                nRest++;
            }
        }
        // MANIFEST: study2 351 inside gt vs 268 in the rest of the brain; study1 249 vs 257
        assertThat(in[1] / nIn).isCloseTo(351, within(1.0));
        assertThat(rest[1] / nRest).isCloseTo(268, within(1.0));
        assertThat(in[0] / nIn).isCloseTo(249, within(1.0));
        assertThat(rest[0] / nRest).isCloseTo(257, within(1.0));

        double aligned = correlation(v1, v2, brain);
        double unaligned = correlation(reader.readScalar(toCommon(1, "identity")), v2, brain);
        System.out.printf(Locale.ROOT, "patient01 study1 vs study2 on the common grid, r inside the brain: %.3f with "
            + "the provided transforms, %.3f with none%n", aligned, unaligned);
        assertThat(aligned).isGreaterThan(0.9);
        assertThat(unaligned).isLessThan(aligned - 0.2);

        Path png = dir.resolve("cb.png");
        CliRun cb = CliRun.of("checkerboard", s1.toString(), s2.toString(), png.toString());
        assertThat(cb.exitCode()).as(cb.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        // 325×334×53 voxels of 0.72×0.72×3 mm at 0.72 mm pixels: 325 + 325 + 334 columns, 334 rows
        assertThat(img.getWidth()).isEqualTo(325 + 325 + 334 + 2 * CheckerboardImage.GAP);
        assertThat(img.getHeight()).isEqualTo(334);
    }

    @Test
    void agreesWithItksResampleAndTimesBoth() throws Exception {
        Path resample = ItkPeer.program("resample");
        Path in = RealData.file(P01 + "study2_FLAIR.nii.gz");
        Path ref = RealData.file(P01 + "brainmask.nii.gz");
        Path t = RealData.file(P01 + "study2_FLAIR_to_common_space.txt");
        Path itkOut = dir.resolve("itk.nii.gz");
        Path javaOut = dir.resolve("java.nii.gz");
        double itkTime = Double.POSITIVE_INFINITY;
        double javaTime = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 3; run++) {
            String o = ItkPeer.run(resample, in.toString(), ref.toString(), t.toString(), itkOut.toString(), "linear",
                "--threads", "2");
            itkTime = Math.min(itkTime, ItkPeer.value(o, "time_s"));
            CliRun r = CliRun.of("apply-transform", "-r", ref.toString(), "-t", t.toString(), "--threads", "2",
                in.toString(), javaOut.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("resampled in ([0-9.]+) s").matcher(r.out());
            assertThat(m.find()).isTrue();
            javaTime = Math.min(javaTime, Double.parseDouble(m.group(1)));
        }
        ScalarVolume itk = NiftiReader.withDefaults().readScalar(itkOut);
        ScalarVolume java = NiftiReader.withDefaults().readScalar(javaOut);
        double max = 0;
        int disagree = 0;
        for (int i = 0; i < itk.geometry().voxelCount(); i++) {
            if ((itk.get(i) == 0) != (java.get(i) == 0)) {
                disagree++;
            } else {
                max = Math.max(max, Math.abs(itk.get(i) - java.get(i)));
            }
        }
        System.out.printf(Locale.ROOT, "apply-transform vs ITK resample (patient01 study2 FLAIR, 2 threads, best of 3): "
            + "resampling %.3f s vs %.3f s; max |diff| %.2g, %d border voxels differ%n", javaTime, itkTime, max, disagree);
        assertThat(max).isLessThan(0.05);
        assertThat(disagree).isLessThanOrEqualTo(10);
    }

    private static double correlation(ScalarVolume a, ScalarVolume b, Mask m) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int n = 0;
        for (int i = 0; i < m.geometry().voxelCount(); i++) {
            if (m.get(i)) {
                double x = a.get(i);
                double y = b.get(i);
                sa += x;
                sb += y;
                saa += x * x;
                sbb += y * y;
                sab += x * y;
                n++;
            }
        }
        double cov = sab / n - (sa / n) * (sb / n);
        return cov / Math.sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
    }
}

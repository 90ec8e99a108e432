package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.io.itk.ItkTransformFile;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.registration.transform.LinearTransform;
import org.plaque.testing.RealData;

/**
 * plaque register on the raw longitudinal FLAIR pairs of lesjak2016: study1 (moving) registered to study2
 * (fixed) must agree with the provided co-registration. By the MANIFEST's convention a common-grid point p
 * lies at q_n = T_n(p) in raw study n, so the reference fixed → moving map is T_1 ∘ T_2⁻¹; the error is
 * |T(T_2(p)) − T_1(p)| averaged over the provided brain mask's points p.
 */
@Tag(RealData.TAG)
class RegisterRealDataTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"patient01", "patient03", "patient19"})
    void studyOneFlairRegistersToStudyTwoWithinAMillimetreAndAHalfOfTheProvidedTransforms(String patient)
        throws Exception {
        Path base = RealData.file("lesjak2016_longitudinal/" + patient);
        Path t = dir.resolve("s1_to_s2.txt");
        CliRun r = CliRun.of("register", "--fixed", base.resolve("study2_FLAIR.nii.gz").toString(), "--moving",
            base.resolve("study1_FLAIR.nii.gz").toString(), "--out-transform", t.toString(), "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Affine found = ((LinearTransform) ItkTransformFile.read(t)).toAffine();
        Affine t1 = ((LinearTransform) ItkTransformFile.read(base.resolve("study1_FLAIR_to_common_space.txt"))).toAffine();
        Affine t2 = ((LinearTransform) ItkTransformFile.read(base.resolve("study2_FLAIR_to_common_space.txt"))).toAffine();
        Mask brain = Mask.above(NiftiReader.withDefaults().readScalar(base.resolve("brainmask.nii.gz")), 0.5);
        double error = meanDistance(found.multiply(t2), t1, brain);
        double unregistered = meanDistance(t2, t1, brain);
        assertThat(unregistered).isGreaterThan(5);
        assertThat(error).as("%s: %.3f mm (unregistered %.2f mm)", patient, error, unregistered).isLessThan(1.5);
    }

    private static double meanDistance(Affine a, Affine b, Mask mask) {
        ImageGeometry g = mask.geometry();
        double[] w = new double[3];
        double[] p = new double[3];
        double[] q = new double[3];
        double sum = 0;
        for (int k = 0, i = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int x = 0; x < g.nx(); x++, i++) {
                    if (mask.get(i)) {
                        g.voxelToWorld().apply(x, j, k, w);
                        a.apply(w[0], w[1], w[2], p);
                        b.apply(w[0], w[1], w[2], q);
                        sum += Math.sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1])
                            + (p[2] - q[2]) * (p[2] - q[2]));
                    }
                }
            }
        }
        return sum / mask.count();
    }
}

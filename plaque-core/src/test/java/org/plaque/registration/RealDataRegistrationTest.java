package org.plaque.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.image.Interpolation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.testing.RealData;

/**
 * Known-answer registration on a real T1 (lesjak2017 patient07, 1 mm MNI grid): the image moved by a known
 * rigid and a known affine transform is registered back with the default settings; the error is the mean
 * distance between the found and the true fixed → moving maps over the brain (non-zero voxels).
 */
@Tag(RealData.TAG)
class RealDataRegistrationTest {
    private static ScalarVolume t1;
    private static Mask brain;
    private static Affine rigid;
    private static Affine affine;

    @BeforeAll
    static void load() throws Exception {
        Path file = RealData.file("lesjak2017_cross_sectional_mni/patient07/T1.nii.gz");
        t1 = NiftiReader.withDefaults().read(file).volume();
        brain = Mask.above(t1, 0);
        double[] c = Initialization.gridCentre(t1.geometry());
        rigid = SyntheticImages.rigid(Math.toRadians(4), Math.toRadians(-3), Math.toRadians(5), new double[] {5, -4, 6},
            c);
        Affine lin = Affine.ofRowMajor(1.05, 0.03, 0, 0, -0.02, 0.95, 0.02, 0, 0.01, 0, 1.02, 0);
        affine = Affine.translation(c[0], c[1], c[2]).multiply(lin).multiply(Affine.translation(-c[0], -c[1], -c[2]))
            .multiply(rigid);
    }

    private static ScalarVolume moved(Affine truth) {
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            return Resample.scalar(t1, t1.geometry(), truth.inverse(), Interpolation.LINEAR, 0f, ctx);
        }
    }

    private static RegistrationResult register(ScalarVolume moving, int threads, long seed) {
        try (ExecutionContext ctx = ExecutionContext.of(threads, seed, ProgressListener.NONE)) {
            return Registration.register(t1, moving, null, null, Registration.Params.DEFAULTS, ctx,
                Registration.LevelListener.NONE);
        }
    }

    @Test
    void knownRigidAndAffineMotionsAreRecoveredToWellUnderHalfAMillimetre() {
        for (Affine truth : new Affine[] {rigid, affine}) {
            RegistrationResult r = register(moved(truth), 2, ExecutionContext.DEFAULT_SEED);
            assertThat(RegistrationBench.meanError(Affine.identity(), truth, brain)).isGreaterThan(9);
            assertThat(RegistrationBench.meanError(r.affine(), truth, brain)).as("%s", r.levels()).isLessThan(0.2);
        }
    }

    @Test
    void sameSeedGivesABitIdenticalTransformWithOneOrTwoThreads() {
        ScalarVolume moving = moved(affine);
        RegistrationResult one = register(moving, 1, 7);
        RegistrationResult two = register(moving, 2, 7);
        assertThat(two.affine()).isEqualTo(one.affine());
        assertThat(two.levels()).extracting(LevelReport::iterations)
            .containsExactlyElementsOf(one.levels().stream().map(LevelReport::iterations).toList());
    }
}

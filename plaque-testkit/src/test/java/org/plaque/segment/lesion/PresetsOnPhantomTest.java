package org.plaque.segment.lesion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.eval.SegmentationEvaluation;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.filter.smoothing.GradientAnisotropicDiffusion;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Interpolation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

/**
 * The presets on the demo phantom ({@link PhantomParams#DEFAULTS}: 1.5 mm, 12 lesions, misposition), with
 * the inputs the pipeline gives them: the phantom atlas resampled into subject space through the known
 * subject-to-atlas transform, and the FLAIR denoised with the pipeline's anisotropic diffusion.
 */
class PresetsOnPhantomTest {
    private static ExecutionContext ctx;
    private static PhantomCase phantom;
    private static SegmentationInput input;

    @BeforeAll
    static void setUp() {
        ctx = ExecutionContext.of(2, ExecutionContext.DEFAULT_SEED, ProgressListener.NONE);
        phantom = HeadPhantom.generate(PhantomParams.DEFAULTS, ctx);
        ImageGeometry g = phantom.flair().geometry();
        Affine toAtlas = phantom.subjectToAtlas();
        ScalarVolume wm = Resample.scalar(phantom.atlas().wm(), g, toAtlas, Interpolation.LINEAR, 0f, ctx);
        ScalarVolume gm = Resample.scalar(phantom.atlas().gm(), g, toAtlas, Interpolation.LINEAR, 0f, ctx);
        ScalarVolume csf = Resample.scalar(phantom.atlas().csf(), g, toAtlas, Interpolation.LINEAR, 0f, ctx);
        Mask brain = Resample.mask(phantom.atlas().brainMask(), g, toAtlas, ctx);
        ScalarVolume flair = GradientAnisotropicDiffusion.withDefaults().run(phantom.flair(), ctx).image();
        input = new SegmentationInput(flair, Optional.of(phantom.t1()), Optional.of(phantom.t2()),
            new TissuePriors(wm, gm, csf, brain));
    }

    @AfterAll
    static void tearDown() {
        ctx.close();
    }

    private static EvaluationResult run(String preset) {
        LesionSegmentation r = LesionSegmenters.byName(preset).segment(input, ctx);
        return SegmentationEvaluation.evaluate(r.lesions(), phantom.lesionMask(), LesionWiseRule.MSSEG, ctx);
    }

    @Test
    void theDefaultReachesTheDemoTarget() {
        EvaluationResult e = run(LesionSegmenters.DEFAULT_NAME);
        // measured: Dice 0.900, lesion F1 0.957 (every lesion is hit, the MSSEG rule counts 11 of 12 as
        // detected), volume +12 %; the demo target is Dice >= 0.85
        assertThat(e.dice()).isGreaterThan(0.87);
        assertThat(e.lesionF1()).isGreaterThan(0.9);
        assertThat(Math.abs(e.volumeDifferencePct())).isLessThan(20);
    }

    @Test
    void theSeedPresetsMissTheLesionsOutsideTheStrictWhiteMatterMask() {
        EvaluationResult km = run(SeedKMeansSegmenter.NAME);
        EvaluationResult gmm = run(SeedGmmSegmenter.NAME);
        EvaluationResult growth = run(LesionSegmenters.DEFAULT_NAME);
        // measured Dice: seed-kmeans 0.49, seed-gmm 0.77; both under-segment (precision ~1, recall low)
        assertThat(km.dice()).isBetween(0.35, growth.dice());
        assertThat(gmm.dice()).isBetween(0.6, growth.dice());
        assertThat(km.precision()).isGreaterThan(0.95);
        assertThat(km.recall()).isLessThan(growth.recall());
    }

    @Test
    void repeatedRunsGiveTheSameMask() {
        Mask a = LesionSegmenters.defaultSegmenter().segment(input, ctx).lesions();
        Mask b;
        try (ExecutionContext one = ExecutionContext.of(1, ExecutionContext.DEFAULT_SEED, ProgressListener.NONE)) {
            b = LesionSegmenters.defaultSegmenter().segment(input, one).lesions();
        }
        assertThat(b.toArray()).isEqualTo(a.toArray());
    }
}

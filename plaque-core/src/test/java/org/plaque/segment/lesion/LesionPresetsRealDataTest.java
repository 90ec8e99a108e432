package org.plaque.segment.lesion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
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
import org.plaque.io.nifti.NiftiReader;
import org.plaque.testing.RealData;

/**
 * The presets on lesjak2017_cross_sectional_mni patient07 (lesion load 1300 mm³) and patient19 (49 769 mm³)
 * against GOLD_STANDARD, with EVALUATION.md's metrics (MSSEG lesion rule, 6-connectivity, lesions &gt; 3 mm³).
 *
 * <p>Inputs as the pipeline will give them: the images are already skull-stripped, N4-corrected and in MNI
 * space, so the ICBM 2009a tissue maps are resampled onto the FLAIR grid with the identity (both grids are
 * MNI, but FSL-MNI152 and ICBM 2009a differ by a few millimetres — a realistic atlas misfit), the brain mask
 * is FLAIR ≠ 0, and the FLAIR is denoised with the pipeline's anisotropic diffusion (10 / 1.0 / 0.0625).
 */
@Tag(RealData.TAG)
class LesionPresetsRealDataTest {
    private static final String[] SUBJECTS = {"patient07", "patient19"};
    private static final String ATLAS = "mni_icbm152_nlin_sym_09a/atlas/";
    private static ExecutionContext ctx;
    private static final Map<String, SegmentationInput> INPUTS = new LinkedHashMap<>();
    private static final Map<String, Mask> TRUTH = new LinkedHashMap<>();

    @BeforeAll
    static void load() {
        ctx = ExecutionContext.of(2, ExecutionContext.DEFAULT_SEED, ProgressListener.NONE);
        NiftiReader r = NiftiReader.withDefaults();
        ScalarVolume wm = r.readScalar(RealData.file(ATLAS + "mni_icbm152_wm_tal_nlin_sym_09a.nii.gz"));
        ScalarVolume gm8 = r.readScalar(RealData.file(ATLAS + "mni_icbm152_gm_tal_nlin_sym_09a_converted.nii.gz"));
        ScalarVolume csf = r.readScalar(RealData.file(ATLAS + "mni_icbm152_csf_tal_nlin_sym_09a.nii.gz"));
        // nilearn's converted GM map stores round(255·p)
        float[] g = gm8.toArray();
        for (int i = 0; i < g.length; i++) {
            g[i] /= 255f;
        }
        ScalarVolume gm = ScalarVolume.of(gm8.geometry(), g);
        for (String s : SUBJECTS) {
            Path dir = RealData.file("lesjak2017_cross_sectional_mni/" + s);
            ScalarVolume flair = r.readScalar(dir.resolve("FLAIR.nii.gz"));
            ImageGeometry grid = flair.geometry();
            Mask.Builder brain = Mask.builder(grid);
            for (int i = 0; i < grid.voxelCount(); i++) {
                brain.set(i, flair.get(i) != 0f); // background is exactly 0 in this data set
            }
            TissuePriors priors = new TissuePriors(onto(wm, grid), onto(gm, grid), onto(csf, grid), brain.build());
            ScalarVolume denoised = GradientAnisotropicDiffusion.withDefaults().run(flair, ctx).image();
            INPUTS.put(s, new SegmentationInput(denoised, Optional.empty(), Optional.empty(), priors));
            TRUTH.put(s, r.readMask(dir.resolve("GOLD_STANDARD.nii.gz")));
        }
    }

    @AfterAll
    static void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    private static ScalarVolume onto(ScalarVolume atlasMap, ImageGeometry grid) {
        return Resample.scalar(atlasMap, grid, Affine.identity(), Interpolation.LINEAR, 0f, ctx);
    }

    /** Evaluates {@code preset} on both subjects and prints one line per subject. */
    private static Map<String, EvaluationResult> evaluate(String preset) {
        Map<String, EvaluationResult> out = new LinkedHashMap<>();
        for (String s : SUBJECTS) {
            long t0 = System.nanoTime();
            LesionSegmentation seg = LesionSegmenters.byName(preset).segment(INPUTS.get(s), ctx);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            EvaluationResult e = SegmentationEvaluation.evaluate(seg.lesions(), TRUTH.get(s), LesionWiseRule.MSSEG,
                ctx);
            System.out.printf("%-13s %s  Dice %.3f  lesion F1 %.3f (TPR %.2f, PPV %.2f)  load %.0f vs %.0f mm3"
                    + " (%+.0f %%)  %d ms%n",
                preset, s, e.dice(), e.lesionF1(), e.lesionTpr(), e.lesionPpv(), e.volumePredMm3(),
                e.volumeTruthMm3(), e.volumeDifferencePct(), ms);
            out.put(s, e);
        }
        return out;
    }

    private static double mean(Map<String, EvaluationResult> r, ToDoubleFunction<EvaluationResult> f) {
        return r.values().stream().mapToDouble(f).average().orElseThrow();
    }

    @Test
    void theDefaultMeetsTheIssueTargets() {
        Map<String, EvaluationResult> r = evaluate(LesionSegmenters.DEFAULT_NAME);
        // measured: patient07 Dice 0.498, lesion F1 0.346, load +1 %; patient19 Dice 0.859, F1 0.480, load −20 %
        // (means: Dice 0.678, lesion F1 0.413); issue targets: mean Dice >= 0.55, lesion F1 >= 0.40, load
        // error <= 30 % on every subject. Lesion F1 is met on the mean, not on patient07 alone.
        assertThat(mean(r, EvaluationResult::dice)).isGreaterThanOrEqualTo(0.55);
        assertThat(mean(r, EvaluationResult::lesionF1)).isGreaterThanOrEqualTo(0.40);
        for (EvaluationResult e : r.values()) {
            assertThat(Math.abs(e.volumeDifferencePct())).isLessThanOrEqualTo(30);
            assertThat(e.dice()).isGreaterThan(0.45);
        }
    }

    @Test
    void seedKMeansReproducesTheReferenceFailureOnTheLowLoadSubject() {
        Map<String, EvaluationResult> r = evaluate(SeedKMeansSegmenter.NAME);
        // measured: patient07 Dice 0.019 (load +1790 %), patient19 0.656; the issue's reference implementation:
        // 0.06 on patient07, mean Dice 0.37, mean lesion F1 0.26 (ours 0.19)
        assertThat(r.get("patient07").dice()).isLessThan(0.1);
        assertThat(r.get("patient19").dice()).isGreaterThan(0.6);
        assertThat(mean(r, EvaluationResult::dice)).isBetween(0.25, 0.45);
    }

    @Test
    void seedGmmBehavesLikeTheSeedMethod() {
        Map<String, EvaluationResult> r = evaluate(SeedGmmSegmenter.NAME);
        // measured: patient07 Dice 0.012, patient19 0.691
        assertThat(r.get("patient07").dice()).isLessThan(0.1);
        assertThat(r.get("patient19").dice()).isGreaterThan(0.6);
    }
}

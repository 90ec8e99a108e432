package org.plaque.pipeline.crosssectional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plaque.pipeline.preset.Preset;
import org.plaque.pipeline.preset.StepSpec;
import org.plaque.pipeline.step.AtlasRegistrationStep;
import org.plaque.pipeline.step.BiasCorrectionStep;
import org.plaque.pipeline.step.ChannelRegistrationStep;
import org.plaque.pipeline.step.DeepSegmentationStep;
import org.plaque.pipeline.step.DenoiseStep;
import org.plaque.pipeline.step.LesionSegmentationStep;
import org.plaque.pipeline.step.LesionTableStep;
import org.plaque.pipeline.step.ReorientStep;
import org.plaque.pipeline.step.RestoreGridStep;
import org.plaque.pipeline.step.SkullStripStep;

/**
 * The step lists of the cross-sectional pipeline, as plain data.
 *
 * <p>For a raw head: reorient → register T1/T2 to the FLAIR → denoise → N4 → atlas registration (whole
 * head, the metric sampling the head only) → skull stripping (warped atlas mask refined by intensity) →
 * lesion segmentation → restore the input grid → lesion table. For a skull-stripped input the brain mask is
 * the FLAIR's non-zero region, made first, and the atlas registration runs brain to brain. (A second,
 * brain-to-brain registration after skull stripping was measured on raw FLAIRs and changed the brain-mask
 * Dice by less than 0.001, so it is not part of the preset.)
 */
public final class CrossSectionalPreset {
    /**
     * What varies between runs of the cross-sectional pipeline.
     *
     * @param segmenter     the lesion-segmentation preset (a {@code LesionSegmenter} name)
     * @param skullStripped whether the input is already skull-stripped (brain mask = non-zero FLAIR)
     * @param bspline       whether atlas registration adds a B-spline stage after rigid and affine
     */
    public record Options(String segmenter, boolean skullStripped, boolean bspline) {
        public Options {
            Objects.requireNonNull(segmenter, "segmenter");
        }
    }

    private CrossSectionalPreset() {
    }

    /** The preset for {@code options}. */
    public static Preset of(Options options) {
        List<String> stages = options.bspline() ? List.of("rigid", "affine", "bspline") : List.of("rigid", "affine");
        List<StepSpec> steps = new ArrayList<>();
        steps.add(StepSpec.of(ReorientStep.NAME, Map.of("orientation", ReorientStep.DEFAULT_ORIENTATION)));
        if (options.skullStripped()) {
            steps.add(StepSpec.of(SkullStripStep.NAME, Map.of("method", "nonzero")));
        }
        steps.add(StepSpec.of(ChannelRegistrationStep.NAME, Map.of("stages", List.of("rigid"))));
        steps.add(StepSpec.of(DenoiseStep.NAME));
        steps.add(StepSpec.of(BiasCorrectionStep.NAME));
        steps.add(StepSpec.of(AtlasRegistrationStep.NAME, Map.of("stages", stages)));
        if (!options.skullStripped()) {
            steps.add(StepSpec.of(SkullStripStep.NAME, Map.of("method", "atlas")));
        }
        steps.add(StepSpec.of(LesionSegmentationStep.NAME, Map.of("segmenter", options.segmenter())));
        steps.add(StepSpec.of(RestoreGridStep.NAME));
        steps.add(StepSpec.of(LesionTableStep.NAME, Map.of("connectivity", 6)));
        return new Preset("cross-sectional", "FLAIR (+T1/T2) to lesion mask and lesion load, segmenter "
            + options.segmenter() + (options.skullStripped() ? ", skull-stripped input" : ""), steps);
    }

    /**
     * The supervised pipeline with the model {@code model} ({@link ModelReference}): reorient → [non-zero brain
     * mask when skull-stripped] → register T1/T2 to the FLAIR → N4 → [atlas registration and skull stripping
     * when not skull-stripped] → the model → restore the input grid → lesion table. No denoising: the models
     * are trained on N4-corrected, not denoised, images. A skull-stripped input needs no atlas.
     */
    public static Preset supervised(String model, boolean skullStripped, boolean bspline) {
        List<String> stages = bspline ? List.of("rigid", "affine", "bspline") : List.of("rigid", "affine");
        List<StepSpec> steps = new ArrayList<>();
        steps.add(StepSpec.of(ReorientStep.NAME, Map.of("orientation", ReorientStep.DEFAULT_ORIENTATION)));
        if (skullStripped) {
            steps.add(StepSpec.of(SkullStripStep.NAME, Map.of("method", "nonzero")));
        }
        steps.add(StepSpec.of(ChannelRegistrationStep.NAME, Map.of("stages", List.of("rigid"))));
        steps.add(StepSpec.of(BiasCorrectionStep.NAME));
        if (!skullStripped) {
            steps.add(StepSpec.of(AtlasRegistrationStep.NAME, Map.of("stages", stages)));
            steps.add(StepSpec.of(SkullStripStep.NAME, Map.of("method", "atlas")));
        }
        steps.add(StepSpec.of(DeepSegmentationStep.NAME, Map.of("model", model)));
        steps.add(StepSpec.of(RestoreGridStep.NAME));
        steps.add(StepSpec.of(LesionTableStep.NAME, Map.of("connectivity", 6)));
        return new Preset("supervised", "FLAIR (+T1/T2) to lesion mask, probability and uncertainty with model "
            + model + (skullStripped ? ", skull-stripped input" : ""), steps);
    }

    /**
     * Atlas → subject alone (the {@code atlas-to-subject} command): reorient → [non-zero brain mask when
     * skull-stripped] → atlas registration → restore the input grid.
     *
     * @param stages registration stages, e.g. ["rigid", "affine"]
     */
    public static Preset atlasToSubject(List<String> stages, boolean skullStripped) {
        List<StepSpec> steps = new ArrayList<>();
        steps.add(StepSpec.of(ReorientStep.NAME, Map.of("orientation", ReorientStep.DEFAULT_ORIENTATION)));
        if (skullStripped) {
            steps.add(StepSpec.of(SkullStripStep.NAME, Map.of("method", "nonzero")));
        }
        steps.add(StepSpec.of(AtlasRegistrationStep.NAME, Map.of("stages", stages)));
        steps.add(StepSpec.of(RestoreGridStep.NAME));
        return new Preset("atlas-to-subject", "atlas registered and warped onto the subject", steps);
    }

    /**
     * Brain extraction alone (the {@code skullstrip} command): reorient → N4 → atlas registration → skull
     * stripping → restore the input grid.
     */
    public static Preset skullStrip(List<String> stages) {
        List<StepSpec> steps = new ArrayList<>();
        steps.add(StepSpec.of(ReorientStep.NAME, Map.of("orientation", ReorientStep.DEFAULT_ORIENTATION)));
        steps.add(StepSpec.of(BiasCorrectionStep.NAME));
        steps.add(StepSpec.of(AtlasRegistrationStep.NAME, Map.of("stages", stages)));
        steps.add(StepSpec.of(SkullStripStep.NAME, Map.of("method", "atlas")));
        steps.add(StepSpec.of(RestoreGridStep.NAME));
        return new Preset("skull-strip", "atlas-based brain extraction refined by intensity", steps);
    }
}

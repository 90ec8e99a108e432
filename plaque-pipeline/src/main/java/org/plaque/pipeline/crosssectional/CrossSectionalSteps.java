package org.plaque.pipeline.crosssectional;

import java.util.List;
import org.plaque.filter.bias.N4BiasCorrection;
import org.plaque.filter.smoothing.GradientAnisotropicDiffusion;
import org.plaque.pipeline.preset.StepParams;
import org.plaque.pipeline.preset.StepRegistry;
import org.plaque.pipeline.skullstrip.AtlasBrainMask;
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
 * The step registry of the cross-sectional pipeline: every step name a preset may use, with the parameter
 * names and defaults its factory reads. This is the only place where names become code.
 */
public final class CrossSectionalSteps {
    private static final StepRegistry REGISTRY = StepRegistry.builder()
        .register(ReorientStep.NAME, (p, r) -> new ReorientStep(
            p.getString("orientation", ReorientStep.DEFAULT_ORIENTATION)))
        .register(DenoiseStep.NAME, (p, r) -> new DenoiseStep(diffusion(p), channels(p)))
        .register(BiasCorrectionStep.NAME, (p, r) -> new BiasCorrectionStep(n4(p),
            p.getChoice("mask", "otsu", BiasCorrectionStep.MASKS), channels(p)))
        .register(ChannelRegistrationStep.NAME, (p, r) -> new ChannelRegistrationStep(
            p.getStrings("stages", List.of("rigid"))))
        .register(AtlasRegistrationStep.NAME, (p, r) -> new AtlasRegistrationStep(
            r.requireAtlas(AtlasRegistrationStep.NAME), p.getStrings("stages", List.of("rigid", "affine")),
            p.getChoice("contrast", "auto", AtlasRegistrationStep.CONTRASTS),
            p.getChoice("brain", "auto", AtlasRegistrationStep.BRAIN), p.getDouble("mask_margin_mm", 10)))
        .register(SkullStripStep.NAME, (p, r) -> new SkullStripStep(
            p.getChoice("method", "atlas", SkullStripStep.METHODS),
            p.getChoice("contrast", "auto", SkullStripStep.CONTRASTS), brainMask(p)))
        .register(LesionSegmentationStep.NAME, (p, r) -> new LesionSegmentationStep(
            r.requireSegmenter(p.getString("segmenter", ""))))
        .register(DeepSegmentationStep.NAME, (p, r) -> {
            String model = p.getString("model", "");
            return new DeepSegmentationStep(ModelReference.open(model), model);
        })
        .register(RestoreGridStep.NAME, (p, r) -> new RestoreGridStep())
        .register(LesionTableStep.NAME, (p, r) -> new LesionTableStep(
            connectivity(p.getInt("connectivity", 6)), p.getDouble("min_volume_mm3", 0)))
        .build();

    private CrossSectionalSteps() {
    }

    /** The registry. */
    public static StepRegistry registry() {
        return REGISTRY;
    }

    private static List<String> channels(StepParams p) {
        return p.getStrings("channels", List.of("flair", "t1", "t2"));
    }

    private static GradientAnisotropicDiffusion.Params diffusion(StepParams p) {
        GradientAnisotropicDiffusion.Params d = GradientAnisotropicDiffusion.Params.DEFAULTS;
        return new GradientAnisotropicDiffusion.Params(p.getInt("iterations", d.iterations()),
            p.getDouble("conductance", d.conductance()), p.getDouble("time_step", d.timeStep()));
    }

    private static N4BiasCorrection.Params n4(StepParams p) {
        N4BiasCorrection.Params d = N4BiasCorrection.Params.DEFAULTS;
        return new N4BiasCorrection.Params(p.getInt("shrink_factor", d.shrinkFactor()),
            p.getInts("iterations", d.maximumIterations()),
            p.getDouble("convergence_threshold", d.convergenceThreshold()),
            p.getDouble("spline_distance_mm", d.splineDistanceMm()), d.histogramBins(), d.biasFieldFwhm(),
            d.wienerNoise());
    }

    private static AtlasBrainMask.Params brainMask(StepParams p) {
        AtlasBrainMask.Params d = AtlasBrainMask.Params.DEFAULTS;
        return new AtlasBrainMask.Params(p.getDouble("core_margin_mm", d.coreMarginMm()),
            p.getDouble("search_margin_mm", d.searchMarginMm()), p.getDouble("opening_mm", d.openingMm()),
            p.getDouble("closing_mm", d.closingMm()));
    }

    private static org.plaque.image.Connectivity connectivity(int n) {
        return switch (n) {
            case 6 -> org.plaque.image.Connectivity.SIX;
            case 18 -> org.plaque.image.Connectivity.EIGHTEEN;
            case 26 -> org.plaque.image.Connectivity.TWENTY_SIX;
            default -> throw new IllegalArgumentException("step lesion-table: connectivity must be 6, 18 or 26, got "
                + n);
        };
    }
}

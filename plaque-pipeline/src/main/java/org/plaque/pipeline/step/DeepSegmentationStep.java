package org.plaque.pipeline.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plaque.InvalidInputException;
import org.plaque.dl.bundle.ModelBundle;
import org.plaque.dl.bundle.ModelJson;
import org.plaque.dl.segment.DeepLesionSegmenter;
import org.plaque.dl.segment.ModelSegmenter;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKey;
import org.plaque.pipeline.SubjectKeys;

/**
 * Segments lesions with a trained model (a {@link ModelBundle}): the model's input channels are taken from the
 * subject (FLAIR, T1, T2 on the FLAIR's grid) with the brain mask, and the step stores the lesion mask, the
 * lesion probability and its uncertainty. The networks are loaded for the run and released after it.
 *
 * <p>Needs {@link SubjectKeys#BRAIN_MASK} and every channel the model lists.
 */
public final class DeepSegmentationStep implements Step {
    /** Registry name. */
    public static final String NAME = "segment-lesions-model";

    private final ModelBundle bundle;
    private final String reference;

    /**
     * A step running {@code bundle}.
     *
     * @param reference how the model was named ({@code builtin:unet3d-flair} or a folder), for provenance
     */
    public DeepSegmentationStep(ModelBundle bundle, String reference) {
        this.bundle = bundle;
        this.reference = reference;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        ModelJson m = bundle.model();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", reference);
        p.put("model_name", m.name());
        p.put("architecture", m.architecture());
        p.put("input_channels", m.inputChannels());
        p.put("threshold", m.threshold());
        p.put("weights_sha256", m.weights().stream().map(ModelJson.WeightsFile::sha256).toList());
        return p;
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        Mask brain = subject.require(SubjectKeys.BRAIN_MASK);
        if (brain.count() == 0) {
            throw new InvalidInputException("the brain mask of " + subject.id() + " is empty: nothing to segment");
        }
        List<ScalarVolume> channels = new ArrayList<>();
        for (String name : bundle.model().inputChannels()) {
            ScalarVolume v = subject.get(key(name)).orElseThrow(() -> new InvalidInputException("model "
                + bundle.model().name() + " needs " + bundle.model().inputChannels() + " but " + subject.id()
                + " has no " + name + " (pass it with --" + name.toLowerCase(Locale.ROOT) + ")"));
            if (!v.geometry().sameGrid(subject.grid(), Tolerance.DEFAULT)) {
                throw new InvalidInputException(name + " of " + subject.id() + " is not on the FLAIR's grid");
            }
            channels.add(v);
        }
        warnIfThickSlices(subject, ctx);
        DeepLesionSegmenter.Result r;
        try (ModelSegmenter segmenter = ModelSegmenter.open(bundle)) {
            r = segmenter.segment(channels, brain, ctx.exec());
        }
        r.details().forEach(ctx::detail);
        ctx.detail("lesion_voxels", r.lesions().count());
        return subject.toBuilder().put(SubjectKeys.LESION_MASK, r.lesions())
            .put(SubjectKeys.LESION_PROBABILITY, r.probability())
            .put(SubjectKeys.LESION_UNCERTAINTY, r.uncertainty()).build();
    }

    /**
     * A quality check: a model trained on thin slices was measured to over-segment scans whose voxels are more
     * than twice as long along one axis (docs/DEEP_LEARNING.md), so such an input is flagged in the report.
     */
    private void warnIfThickSlices(Subject subject, StepContext ctx) {
        ModelJson.Spacing sp = bundle.model().spacingMm();
        double model = Math.max(sp.x(), Math.max(sp.y(), sp.z()));
        double input = java.util.Arrays.stream(subject.grid().spacingMm()).max().orElse(model);
        if (input > 2 * model) {
            ctx.warn(String.format(Locale.ROOT, "the input has %.1f mm voxels along one axis but model %s was"
                + " trained on %.1f mm voxels; models over-segment such thick-slice scans (docs/DEEP_LEARNING.md):"
                + " check the result, or use --method unsupervised", input, bundle.model().name(), model));
        }
    }

    private static SubjectKey<ScalarVolume> key(String channel) {
        return switch (channel.toUpperCase(Locale.ROOT)) {
            case "FLAIR" -> SubjectKeys.FLAIR;
            case "T1" -> SubjectKeys.T1;
            case "T2" -> SubjectKeys.T2;
            default -> throw new InvalidInputException("model input channel " + channel
                + " is not one Plaque reads (FLAIR, T1, T2)");
        };
    }
}

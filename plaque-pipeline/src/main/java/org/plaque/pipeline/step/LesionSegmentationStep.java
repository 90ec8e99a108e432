package org.plaque.pipeline.step;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.plaque.InvalidInputException;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.PlainValues;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.segment.lesion.LesionSegmentation;
import org.plaque.segment.lesion.LesionSegmenter;
import org.plaque.segment.lesion.SegmentationInput;
import org.plaque.segment.lesion.TissuePriors;

/**
 * Runs a {@link LesionSegmenter} preset on the preprocessed FLAIR (with T1 and T2 when they are on the
 * FLAIR's grid) and the warped tissue priors restricted to the subject's brain mask, and stores the lesion
 * mask and, when the method yields one, the lesion probability map.
 *
 * <p>Needs {@link SubjectKeys#WM}, {@link SubjectKeys#GM}, {@link SubjectKeys#CSF} and
 * {@link SubjectKeys#BRAIN_MASK}. The segmenter's diagnostics go into the step's details (values that are
 * not plain data are written as text).
 */
public final class LesionSegmentationStep implements Step {
    /** Registry name. */
    public static final String NAME = "segment-lesions";

    private final LesionSegmenter segmenter;

    /** A step running {@code segmenter}. */
    public LesionSegmentationStep(LesionSegmenter segmenter) {
        this.segmenter = segmenter;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("segmenter", segmenter.name());
        p.put("segmenter_parameters", plain(segmenter.parameters()));
        return p;
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        ScalarVolume flair = subject.flair();
        Mask brain = subject.require(SubjectKeys.BRAIN_MASK);
        if (brain.count() == 0) {
            throw new InvalidInputException("the brain mask of " + subject.id() + " is empty: nothing to segment");
        }
        TissuePriors priors = new TissuePriors(subject.require(SubjectKeys.WM), subject.require(SubjectKeys.GM),
            subject.require(SubjectKeys.CSF), brain);
        Optional<ScalarVolume> t1 = onGrid(subject, subject.get(SubjectKeys.T1), "T1", ctx);
        Optional<ScalarVolume> t2 = onGrid(subject, subject.get(SubjectKeys.T2), "T2", ctx);
        LesionSegmentation result = segmenter.segment(new SegmentationInput(flair, t1, t2, priors), ctx.exec());
        Subject.Builder b = subject.toBuilder().put(SubjectKeys.LESION_MASK, result.lesions());
        b.remove(SubjectKeys.LESION_PROBABILITY);
        result.probability().ifPresent(p -> b.put(SubjectKeys.LESION_PROBABILITY, p));
        ctx.detail("lesion_voxels", result.lesions().count());
        ctx.detail("diagnostics", plain(result.diagnostics()));
        return b.build();
    }

    private static Optional<ScalarVolume> onGrid(Subject s, Optional<ScalarVolume> v, String what, StepContext ctx) {
        if (v.isPresent() && !v.get().geometry().sameGrid(s.grid(), Tolerance.DEFAULT)) {
            ctx.warn(what + " is not on the FLAIR's grid (register it first): segmented without it");
            return Optional.empty();
        }
        return v;
    }

    /** {@code map} as plain data; values that are not become their text. */
    static Map<String, Object> plain(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            Object v = e.getValue();
            try {
                PlainValues.copy(Map.of("v", v));
                out.put(e.getKey(), v);
            } catch (IllegalArgumentException | NullPointerException ex) {
                out.put(e.getKey(), String.valueOf(v));
            }
        }
        return out;
    }
}

package org.plaque.pipeline.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plaque.InvalidInputException;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.pipeline.skullstrip.AtlasBrainMask;

/**
 * Makes the subject's brain mask ({@link SubjectKeys#BRAIN_MASK}).
 *
 * <p>Methods (parameter {@code method}):
 * <ul>
 *   <li>{@code "atlas"} (default): the atlas brain mask warped by {@link AtlasRegistrationStep}, refined by
 *       intensity ({@link AtlasBrainMask}) on the T1 when it is on the FLAIR's grid, else on the FLAIR
 *       (parameter {@code contrast}: "auto", "flair" or "t1");</li>
 *   <li>{@code "atlas-unrefined"}: the warped atlas brain mask as it is;</li>
 *   <li>{@code "nonzero"}: for input that is already skull-stripped, the voxels where the FLAIR as given is
 *       not zero.</li>
 * </ul>
 */
public final class SkullStripStep implements Step {
    /** Registry name. */
    public static final String NAME = "skull-strip";
    /** Values of {@code method}. */
    public static final List<String> METHODS = List.of("atlas", "atlas-unrefined", "nonzero");
    /** Values of {@code contrast}. */
    public static final List<String> CONTRASTS = List.of("auto", "flair", "t1");

    private final String method;
    private final String contrast;
    private final AtlasBrainMask.Params params;

    /**
     * @param method   one of {@link #METHODS}
     * @param contrast one of {@link #CONTRASTS}
     * @param params   the refinement settings (used by "atlas")
     */
    public SkullStripStep(String method, String contrast, AtlasBrainMask.Params params) {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("skull-strip method must be one of " + METHODS + ", got " + method);
        }
        if (!CONTRASTS.contains(contrast)) {
            throw new IllegalArgumentException("skull-strip contrast must be one of " + CONTRASTS + ", got "
                + contrast);
        }
        this.method = method;
        this.contrast = contrast;
        this.params = params;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", method);
        if (method.equals("atlas")) {
            p.put("contrast", contrast);
            p.putAll(params.toMap());
        }
        return p;
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        Mask mask = switch (method) {
            case "nonzero" -> nonzero(subject.get(SubjectKeys.FLAIR_INPUT).orElse(subject.flair()));
            case "atlas-unrefined" -> subject.require(SubjectKeys.ATLAS_BRAIN_MASK);
            default -> refined(subject, ctx);
        };
        if (mask.count() == 0) {
            throw new InvalidInputException(subject.id() + ": the brain mask is empty"
                + (method.equals("nonzero") ? " (the FLAIR is all zero)" : ""));
        }
        ctx.detail("brain_voxels", mask.count());
        ctx.detail("brain_volume_mm3", mask.volumeMm3());
        return subject.with(SubjectKeys.BRAIN_MASK, mask);
    }

    private Mask refined(Subject subject, StepContext ctx) {
        Mask warped = subject.require(SubjectKeys.ATLAS_BRAIN_MASK);
        ScalarVolume t1 = subject.get(SubjectKeys.T1)
            .filter(v -> v.geometry().sameGrid(subject.grid(), Tolerance.DEFAULT)).orElse(null);
        boolean useT1 = contrast.equals("t1") || (contrast.equals("auto") && t1 != null);
        if (useT1 && t1 == null) {
            throw new IllegalStateException("skull-strip: contrast t1 needs a T1 on the FLAIR's grid");
        }
        ScalarVolume image = useT1 ? t1 : subject.flair();
        AtlasBrainMask.Priors priors = subject.has(SubjectKeys.GM) && subject.has(SubjectKeys.CSF)
            ? new AtlasBrainMask.Priors(subject.require(SubjectKeys.GM), subject.require(SubjectKeys.CSF)) : null;
        AtlasBrainMask.Result r = new AtlasBrainMask(params).refine(image, warped, priors, ctx.exec());
        ctx.detail("contrast_used", useT1 ? "t1" : "flair");
        ctx.detail("threshold_rule", r.thresholdRule());
        ctx.detail("threshold", r.threshold());
        ctx.detail("atlas_mask_voxels", warped.count());
        return r.mask();
    }

    /** Voxels whose value is not 0 (negative interpolation ripples inside a stripped brain count). */
    static Mask nonzero(ScalarVolume v) {
        Mask.Builder b = Mask.builder(v.geometry());
        boolean[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i) != 0f;
        }
        return b.build();
    }
}

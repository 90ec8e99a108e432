package org.plaque.pipeline.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.Interpolation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.registration.transform.AffineTransform;

/**
 * Registers the atlas T1 template to the subject and warps the atlas onto the subject's grid: the T1
 * template and the WM, GM and CSF probabilities with trilinear interpolation, the brain mask with nearest
 * neighbour. Stores the transform ({@link SubjectKeys#SUBJECT_TO_ATLAS}) and the warped images.
 *
 * <p>With no stages the atlas is taken as already aligned (subjects in the atlas's space).
 */
public final class AtlasRegistrationStep implements Step {
    /** Registry name. */
    public static final String NAME = "atlas-registration";

    private final Atlas atlas;
    private final List<String> stages;

    /**
     * @param atlas  the atlas
     * @param stages registration stages in order ("rigid", "affine", "bspline"); empty for none
     */
    public AtlasRegistrationStep(Atlas atlas, List<String> stages) {
        this.atlas = atlas;
        this.stages = List.copyOf(stages);
        if (!this.stages.isEmpty()) {
            throw new IllegalArgumentException("atlas registration stages are not available yet: " + stages);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("stages", stages);
        p.put("atlas", atlas.directory().getFileName() == null ? "" : atlas.directory().getFileName().toString());
        return p;
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        Affine subjectToAtlas = Affine.identity();
        WarpedAtlas w = warp(atlas, subject.grid(), subjectToAtlas, ctx.exec());
        return subject.toBuilder()
            .put(SubjectKeys.SUBJECT_TO_ATLAS, AffineTransform.fromAffine(subjectToAtlas, new double[3]))
            .put(SubjectKeys.ATLAS_T1, w.t1())
            .put(SubjectKeys.WM, w.wm())
            .put(SubjectKeys.GM, w.gm())
            .put(SubjectKeys.CSF, w.csf())
            .put(SubjectKeys.ATLAS_BRAIN_MASK, w.brainMask())
            .build();
    }

    /**
     * The atlas images on {@code target}.
     *
     * @param t1 the T1 template; @param wm, gm, csf the probabilities; @param brainMask the brain mask
     */
    public record WarpedAtlas(ScalarVolume t1, ScalarVolume wm, ScalarVolume gm, ScalarVolume csf, Mask brainMask) {
    }

    /** Warps every atlas image onto {@code target} through {@code targetToAtlas} (world → world). */
    public static WarpedAtlas warp(Atlas atlas, ImageGeometry target, Affine targetToAtlas, ExecutionContext ctx) {
        return new WarpedAtlas(
            Resample.scalar(atlas.t1(), target, targetToAtlas, Interpolation.LINEAR, 0f, ctx),
            Resample.scalar(atlas.wm(), target, targetToAtlas, Interpolation.LINEAR, 0f, ctx),
            Resample.scalar(atlas.gm(), target, targetToAtlas, Interpolation.LINEAR, 0f, ctx),
            Resample.scalar(atlas.csf(), target, targetToAtlas, Interpolation.LINEAR, 0f, ctx),
            Resample.mask(atlas.brainMask(), target, targetToAtlas, ctx));
    }

    static boolean onGrid(ScalarVolume v, ImageGeometry g) {
        return v.geometry().sameGrid(g, Tolerance.DEFAULT);
    }
}

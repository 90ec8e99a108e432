package org.plaque.pipeline.step;

import java.util.Map;
import org.plaque.filter.spatial.Reorient;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Orientation;
import org.plaque.geom.Tolerance;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.image.Volume;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKey;
import org.plaque.pipeline.SubjectKeys;

/**
 * Puts every image on the processing grid back onto the FLAIR's grid as given
 * ({@link SubjectKeys#INPUT_GRID}), undoing {@link ReorientStep} exactly: voxels are permuted and flipped
 * back (no interpolation) and the result carries the input grid's own affine, bit for bit, so outputs
 * written afterwards have the input FLAIR's header geometry.
 *
 * <p>Images not on the processing grid (a T1 that was never registered) are left alone. Without an input
 * grid (no reorientation ran) the step changes nothing.
 */
public final class RestoreGridStep implements Step {
    /** Registry name. */
    public static final String NAME = "restore-grid";
    /**
     * How far reorientation may have moved a voxel centre through rounding of the affine products (mm);
     * a pure permutation moves nothing, so anything above this is a programming error.
     */
    private static final Tolerance ROUNDING = new Tolerance(1e-6);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of();
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        ImageGeometry input = subject.get(SubjectKeys.INPUT_GRID).orElse(null);
        if (input == null) {
            return subject;
        }
        ImageGeometry processing = subject.grid();
        String code = Orientation.axisCodes(input);
        Subject.Builder b = subject.toBuilder();
        for (SubjectKey<?> key : java.util.List.copyOf(b.keys())) {
            restore(b, key, processing, input, code);
        }
        ctx.detail("output_orientation", code);
        return b.build();
    }

    private static <T> void restore(Subject.Builder b, SubjectKey<T> key, ImageGeometry processing,
                                    ImageGeometry input, String code) {
        T value = b.get(key).orElseThrow();
        if (value instanceof Volume v && v.geometry().sameGrid(processing, Tolerance.DEFAULT)) {
            b.put(key, key.type().cast(onInputGrid(v, input, code)));
        }
    }

    /** {@code v} reoriented to {@code code} and relabelled with {@code input}'s exact affine. */
    static Volume onInputGrid(Volume v, ImageGeometry input, String code) {
        Volume r = Reorient.to(v, code);
        input.requireSameGrid(r.geometry(), ROUNDING, "the input FLAIR and a restored result");
        if (r instanceof ScalarVolume s) {
            return s.withGeometry(input);
        }
        if (r instanceof Mask m) {
            return Mask.of(input, m.toArray());
        }
        return LabelVolume.of(input, ((LabelVolume) r).toArray());
    }
}

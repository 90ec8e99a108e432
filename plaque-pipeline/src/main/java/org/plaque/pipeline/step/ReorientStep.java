package org.plaque.pipeline.step;

import java.util.Map;
import org.plaque.filter.spatial.Reorient;
import org.plaque.geom.Orientation;
import org.plaque.image.Volume;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKey;
import org.plaque.pipeline.SubjectKeys;

/**
 * Stores every image of the subject in one canonical orientation for processing (default RAS), by
 * permuting and flipping voxel axes only ({@link Reorient}: no interpolation, every voxel keeps its world
 * position).
 *
 * <p>Before moving anything it remembers the FLAIR's grid as given ({@link SubjectKeys#INPUT_GRID}) and
 * keeps the given FLAIR ({@link SubjectKeys#FLAIR_INPUT}), so {@link RestoreGridStep} can put every result
 * back onto exactly that grid. T1 and T2 are reoriented on their own grids.
 */
public final class ReorientStep implements Step {
    /** Registry name. */
    public static final String NAME = "reorient";
    /** Default processing orientation: voxel axes along +x (right), +y (anterior), +z (superior). */
    public static final String DEFAULT_ORIENTATION = "RAS";

    private final String orientation;

    /**
     * @param orientation axis codes accepted by {@link Orientation#parse}, e.g. "RAS"
     * @throws IllegalArgumentException if the code is invalid
     */
    public ReorientStep(String orientation) {
        this.orientation = Orientation.parse(orientation);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("orientation", orientation);
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        Subject.Builder b = subject.toBuilder();
        if (!subject.has(SubjectKeys.INPUT_GRID)) {
            b.put(SubjectKeys.INPUT_GRID, subject.grid());
        }
        if (!subject.has(SubjectKeys.FLAIR_INPUT)) {
            b.put(SubjectKeys.FLAIR_INPUT, subject.flair());
        }
        ctx.detail("input_orientation", Orientation.axisCodes(subject.grid()));
        for (SubjectKey<?> key : java.util.List.copyOf(b.keys())) {
            reorient(b, key);
        }
        return b.build();
    }

    private <T> void reorient(Subject.Builder b, SubjectKey<T> key) {
        T value = b.get(key).orElseThrow();
        if (value instanceof Volume v) {
            b.put(key, key.type().cast(Reorient.to(v, orientation)));
        }
    }
}

package org.plaque.pipeline.longitudinal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plaque.geom.Affine;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * What {@link LongitudinalChangeDetector} found, everything on the follow-up grid.
 *
 * @param followupToBaseline world → world (RAS+ mm) affine from follow-up points to baseline points
 * @param registration       registration quality figures (final metric per stage, brain correlation)
 * @param candidates         every raw candidate before the filter, both directions
 * @param changes            the kept changes, id order = label image component order
 * @param changeLabels       per voxel: 0 or the {@link ChangeLabel#code()} of its change
 * @param stableLesionCount  follow-up lesions (visit lesion mask components) touched by no change
 * @param brain              the eroded brain-mask intersection the detection ran in
 * @param followupCorrected  the follow-up FLAIR after N4 (for the report panels)
 * @param matchedBaseline    the baseline after N4, registration and histogram matching, on the follow-up grid
 */
public record LongitudinalResult(Affine followupToBaseline, Map<String, Object> registration,
                                 List<Candidate> candidates, List<LesionChange> changes, LabelVolume changeLabels,
                                 int stableLesionCount, Mask brain,
                                 ScalarVolume followupCorrected, ScalarVolume matchedBaseline) {
    public LongitudinalResult {
        Objects.requireNonNull(followupToBaseline, "followupToBaseline");
        registration = Map.copyOf(registration);
        candidates = List.copyOf(candidates);
        changes = List.copyOf(changes);
        Objects.requireNonNull(changeLabels, "changeLabels");
        Objects.requireNonNull(brain, "brain");
        Objects.requireNonNull(followupCorrected, "followupCorrected");
        Objects.requireNonNull(matchedBaseline, "matchedBaseline");
    }

    /** Every changed voxel, both directions. */
    public Mask changeMask() {
        return select(false);
    }

    /** New and enlarging voxels. */
    public Mask newLesionMask() {
        return select(true);
    }

    /** Changes with {@code label}. */
    public long count(ChangeLabel label) {
        return changes.stream().filter(c -> c.label() == label).count();
    }

    /** Total change volume with {@code label}, mm³. */
    public double volumeMm3(ChangeLabel label) {
        return changes.stream().filter(c -> c.label() == label).mapToDouble(LesionChange::changeVolumeMm3).sum();
    }

    private Mask select(boolean activityOnly) {
        Mask.Builder b = Mask.builder(changeLabels.geometry());
        boolean[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            int v = changeLabels.get(i);
            a[i] = activityOnly ? (v == ChangeLabel.NEW.code() || v == ChangeLabel.ENLARGING.code()) : v != 0;
        }
        return b.build();
    }
}

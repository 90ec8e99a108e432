package org.plaque.pipeline.longitudinal;

import java.util.List;
import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * The filter stage of the change detector: which raw candidates are kept as changes. {@link #classic} is the
 * rule-based filter ({@link Candidate#passes}); {@link CnnChangeFilter} asks the learned new-lesion filter.
 */
@FunctionalInterface
public interface CandidateFilter {
    /**
     * The images a filter may look at, all on the follow-up grid (the grid of the candidates' voxel indices).
     *
     * @param matchedBaseline baseline after N4, registration and histogram matching
     * @param followup        follow-up after N4
     * @param brain           the eroded brain-mask intersection the candidates were found in
     */
    record Images(ScalarVolume matchedBaseline, ScalarVolume followup, Mask brain) {
        public Images {
            Objects.requireNonNull(matchedBaseline, "matchedBaseline");
            Objects.requireNonNull(followup, "followup");
            Objects.requireNonNull(brain, "brain");
        }
    }

    /** One flag per candidate, true when it is kept. */
    boolean[] keep(List<Candidate> candidates, Images images, ExecutionContext ctx);

    /** The classical filter with {@code params}. */
    static CandidateFilter classic(ChangeParams params) {
        return (candidates, images, ctx) -> {
            boolean[] keep = new boolean[candidates.size()];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = candidates.get(i).passes(params);
            }
            return keep;
        };
    }
}

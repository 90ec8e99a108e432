package org.plaque.pipeline.cohort;

import java.util.List;

/**
 * The outcome of every case of a cohort run, in the cohort's order ({@link CaseKey}).
 *
 * @param outcomes one per case
 */
public record CohortResult(List<CaseOutcome> outcomes) {
    public CohortResult {
        outcomes = List.copyOf(outcomes);
    }

    /** Cases with the given status. */
    public long count(CaseOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** Whether any case failed (the command then exits with 1). */
    public boolean anyFailed() {
        return count(CaseOutcome.Status.FAILED) > 0;
    }

    /** The failed cases. */
    public List<CaseOutcome> failures() {
        return outcomes.stream().filter(CaseOutcome::failed).toList();
    }
}

package org.plaque.pipeline.cohort;

/**
 * Hears how a cohort run advances (for a progress bar). {@link CohortRunner} calls these methods one at a
 * time (never concurrently), from whichever thread finished a case; they should return quickly.
 */
public interface CohortListener {
    /** Ignores everything. */
    CohortListener NONE = new CohortListener() {
    };

    /**
     * The run starts.
     *
     * @param total     cases in the cohort
     * @param toCompute cases that will be computed (the others are reused or failed before starting)
     */
    default void started(int total, int toCompute) {
    }

    /**
     * One case is finished (computed, reused or failed).
     *
     * @param outcome what happened
     * @param done    cases finished so far, this one included
     * @param total   cases in the cohort
     */
    default void caseFinished(CaseOutcome outcome, int done, int total) {
    }

    /** Every case is finished and the summaries are written. */
    default void finished(CohortResult result) {
    }
}

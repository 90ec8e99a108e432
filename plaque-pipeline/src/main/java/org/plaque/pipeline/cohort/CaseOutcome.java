package org.plaque.pipeline.cohort;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one case in a cohort run.
 *
 * @param c          the case
 * @param status     computed, reused or failed
 * @param report     the result's figures (present unless the case failed)
 * @param error      the one-line error of a failed case ({@code ""} otherwise)
 * @param durationMs time spent on the case in this run, ms (0 for a reused result)
 * @param computed   whether the case was computed in this run (false for a reused result and for a case
 *                   refused before computing, e.g. because of a foreign folder in its place)
 */
public record CaseOutcome(CohortCase c, Status status, Optional<CaseReport> report, String error,
                          long durationMs, boolean computed) {
    /** The state of a case after a run. */
    public enum Status {
        /** Computed in this run. */
        OK("ok"),
        /** A complete result from an earlier run was kept ({@code --resume}). */
        RESUMED("resumed"),
        /** Failed in this run; its folder holds no new result. */
        FAILED("failed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The word written in summaries. */
        public String label() {
            return label;
        }
    }

    public CaseOutcome {
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(error, "error");
        if ((status == Status.FAILED) == report.isPresent()) {
            throw new IllegalArgumentException("a failed case has no report, any other has one");
        }
    }

    static CaseOutcome ok(CohortCase c, CaseReport r, long durationMs) {
        return new CaseOutcome(c, Status.OK, Optional.of(r), "", durationMs, true);
    }

    static CaseOutcome resumed(CohortCase c, CaseReport r) {
        return new CaseOutcome(c, Status.RESUMED, Optional.of(r), "", 0, false);
    }

    static CaseOutcome failed(CohortCase c, String error, long durationMs) {
        return new CaseOutcome(c, Status.FAILED, Optional.empty(), error, durationMs, true);
    }

    static CaseOutcome refused(CohortCase c, String error) {
        return new CaseOutcome(c, Status.FAILED, Optional.empty(), error, 0, false);
    }

    /** Whether the case failed. */
    public boolean failed() {
        return status == Status.FAILED;
    }
}

package org.plaque.pipeline.cohort;

import java.nio.file.Path;
import org.plaque.exec.ExecutionContext;

/**
 * The work done for one case of a cohort: {@link CohortRunner} calls it once per case that needs
 * computing, possibly from several threads at once (one case per call), so implementations must be
 * thread-safe and must not share mutable state between calls.
 *
 * <p>The processor writes its result files into {@code dir}, an empty folder the runner made for this
 * call. It must leave a valid {@value CaseReport#FILE} there ({@link CaseReport}); the runner then moves
 * the folder into place as a whole. If it throws (or writes no valid report), the runner deletes the
 * folder, so a failed case leaves nothing behind.
 */
@FunctionalInterface
public interface CaseProcessor {
    /**
     * Computes one case.
     *
     * @param c   the case
     * @param dir an empty folder for the result files
     * @param ctx threads and seed for this case (the cohort's seed, so a case gives the same result
     *            whatever else runs); close is the runner's job
     * @throws Exception any failure; its message (one line) is what {@code failures.csv} shows
     */
    void process(CohortCase c, Path dir, ExecutionContext ctx) throws Exception;

    /**
     * Whether {@code --resume} may keep an existing complete result instead of computing the case again
     * (e.g. only when it was made with the same preset). Default: always.
     */
    default boolean canReuse(CohortCase c, CaseReport existing) {
        return true;
    }
}

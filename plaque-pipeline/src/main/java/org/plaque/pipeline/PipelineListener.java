package org.plaque.pipeline;

/**
 * Hears a pipeline's steps start and finish (progress within a step arrives through the
 * {@link org.plaque.exec.ProgressListener} of the execution context). Implementations must be cheap.
 */
public interface PipelineListener {
    /** Ignores everything. */
    PipelineListener NONE = new PipelineListener() {
    };

    /**
     * A step starts.
     *
     * @param index 0-based position of the step
     * @param count number of steps in the pipeline
     * @param step  the step's name
     */
    default void stepStarted(int index, int count, String step) {
    }

    /** A step finished after {@code durationMs} milliseconds. */
    default void stepFinished(int index, int count, String step, long durationMs) {
    }
}

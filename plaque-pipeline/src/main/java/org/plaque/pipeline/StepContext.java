package org.plaque.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plaque.exec.ExecutionContext;

/**
 * What a running {@link Step} gets besides the subject: the {@link ExecutionContext} (threads, seed,
 * progress, cancellation), the pipeline listener (for nested pipelines), and a place to note what it
 * measured and to warn. A fresh context is made for every step run; it is not shared between threads.
 */
public final class StepContext {
    private final ExecutionContext exec;
    private final PipelineListener listener;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /** A context for one step run. */
    public StepContext(ExecutionContext exec, PipelineListener listener) {
        this.exec = Objects.requireNonNull(exec, "exec");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A context with no pipeline listener (for running a single step directly). */
    public static StepContext of(ExecutionContext exec) {
        return new StepContext(exec, PipelineListener.NONE);
    }

    /** Threads, seed, progress and cancellation. */
    public ExecutionContext exec() {
        return exec;
    }

    /** The listener of the pipeline running this step. */
    public PipelineListener listener() {
        return listener;
    }

    /** Reports progress of this step's current stage (fraction in [0, 1]). */
    public void progress(String stage, double fraction) {
        exec.progress().update(stage, fraction);
    }

    /** Records a measured or decided value (plain data) in the step's provenance. */
    public void detail(String key, Object value) {
        details.put(Objects.requireNonNull(key, "key"), value);
    }

    /** Records a one-line warning for a person. */
    public void warn(String message) {
        warnings.add(Objects.requireNonNull(message, "message"));
    }

    /** What the step recorded with {@link #detail}. */
    public Map<String, Object> details() {
        return details;
    }

    /** What the step recorded with {@link #warn}. */
    public List<String> warnings() {
        return warnings;
    }
}

package org.plaque.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plaque.exec.ExecutionContext;

/**
 * An ordered list of {@link Step}s, run one after another on a {@link Subject}; itself a step.
 *
 * <p>For every step the pipeline checks cancellation, tells its {@link PipelineListener}, runs the step with
 * a fresh {@link StepContext}, and appends a {@link StepRecord} (name, effective parameters, duration in ms,
 * details, warnings) to the subject's provenance. Run as a step inside another pipeline, its children's
 * records come first and the nested pipeline adds no record of its own beyond theirs (the outer pipeline
 * adds one for it, named {@code name()}).
 */
public final class Pipeline implements Step {
    private final String name;
    private final List<Step> steps;

    /**
     * @param name  a name for reports, e.g. {@code "cross-sectional"}
     * @param steps the steps, in order
     */
    public Pipeline(String name, List<Step> steps) {
        this.name = Objects.requireNonNull(name, "name");
        this.steps = List.copyOf(steps);
    }

    @Override
    public String name() {
        return name;
    }

    /** The steps, in order. */
    public List<Step> steps() {
        return steps;
    }

    /** Each step's parameters under its name (steps of the same name are numbered: name#2). */
    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Step s : steps) {
            String key = s.name();
            for (int n = 2; out.containsKey(key); n++) {
                key = s.name() + "#" + n;
            }
            out.put(key, s.parameters());
        }
        return out;
    }

    /** Runs every step on {@code subject}, reporting to {@code listener}. */
    public Subject run(Subject subject, ExecutionContext exec, PipelineListener listener) {
        Subject current = Objects.requireNonNull(subject, "subject");
        int count = steps.size();
        for (int i = 0; i < count; i++) {
            Step step = steps.get(i);
            exec.checkCancelled();
            listener.stepStarted(i, count, step.name());
            StepContext ctx = new StepContext(exec, listener);
            long start = System.nanoTime();
            Subject next = step.apply(current, ctx);
            long ms = (System.nanoTime() - start) / 1_000_000;
            current = next.withRecord(new StepRecord(step.name(), step.parameters(), ms, ctx.details(),
                ctx.warnings()));
            listener.stepFinished(i, count, step.name(), ms);
        }
        return current;
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        return run(subject, ctx.exec(), ctx.listener());
    }

    @Override
    public String toString() {
        return "Pipeline[" + name + ": " + steps.stream().map(Step::name).toList() + "]";
    }
}

package org.plaque.pipeline;

import java.util.Map;

/**
 * One stage of a pipeline: maps a {@link Subject} to a new subject (the input is never changed).
 *
 * <p>A step is built from its effective parameters (see {@link org.plaque.pipeline.preset.StepRegistry})
 * and is deterministic given the subject and the context's seed. It reports what it measured through
 * {@link StepContext#detail} and {@link StepContext#warn}; the {@link Pipeline} running it records those,
 * its parameters and its duration in the subject's provenance.
 */
public interface Step {
    /** The step's registry name, e.g. {@code "denoise"}. */
    String name();

    /** The effective parameters (plain values; units in the names), for provenance and reports. */
    Map<String, Object> parameters();

    /**
     * Runs the step.
     *
     * @throws org.plaque.InvalidInputException when the subject's data cannot be processed (a person can fix it)
     * @throws IllegalStateException when the subject lacks a value an earlier step should have produced
     * @throws org.plaque.exec.CancelledException when the context is cancelled
     */
    Subject apply(Subject subject, StepContext ctx);
}

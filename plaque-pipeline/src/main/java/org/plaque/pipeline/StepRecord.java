package org.plaque.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The provenance of one step run: what ran, with which effective parameters, how long it took and what it
 * found.
 *
 * @param step       the step's name, e.g. {@code "denoise"}
 * @param parameters the effective parameters (plain values: numbers, strings, booleans, lists, maps)
 * @param durationMs wall-clock time of the step in milliseconds, ≥ 0
 * @param details    what the step measured or decided (iterations run, thresholds chosen, metric values)
 * @param warnings   one-line warnings for a person (e.g. "T1 already on the FLAIR grid: not registered")
 */
public record StepRecord(String step, Map<String, Object> parameters, long durationMs, Map<String, Object> details,
                         List<String> warnings) {
    public StepRecord {
        Objects.requireNonNull(step, "step");
        parameters = PlainValues.copy(parameters);
        details = PlainValues.copy(details);
        warnings = List.copyOf(warnings);
        if (durationMs < 0) {
            throw new IllegalArgumentException("duration must be >= 0 ms, got " + durationMs);
        }
    }
}

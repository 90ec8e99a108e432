package org.plaque.pipeline.preset;

import java.util.Map;
import java.util.Objects;
import org.plaque.pipeline.PlainValues;

/**
 * One entry of a {@link Preset}: a step's registry name and the parameters that differ from its defaults,
 * as plain data.
 *
 * @param step   the registry name, e.g. {@code "denoise"}
 * @param params parameter values (strings, numbers, booleans, lists, maps); missing ones take the step's
 *               documented defaults
 */
public record StepSpec(String step, Map<String, Object> params) {
    public StepSpec {
        Objects.requireNonNull(step, "step");
        params = PlainValues.copy(params);
    }

    /** A step with its default parameters. */
    public static StepSpec of(String step) {
        return new StepSpec(step, Map.of());
    }

    /** A step with the given parameters. */
    public static StepSpec of(String step, Map<String, Object> params) {
        return new StepSpec(step, params);
    }

    /** This entry with one parameter set (replacing an earlier value). */
    public StepSpec with(String name, Object value) {
        Map<String, Object> p = new java.util.LinkedHashMap<>(params);
        p.put(name, value);
        return new StepSpec(step, p);
    }
}

package org.plaque.pipeline.preset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A named pipeline as plain data: an ordered list of {@link StepSpec}s, turned into runnable steps by a
 * {@link StepRegistry}. Presets hold no code, so they can be printed, stored in provenance and compared.
 *
 * @param name        the preset's name
 * @param description one line for a person
 * @param steps       the steps, in order
 */
public record Preset(String name, String description, List<StepSpec> steps) {
    public Preset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        steps = List.copyOf(steps);
    }

    /** The first entry for {@code step}, if any. */
    public java.util.Optional<StepSpec> find(String step) {
        return steps.stream().filter(s -> s.step().equals(step)).findFirst();
    }

    /** This preset with every entry for {@code step} changed by {@code change}. */
    public Preset map(String step, UnaryOperator<StepSpec> change) {
        List<StepSpec> out = new ArrayList<>(steps.size());
        for (StepSpec s : steps) {
            out.add(s.step().equals(step) ? change.apply(s) : s);
        }
        return new Preset(name, description, out);
    }

    /** This preset without the entries for {@code step}. */
    public Preset without(String step) {
        return new Preset(name, description, steps.stream().filter(s -> !s.step().equals(step)).toList());
    }
}

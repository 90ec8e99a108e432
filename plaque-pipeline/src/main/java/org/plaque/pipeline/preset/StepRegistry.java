package org.plaque.pipeline.preset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.plaque.pipeline.Pipeline;
import org.plaque.pipeline.Step;

/**
 * The explicit table from step names to {@link StepFactory}s that turns a {@link Preset} into a
 * {@link Pipeline}. No reflection and no expressions: a name that is not registered is an error.
 * Immutable once built.
 */
public final class StepRegistry {
    private final Map<String, StepFactory> factories;

    private StepRegistry(Map<String, StepFactory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** A builder for a registry. */
    public static Builder builder() {
        return new Builder();
    }

    /** The registered names. */
    public Set<String> names() {
        return factories.keySet();
    }

    /**
     * Makes the step of {@code spec}.
     *
     * @throws IllegalArgumentException for an unknown step name or a bad parameter
     */
    public Step create(StepSpec spec, StepResources resources) {
        StepFactory f = factories.get(spec.step());
        if (f == null) {
            throw new IllegalArgumentException("unknown step '" + spec.step() + "'; known steps: "
                + String.join(", ", new java.util.TreeSet<>(factories.keySet())));
        }
        StepParams params = new StepParams(spec.step(), spec.params());
        Step step = f.create(params, resources);
        params.requireNoOthers();
        return step;
    }

    /** Makes the pipeline of {@code preset}, one step per entry. */
    public Pipeline pipeline(Preset preset, StepResources resources) {
        List<Step> steps = new ArrayList<>(preset.steps().size());
        for (StepSpec spec : preset.steps()) {
            steps.add(create(spec, resources));
        }
        return new Pipeline(preset.name(), steps);
    }

    /** Collects name → factory entries. */
    public static final class Builder {
        private final Map<String, StepFactory> factories = new LinkedHashMap<>();

        /**
         * Registers {@code factory} under {@code name}.
         *
         * @throws IllegalArgumentException if the name is taken
         */
        public Builder register(String name, StepFactory factory) {
            Objects.requireNonNull(factory, "factory");
            if (factories.putIfAbsent(Objects.requireNonNull(name, "name"), factory) != null) {
                throw new IllegalArgumentException("step " + name + " is registered twice");
            }
            return this;
        }

        /** The registry. */
        public StepRegistry build() {
            return new StepRegistry(factories);
        }
    }
}

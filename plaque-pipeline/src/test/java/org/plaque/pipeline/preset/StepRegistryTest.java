package org.plaque.pipeline.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.plaque.pipeline.Pipeline;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;

class StepRegistryTest {
    private static Step named(String name, Map<String, Object> params) {
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> parameters() {
                return params;
            }

            @Override
            public Subject apply(Subject s, StepContext ctx) {
                return s;
            }
        };
    }

    private final StepRegistry registry = StepRegistry.builder()
        .register("scale", (p, r) -> {
            double f = p.getDouble("factor", 2.0);
            p.require("factor", f > 0, "> 0");
            return named("scale", Map.of("factor", f, "mode", p.getChoice("mode", "fast", List.of("fast", "exact"))));
        })
        .build();
    private final StepResources none = new StepResources(Optional.empty(), n -> Optional.empty(), List.of());

    @Test
    void aPresetBecomesAPipelineWithDefaultsFilledIn() {
        Preset preset = new Preset("p", "test", List.of(StepSpec.of("scale"), StepSpec.of("scale",
            Map.of("factor", 3, "mode", "EXACT"))));
        Pipeline p = registry.pipeline(preset, none);
        assertThat(p.steps()).hasSize(2);
        assertThat(p.steps().get(0).parameters()).containsEntry("factor", 2.0).containsEntry("mode", "fast");
        assertThat(p.steps().get(1).parameters()).containsEntry("factor", 3.0).containsEntry("mode", "exact");
    }

    @Test
    void unknownStepsParametersAndBadValuesAreRefusedByName() {
        assertThatThrownBy(() -> registry.create(StepSpec.of("blur"), none))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blur").hasMessageContaining("scale");
        assertThatThrownBy(() -> registry.create(StepSpec.of("scale", Map.of("facter", 2)), none))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("facter").hasMessageContaining("factor");
        assertThatThrownBy(() -> registry.create(StepSpec.of("scale", Map.of("factor", "big")), none))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor");
        assertThatThrownBy(() -> registry.create(StepSpec.of("scale", Map.of("factor", -1)), none))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0");
        assertThatThrownBy(() -> registry.create(StepSpec.of("scale", Map.of("mode", "slow")), none))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slow");
        assertThatThrownBy(() -> StepRegistry.builder().register("a", (p, r) -> null).register("a", (p, r) -> null))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void presetsAreEditableData() {
        Preset p = new Preset("p", "d", List.of(StepSpec.of("a"), StepSpec.of("b", Map.of("x", 1))));
        Preset q = p.map("b", s -> s.with("x", 2)).without("a");
        assertThat(q.steps()).containsExactly(StepSpec.of("b", Map.of("x", 2)));
        assertThat(p.find("b").orElseThrow().params()).containsEntry("x", 1);
        StepParams params = new StepParams("s", Map.of("xs", List.of(1, 2), "ss", List.of("a"), "b", true));
        assertThat(params.getInts("xs", List.of())).containsExactly(1, 2);
        assertThat(params.getStrings("ss", List.of())).containsExactly("a");
        assertThat(params.getBoolean("b", false)).isTrue();
        assertThat(params.getInt("missing", 7)).isEqualTo(7);
        params.requireNoOthers();
    }
}

package org.plaque.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plaque.exec.CancelledException;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.testing.TestSubjects;

class PipelineTest {
    /** Adds {@code delta} to every FLAIR voxel and notes the new maximum. */
    private static Step add(String name, float delta) {
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> parameters() {
                return Map.of("delta", delta);
            }

            @Override
            public Subject apply(Subject s, StepContext ctx) {
                ScalarVolume.Builder b = s.flair().toBuilder();
                float[] a = b.array();
                for (int i = 0; i < a.length; i++) {
                    a[i] += delta;
                }
                ScalarVolume out = b.build();
                ctx.detail("max", out.statistics().max());
                if (delta < 0) {
                    ctx.warn("negative delta");
                }
                return s.with(SubjectKeys.FLAIR, out);
            }
        };
    }

    private final Subject subject = Subject.of("s", TestSubjects.ramp(TestSubjects.lpsGrid(4, 3, 2)));

    @Test
    void runsStepsInOrderAndRecordsEachOne() {
        Pipeline p = new Pipeline("p", List.of(add("a", 1), add("b", -3)));
        List<String> events = new ArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void stepStarted(int index, int count, String step) {
                events.add("start " + index + "/" + count + " " + step);
            }

            @Override
            public void stepFinished(int index, int count, String step, long durationMs) {
                events.add("end " + step);
            }
        };
        Subject out = p.run(subject, ExecutionContext.singleThreaded(), listener);
        assertThat(out.flair().get(0)).isEqualTo(subject.flair().get(0) - 2);
        assertThat(subject.flair().get(0)).isEqualTo(0f);
        assertThat(events).containsExactly("start 0/2 a", "end a", "start 1/2 b", "end b");
        assertThat(out.provenance()).extracting(StepRecord::step).containsExactly("a", "b");
        StepRecord b = out.provenance().get(1);
        assertThat(b.parameters()).containsEntry("delta", -3f);
        assertThat(b.warnings()).containsExactly("negative delta");
        assertThat((double) b.details().get("max")).isEqualTo(subject.flair().statistics().max() - 2);
        assertThat(b.durationMs()).isGreaterThanOrEqualTo(0);
        assertThat(p.parameters()).containsOnlyKeys("a", "b");
    }

    @Test
    void aNestedPipelineIsAStep() {
        Pipeline inner = new Pipeline("inner", List.of(add("a", 1), add("a", 1)));
        Pipeline outer = new Pipeline("outer", List.of(inner, add("c", 1)));
        Subject out = outer.run(subject, ExecutionContext.singleThreaded(), PipelineListener.NONE);
        assertThat(out.flair().get(0)).isEqualTo(3f);
        assertThat(out.provenance()).extracting(StepRecord::step).containsExactly("a", "a", "inner", "c");
        assertThat(inner.parameters()).containsOnlyKeys("a", "a#2");
    }

    @Test
    void aCancelledContextStopsBeforeTheNextStep() {
        ExecutionContext ctx = ExecutionContext.singleThreaded();
        Step cancel = new Step() {
            @Override
            public String name() {
                return "cancel";
            }

            @Override
            public Map<String, Object> parameters() {
                return Map.of();
            }

            @Override
            public Subject apply(Subject s, StepContext c) {
                c.exec().cancel();
                return s;
            }
        };
        Pipeline p = new Pipeline("p", List.of(cancel, add("never", 1)));
        assertThatThrownBy(() -> p.run(subject, ctx, PipelineListener.NONE)).isInstanceOf(CancelledException.class);
    }
}

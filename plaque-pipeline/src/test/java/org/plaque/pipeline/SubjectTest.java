package org.plaque.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.testing.TestSubjects;

class SubjectTest {
    private final ImageGeometry grid = TestSubjects.lpsGrid(6, 5, 4);
    private final ScalarVolume flair = TestSubjects.ramp(grid);

    @Test
    void withReturnsANewSubjectAndLeavesTheOldOneAlone() {
        Subject a = Subject.of("s", flair);
        Mask brain = Mask.empty(grid);
        Subject b = a.with(SubjectKeys.BRAIN_MASK, brain);
        assertThat(a.has(SubjectKeys.BRAIN_MASK)).isFalse();
        assertThat(b.require(SubjectKeys.BRAIN_MASK)).isSameAs(brain);
        assertThat(b.without(SubjectKeys.BRAIN_MASK).has(SubjectKeys.BRAIN_MASK)).isFalse();
        assertThat(b.keys()).containsExactly(SubjectKeys.FLAIR, SubjectKeys.BRAIN_MASK);
    }

    @Test
    void referenceGridImagesMustShareTheFlairGridButChannelsNeedNot() {
        Subject s = Subject.of("s", flair);
        ImageGeometry other = TestSubjects.lpsGrid(7, 5, 4);
        assertThatThrownBy(() -> s.with(SubjectKeys.BRAIN_MASK, Mask.empty(other)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("brain_mask");
        assertThat(s.with(SubjectKeys.T1, TestSubjects.ramp(other)).has(SubjectKeys.T1)).isTrue();
    }

    @Test
    void aMissingValueNamesTheKey() {
        Subject s = Subject.of("s", flair);
        assertThatThrownBy(() -> s.require(SubjectKeys.WM)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("wm");
        assertThatThrownBy(() -> Subject.builder("x").build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void provenanceIsAppendedAndImmutable() {
        Subject s = Subject.of("s", flair).withRecord(new StepRecord("a", Map.of("k", 1), 3, Map.of(), List.of()));
        assertThat(s.provenance()).hasSize(1);
        assertThatThrownBy(() -> s.provenance().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsAcceptOnlyPlainData() {
        assertThatThrownBy(() -> new StepRecord("a", Map.of("image", flair), 0, Map.of(), List.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image");
        StepRecord r = new StepRecord("a", Map.of("xs", new double[] {1, 2}), 0, Map.of("m", Map.of("k", "v")),
            List.of("w"));
        assertThat(r.parameters().get("xs")).isEqualTo(List.of(1.0, 2.0));
    }
}

package org.plaque.dl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class TrainingSubjectTest {
    @Test
    void validatesGridsNamesValuesAndBrain() {
        var g = TestSubjects.grid(4, 4, 4);
        var other = TestSubjects.grid(4, 4, 5);
        ScalarVolume a = ScalarVolume.filled(g, 1f);
        Mask brain = Mask.of(g, filled(64));
        assertThatThrownBy(() -> new TrainingSubject("s1", List.of("FLAIR", "T1"),
            List.of(a, ScalarVolume.filled(other, 1f)), Mask.empty(g), brain))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("s1").hasMessageContaining("T1");
        assertThatThrownBy(() -> new TrainingSubject("s1", List.of("FLAIR", "flair"), List.of(a, a),
            Mask.empty(g), brain)).isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
        float[] nan = new float[64];
        nan[3] = Float.NaN;
        assertThatThrownBy(() -> new TrainingSubject("s1", List.of("FLAIR"), List.of(ScalarVolume.of(g, nan)),
            Mask.empty(g), brain)).isInstanceOf(InvalidInputException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> new TrainingSubject("s1", List.of("FLAIR"), List.of(a), Mask.empty(g),
            Mask.empty(g))).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty brain");
        assertThatThrownBy(() -> new TrainingSubject("s1", List.of("FLAIR"), List.of(a), Mask.empty(other),
            brain)).isInstanceOf(InvalidInputException.class).hasMessageContaining("lesion mask");
        TrainingSubject ok = new TrainingSubject("s1", List.of("FLAIR", "T1"), List.of(a, a), Mask.empty(g), brain);
        assertThat(ok.channelIndex("t1")).isEqualTo(1);
        assertThat(ok.select(List.of("t1")).channelNames()).containsExactly("T1");
    }

    private static boolean[] filled(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }
}

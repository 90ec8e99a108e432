package org.plaque.pipeline.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;

class CaseKeyTest {
    @Test
    void labelsWithOrWithoutPrefixAreTheSameCase() {
        assertThat(CaseKey.of("sub-01", "ses-2")).isEqualTo(CaseKey.of("01", "2"));
        assertThat(CaseKey.of(" 01 ", null)).isEqualTo(new CaseKey("01", ""));
        assertThat(CaseKey.of("01", "2").id()).isEqualTo("sub-01_ses-2");
        assertThat(CaseKey.of("01", "").id()).isEqualTo("sub-01");
        assertThat(CaseKey.of("patient07", "").subjectId()).isEqualTo("sub-patient07");
        assertThat(CaseKey.of("01", "").sessionId()).isEmpty();
    }

    @Test
    void parsesBidsEntitiesAndPlainNames() {
        assertThat(CaseKey.parse("sub-01_ses-02_space-MNI_mask")).isEqualTo(new CaseKey("01", "02"));
        assertThat(CaseKey.parse("sub-01")).isEqualTo(new CaseKey("01", ""));
        assertThat(CaseKey.parse("patient07")).isEqualTo(new CaseKey("patient07", ""));
        assertThat(CaseKey.parse("sub-patient07")).isEqualTo(CaseKey.parse("patient07"));
        // id() and parse() are inverse
        CaseKey k = new CaseKey("a-1.2", "b3");
        assertThat(CaseKey.parse(k.id())).isEqualTo(k);
    }

    @Test
    void rejectsLabelsThatWouldMakeAmbiguousOrUnsafeFolders() {
        for (String bad : new String[] {"", "a_b", "a/b", "..", ".hidden", "a b", "sub-"}) {
            assertThatThrownBy(() -> CaseKey.of(bad, "")).as(bad).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("letters, digits");
        }
        assertThatThrownBy(() -> CaseKey.of("01", "x_y")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("session label 'x_y'");
        assertThatThrownBy(() -> CaseKey.parse("patient_07")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void ordersBySubjectThenSessionAndFoldsCase() {
        List<CaseKey> keys = new ArrayList<>(List.of(CaseKey.of("b", ""), CaseKey.of("a", "2"), CaseKey.of("a", "1"),
            CaseKey.of("a", "")));
        keys.sort(null);
        assertThat(keys).extracting(CaseKey::id).containsExactly("sub-a", "sub-a_ses-1", "sub-a_ses-2", "sub-b");
        assertThat(CaseKey.of("AB", "").foldedId()).isEqualTo(CaseKey.of("ab", "").foldedId());
    }
}

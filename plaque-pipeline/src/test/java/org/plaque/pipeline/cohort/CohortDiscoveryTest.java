package org.plaque.pipeline.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plaque.pipeline.testing.CohortFixtures.anat;
import static org.plaque.pipeline.testing.CohortFixtures.bidsFlair;
import static org.plaque.pipeline.testing.CohortFixtures.writeFlair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;

class CohortDiscoveryTest {
    @TempDir
    Path dir;

    @Test
    void bidsWithoutSessionsOneCasePerSubjectInOrderWithOptionalT1T2() throws Exception {
        for (String id : new String[] {"sub-10", "sub-02", "sub-01"}) {
            bidsFlair(dir, id, 1);
        }
        Path t1 = writeFlair(anat(dir, "sub-02").resolve("sub-02_T1w.nii.gz"), 0);
        Path t2 = writeFlair(anat(dir, "sub-02").resolve("sub-02_T2w.nii"), 0);
        Files.createDirectories(dir.resolve("derivatives/plaque"));
        Files.writeString(dir.resolve("participants.tsv"), "participant_id\n");

        List<CohortCase> cases = CohortDiscovery.discover(dir);

        assertThat(cases).extracting(CohortCase::id).containsExactly("sub-01", "sub-02", "sub-10");
        CohortCase c = cases.get(1);
        assertThat(c.flair()).isEqualTo(anat(dir, "sub-02").resolve("sub-02_FLAIR.nii.gz").toAbsolutePath());
        assertThat(c.t1()).contains(t1.toAbsolutePath());
        assertThat(c.t2()).contains(t2.toAbsolutePath());
        assertThat(cases.get(0).t1()).isEmpty();
        assertThat(cases.get(0).t2()).isEmpty();
    }

    @Test
    void bidsWithSessionsOneCasePerSession() throws Exception {
        bidsFlair(dir, "sub-01_ses-b", 1);
        bidsFlair(dir, "sub-01_ses-a", 1);
        bidsFlair(dir, "sub-02_ses-a", 1);
        bidsFlair(dir, "sub-03", 1);

        List<CohortCase> cases = CohortDiscovery.fromBids(dir);

        assertThat(cases).extracting(CohortCase::id)
            .containsExactly("sub-01_ses-a", "sub-01_ses-b", "sub-02_ses-a", "sub-03");
        assertThat(cases.get(1).key()).isEqualTo(new CaseKey("01", "b"));
    }

    @Test
    void bidsErrorsAreOneLineAndNameTheFolder() throws Exception {
        assertThatThrownBy(() -> CohortDiscovery.discover(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("no sub-* folders");
        Files.createDirectories(anat(dir, "sub-01"));
        Files.writeString(anat(dir, "sub-01").resolve("sub-01_T1w.nii.gz"), "x");
        assertThatThrownBy(() -> CohortDiscovery.discover(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("missing FLAIR").hasMessageContaining("sub-01");
        bidsFlair(dir, "sub-01", 1);
        writeFlair(anat(dir, "sub-01").resolve("sub-01_run-2_FLAIR.nii.gz"), 1);
        assertThatThrownBy(() -> CohortDiscovery.discover(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("2 *_FLAIR images");
    }

    @Test
    void bidsSubjectWithoutAnatOrWithBadLabel() throws Exception {
        Files.createDirectories(dir.resolve("sub-01/ses-1"));
        assertThatThrownBy(() -> CohortDiscovery.discover(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("ses-1: no anat folder");
        Path other = dir.resolve("other");
        writeFlair(other.resolve("sub-a_b/anat/sub-a_b_FLAIR.nii.gz"), 1);
        assertThatThrownBy(() -> CohortDiscovery.discover(other)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("sub-a_b").hasMessageNotContaining("\n");
    }

    @Test
    void bidsSubjectsDifferingOnlyInCaseAreDuplicates() throws Exception {
        bidsFlair(dir, "sub-AB", 1);
        bidsFlair(dir, "sub-ab", 1);
        assertThatThrownBy(() -> CohortDiscovery.discover(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("duplicate subject/session: sub-AB and sub-ab differ only in upper/lower case");
    }

    @Test
    void csvResolvesRelativePathsAgainstItsFolderAndSorts() throws Exception {
        Path images = dir.resolve("images");
        writeFlair(images.resolve("p2_flair.nii.gz"), 1);
        writeFlair(images.resolve("p1_flair.nii.gz"), 1);
        writeFlair(images.resolve("p1_t1.nii.gz"), 0);
        Path absolute = writeFlair(dir.resolve("elsewhere/p1b.nii.gz"), 1);
        Path csv = Files.writeString(dir.resolve("cohort.csv"), "subject,session,flair,t1,t2\n"
            + "p2,,images/p2_flair.nii.gz,,\n"
            + "sub-p1,ses-2," + absolute + ",,\n"
            + "p1,1,images/p1_flair.nii.gz,images/p1_t1.nii.gz,\n");

        List<CohortCase> cases = CohortDiscovery.discover(csv);

        assertThat(cases).extracting(CohortCase::id).containsExactly("sub-p1_ses-1", "sub-p1_ses-2", "sub-p2");
        assertThat(cases.get(0).flair()).isEqualTo(images.resolve("p1_flair.nii.gz").toAbsolutePath());
        assertThat(cases.get(0).t1()).contains(images.resolve("p1_t1.nii.gz").toAbsolutePath());
        assertThat(cases.get(1).flair()).isEqualTo(absolute.toAbsolutePath());
        assertThat(cases.get(2).t1()).isEqualTo(Optional.empty());
    }

    @Test
    void csvWithoutOptionalColumnsInAnyOrder() throws Exception {
        writeFlair(dir.resolve("f.nii.gz"), 1);
        Path csv = Files.writeString(dir.resolve("c.csv"), "FLAIR,Subject\nf.nii.gz,01\n");
        assertThat(CohortDiscovery.fromCsv(csv)).singleElement()
            .satisfies(c -> assertThat(c.key()).isEqualTo(new CaseKey("01", "")));
    }

    @Test
    void csvErrors() throws Exception {
        writeFlair(dir.resolve("f.nii.gz"), 1);
        assertThat(error("subject,flair\n01,missing.nii.gz\n")).contains("c.csv line 2: flair image")
            .contains("missing.nii.gz does not exist (missing FLAIR)");
        assertThat(error("subject,flair\n01,\n")).endsWith("c.csv line 2: empty flair (missing FLAIR image)");
        assertThat(error("subject,flair\n,f.nii.gz\n")).endsWith("c.csv line 2: empty subject");
        assertThat(error("subject,flair,t1\n01,f.nii.gz,t1.nii.gz\n")).contains("t1 image").contains("does not exist");
        assertThat(error("subject,flair\n01,f.nii.gz\nsub-01,f.nii.gz\n"))
            .contains("duplicate subject/session: sub-01 appears twice");
        assertThat(error("subject,session,flair\n01,a,f.nii.gz\n01,A,f.nii.gz\n"))
            .contains("sub-01_ses-A and sub-01_ses-a differ only in upper/lower case");
        assertThat(error("subj,flair\n01,f.nii.gz\n")).contains("no 'subject' column");
        assertThat(error("subject,flair\n")).endsWith("c.csv: no cases (only a header)");
        assertThat(error("subject,flair\np_1,f.nii.gz\n")).contains("c.csv line 2: subject label 'p_1'");
        assertThatThrownBy(() -> CohortDiscovery.discover(dir.resolve("none")))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageEndingWith("none: no such folder or CSV file");
    }

    private String error(String csvText) throws Exception {
        Path csv = Files.writeString(dir.resolve("c.csv"), csvText);
        try {
            CohortDiscovery.discover(csv);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("no error for " + csvText);
    }
}

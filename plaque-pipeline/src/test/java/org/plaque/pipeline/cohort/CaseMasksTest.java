package org.plaque.pipeline.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plaque.pipeline.testing.CohortFixtures.box;
import static org.plaque.pipeline.testing.CohortFixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.image.Mask;

class CaseMasksTest {
    @TempDir
    Path dir;

    private final Mask m = box(0, 1, 0, 1, 0, 1);

    @Test
    void folderOfCaseFoldersAndFlatFiles() throws Exception {
        write(m, dir.resolve("sub-01_ses-2/lesion_mask.nii.gz"));
        write(m, dir.resolve("patient07.nii.gz"));
        write(m, dir.resolve("sub-03_space-MNI_mask.nii"));
        Files.createDirectories(dir.resolve("sub-04"));        // a failed case: no mask, ignored
        write(m, dir.resolve(".plaque-staging/sub-05/lesion_mask.nii.gz"));   // hidden, ignored
        Files.writeString(dir.resolve("lesion_load.csv"), "x\n");           // not a mask, ignored

        SortedMap<CaseKey, Path> masks = CaseMasks.discover(dir, CaseMasks.DEFAULT_FILE_NAME, "pred");

        assertThat(masks.keySet()).extracting(CaseKey::id)
            .containsExactly("sub-01_ses-2", "sub-03", "sub-patient07");
        assertThat(masks.get(new CaseKey("01", "2"))).isEqualTo(dir.resolve("sub-01_ses-2/lesion_mask.nii.gz"));
    }

    @Test
    void namedFileInEachFolder() throws Exception {
        write(m, dir.resolve("patient01/GOLD.nii.gz"));
        write(m, dir.resolve("patient01/other.nii.gz"));
        write(m, dir.resolve("patient02/GOLD.nii.gz"));
        assertThat(CaseMasks.fromFolder(dir, "GOLD.nii.gz").keySet()).extracting(CaseKey::id)
            .containsExactly("sub-patient01", "sub-patient02");
    }

    @Test
    void folderErrors() throws Exception {
        assertThatThrownBy(() -> CaseMasks.fromFolder(dir, "x.nii.gz")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("no masks (expected */x.nii.gz or *.nii.gz files named by case)");
        write(m, dir.resolve("sub-01/lesion_mask.nii.gz"));
        write(m, dir.resolve("sub-01.nii.gz"));
        assertThatThrownBy(() -> CaseMasks.fromFolder(dir, "lesion_mask.nii.gz"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("two masks for case sub-01");
        Files.delete(dir.resolve("sub-01.nii.gz"));
        write(m, dir.resolve("patient_1.nii.gz"));
        assertThatThrownBy(() -> CaseMasks.fromFolder(dir, "lesion_mask.nii.gz"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("patient_1.nii.gz: cannot tell which case");
    }

    @Test
    void csvWithRelativePaths() throws Exception {
        write(m, dir.resolve("masks/a.nii.gz"));
        write(m, dir.resolve("masks/b.nii.gz"));
        Path csv = Files.writeString(dir.resolve("truth.csv"), "subject,session,truth\n02,,masks/b.nii.gz\n"
            + "sub-01,ses-1,masks/a.nii.gz\n");
        SortedMap<CaseKey, Path> masks = CaseMasks.discover(csv, "lesion_mask.nii.gz", "truth");
        assertThat(masks.keySet()).extracting(CaseKey::id).containsExactly("sub-01_ses-1", "sub-02");
        assertThat(masks.get(new CaseKey("02", ""))).isEqualTo(dir.resolve("masks/b.nii.gz").toAbsolutePath());

        Files.writeString(csv, "subject,truth\n01,masks/none.nii.gz\n");
        assertThatThrownBy(() -> CaseMasks.fromCsv(csv, "truth")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("truth.csv line 2: truth mask").hasMessageContaining("does not exist");
        Files.writeString(csv, "subject,mask\n01,masks/a.nii.gz\n");
        assertThatThrownBy(() -> CaseMasks.fromCsv(csv, "truth")).hasMessageContaining("no 'truth' column");
        Files.writeString(csv, "subject,truth\n01,masks/a.nii.gz\nsub-01,masks/b.nii.gz\n");
        assertThatThrownBy(() -> CaseMasks.fromCsv(csv, "truth")).hasMessageContaining("two masks for case sub-01");
    }
}

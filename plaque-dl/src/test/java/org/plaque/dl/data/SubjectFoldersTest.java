package org.plaque.dl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.image.Volume;
import org.plaque.io.nifti.NiftiWriter;

class SubjectFoldersTest {
    private static final TrainingSubject S = TestSubjects.subject("x", 12, 10, 8, 5, new int[][] {{6, 5, 4}});
    private static final List<String> CH = List.of("FLAIR", "T1", "T2");

    @TempDir
    Path dir;

    private static void write(Volume v, Path f) throws IOException {
        Files.createDirectories(f.getParent());
        NiftiWriter.write(v, f);
    }

    private void flatSubject(Path sub, String flair, String mask) throws IOException {
        write(S.channels().get(0), sub.resolve(flair));
        write(S.channels().get(1), sub.resolve("t1.nii"));
        write(S.channels().get(2), sub.resolve("T2.nii.gz"));
        write(S.lesion(), sub.resolve(mask));
    }

    @Test
    void readsFlatAndLesjakLayoutsCaseInsensitively() throws IOException {
        flatSubject(dir.resolve("s02"), "FLAIR.nii.gz", "mask.nii.gz");
        flatSubject(dir.resolve("patient01"), "flair.NII.GZ", "GOLD_STANDARD.nii.gz");
        write(S.brain(), dir.resolve("patient01/brainmask.nii.gz"));
        write(S.channels().get(0), dir.resolve("patient01/T1POST.nii.gz"));
        Files.createDirectories(dir.resolve("notes"));
        Files.writeString(dir.resolve("README.md"), "x");
        List<TrainingSubject> subjects = SubjectFolders.discover(dir, CH);
        assertThat(subjects).extracting(TrainingSubject::id).containsExactly("patient01", "s02");
        for (TrainingSubject t : subjects) {
            assertThat(t.channelNames()).containsExactly("FLAIR", "T1", "T2");
            assertThat(t.channels().get(1).toArray()).isEqualTo(S.channels().get(1).toArray());
            assertThat(t.lesion().toArray()).isEqualTo(S.lesion().toArray());
            // Brain from the file or from the non-zero FLAIR: here the same ellipsoid.
            assertThat(t.brain().toArray()).isEqualTo(S.brain().toArray());
        }
    }

    @Test
    void readsBidsLikeLayout() throws IOException {
        Path anat = dir.resolve("sub-01/anat");
        write(S.channels().get(0), anat.resolve("sub-01_FLAIR.nii.gz"));
        write(S.channels().get(1), anat.resolve("sub-01_T1w.nii.gz"));
        write(S.channels().get(2), anat.resolve("sub-01_T2w.nii.gz"));
        write(S.lesion(), anat.resolve("sub-01_label-lesion_mask.nii.gz"));
        Path anat2 = dir.resolve("sub-02/anat");
        write(S.channels().get(0), anat2.resolve("sub-02_acq-3d_FLAIR.nii.gz"));
        write(S.channels().get(1), anat2.resolve("sub-02_T1w.nii"));
        write(S.channels().get(2), anat2.resolve("sub-02_T2w.nii.gz"));
        write(S.lesion(), dir.resolve("derivatives/manual/sub-02/anat/sub-02_desc-lesion_mask.nii.gz"));
        write(S.brain(), dir.resolve("derivatives/manual/sub-02/anat/sub-02_desc-brain_mask.nii.gz"));
        List<TrainingSubject> subjects = SubjectFolders.discover(dir, CH);
        assertThat(subjects).extracting(TrainingSubject::id).containsExactly("sub-01", "sub-02");
        assertThat(subjects.get(1).lesion().count()).isEqualTo(S.lesion().count());
        assertThat(subjects.get(1).brain().count()).isEqualTo(S.brain().count());
    }

    @Test
    void namesWhatIsMissingOrWrong() throws IOException {
        assertThatThrownBy(() -> SubjectFolders.discover(dir, CH)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("no training subjects");
        assertThatThrownBy(() -> SubjectFolders.discover(dir.resolve("absent"), CH))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("absent");

        Path s = dir.resolve("s1");
        write(S.channels().get(0), s.resolve("FLAIR.nii.gz"));
        write(S.channels().get(1), s.resolve("T1.nii.gz"));
        write(S.lesion(), s.resolve("mask.nii.gz"));
        assertThatThrownBy(() -> SubjectFolders.discover(dir, CH)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("s1").hasMessageContaining("T2");

        write(ScalarVolume.filled(TestSubjects.grid(12, 10, 9), 1f), s.resolve("T2.nii.gz"));
        assertThatThrownBy(() -> SubjectFolders.discover(dir, CH)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("s1").hasMessageContaining("T2.nii.gz").hasMessageContaining("grid");

        write(S.channels().get(2), s.resolve("T2.nii.gz"));
        Files.delete(s.resolve("mask.nii.gz"));
        assertThatThrownBy(() -> SubjectFolders.discover(dir, CH)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("s1").hasMessageContaining("lesion mask");

        write(S.lesion(), s.resolve("mask.nii.gz"));
        write(S.lesion(), s.resolve("lesion.nii"));
        assertThatThrownBy(() -> SubjectFolders.discover(dir, CH)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("two files");
        Files.delete(s.resolve("lesion.nii"));
        assertThat(SubjectFolders.discover(dir, CH)).hasSize(1);
        assertThat(Mask.class).isNotNull();
    }
}

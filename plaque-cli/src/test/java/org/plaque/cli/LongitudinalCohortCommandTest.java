package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.pipeline.testing.SyntheticHead;

/**
 * {@code plaque longitudinal-cohort} on small skull-stripped synthetic pairs (no atlas installed): BIDS and
 * Lesjak layouts, one result folder per subject, cohort.csv, evaluation.csv with a reference, a failing
 * subject reported while the others go on.
 */
class LongitudinalCohortCommandTest {
    /** World centre (mm) and radius of the lesion pasted into a follow-up. */
    private static final double[] NEW_LESION = {-16, 16, -8, 4};

    @TempDir
    Path dir;

    /** The follow-up with a new lesion, and the lesion as a mask on the follow-up grid. */
    private static Object[] followupWithLesion() {
        ScalarVolume f = SyntheticHead.flair(false, 2);
        ImageGeometry g = f.geometry();
        ScalarVolume.Builder b = f.toBuilder();
        Mask.Builder m = Mask.builder(g);
        double[] w = new double[3];
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    g.voxelToWorld().apply(x, y, z, w);
                    double d2 = Math.pow(w[0] - NEW_LESION[0], 2) + Math.pow(w[1] - NEW_LESION[1], 2)
                        + Math.pow(w[2] - NEW_LESION[2], 2);
                    if (d2 <= NEW_LESION[3] * NEW_LESION[3]) {
                        b.set(x, y, z, 480f);
                        m.set(x, y, z, true);
                    }
                }
            }
        }
        return new Object[] {b.build(), m.build()};
    }

    private Path bidsFlair(Path root, String sub, String ses) throws Exception {
        Path anat = Files.createDirectories(root.resolve(sub).resolve(ses).resolve("anat"));
        return anat.resolve(sub + "_" + ses + "_FLAIR.nii.gz");
    }

    @Test
    void bidsCohortReportsEverySubjectAndScoresReferences() throws Exception {
        Path data = dir.resolve("bids");
        Object[] fl = followupWithLesion();
        NiftiWriter.write(SyntheticHead.flair(false, 1), bidsFlair(data, "sub-01", "ses-1"));
        NiftiWriter.write((ScalarVolume) fl[0], bidsFlair(data, "sub-01", "ses-2"));
        NiftiWriter.write((Mask) fl[1], data.resolve("sub-01").resolve("gt.nii.gz"));
        NiftiWriter.write(SyntheticHead.flair(false, 3), bidsFlair(data, "sub-02", "ses-1"));
        NiftiWriter.write(SyntheticHead.flair(false, 4), bidsFlair(data, "sub-02", "ses-2"));
        NiftiWriter.write(SyntheticHead.flair(false, 5), bidsFlair(data, "sub-03", "ses-1"));
        Path out = dir.resolve("out");
        Path emptyCache = Files.createDirectories(dir.resolve("cache"));
        CliRun r = CliRun.of("longitudinal-cohort", "--data", data.toString(), "--out", out.toString(),
            "--skull-stripped", "--threads", "2", "--cache-dir", emptyCache.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.PROCESSING_FAILURE);
        assertThat(r.out()).contains("3 subjects, 1 failed");
        List<String> csv = Files.readAllLines(out.resolve("cohort.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).isEqualTo("subject,new_lesion_count,new_lesion_volume_mm3,enlarging,shrinking,"
            + "vanished,seconds,status,error");
        assertThat(csv.get(1)).startsWith("sub-01,1,").contains(",ok,");
        assertThat(csv.get(2)).startsWith("sub-02,0,0.00,0,0,0,").contains(",ok,");
        assertThat(csv.get(3)).startsWith("sub-03,,,,,,").contains(",failed,", "two sessions");
        for (String name : new String[] {"change_mask.nii.gz", "lesion_changes.nii.gz", "report.json",
            "report.html", "provenance.json", "lesion_changes.csv", "new_lesions_mask.nii.gz"}) {
            assertThat(out.resolve("sub-01").resolve(name)).exists();
            assertThat(out.resolve("sub-02").resolve(name)).exists();
        }
        assertThat(out.resolve("sub-03")).doesNotExist();
        List<String> eval = Files.readAllLines(out.resolve("evaluation.csv"));
        assertThat(eval).hasSize(3);
        assertThat(eval.get(1)).startsWith("sub-01,1.0000,0,1.0000,");
        assertThat(eval.get(2)).startsWith("pooled,1.0000,0.00,1.0000,");
        assertThat(Double.parseDouble(eval.get(1).split(",")[4])).as("Dice").isGreaterThan(0.5);
    }

    @Test
    void lesjakLayoutRunsEachPatientFolder() throws Exception {
        Path data = Files.createDirectories(dir.resolve("lesjak").resolve("patient07"));
        NiftiWriter.write(SyntheticHead.flair(false, 1), data.resolve("study1_FLAIR.nii.gz"));
        NiftiWriter.write((ScalarVolume) followupWithLesion()[0], data.resolve("study2_FLAIR.nii.gz"));
        Files.createDirectories(dir.resolve("lesjak").resolve("notes"));
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("longitudinal-cohort", "--data", dir.resolve("lesjak").toString(), "--out",
            out.toString(), "--skull-stripped", "--threads", "2", "--cache-dir",
            Files.createDirectories(dir.resolve("cache")).toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(Files.readAllLines(out.resolve("cohort.csv"))).hasSize(2).last().asString()
            .startsWith("patient07,1,");
        assertThat(out.resolve("patient07").resolve("report.json")).exists();
        assertThat(out.resolve("evaluation.csv")).doesNotExist();
    }

    @Test
    void badInputIsRefused() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("longitudinal-cohort", "--data", dir.resolve("missing").toString(), "--out",
            out.toString(), "--skull-stripped");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.oneErrorLine()).isTrue();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        r = CliRun.of("longitudinal-cohort", "--data", empty.toString(), "--out", out.toString(), "--skull-stripped");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("no subjects");
        r = CliRun.of("longitudinal-cohort", "--data", empty.toString(), "--out", out.toString(), "--space", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(out).doesNotExist();
    }
}

package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.pipeline.testing.SyntheticHead;

/**
 * The CNN filter on the command line: {@code plaque train --arch newlesion-filter} on a tiny synthetic
 * longitudinal cohort (Lesjak layout, skull-stripped, no atlas) writes a filter bundle that
 * {@code plaque longitudinal --method cnn --model} and {@code longitudinal-cohort --method cnn} use; bad uses
 * are one-line errors. The training is a few steps (the figures come from the real-data evaluation).
 */
class LongitudinalCnnCommandTest {
    /** World centre (mm) and radius of the lesion pasted into a follow-up and marked in gt. */
    private static final double[] NEW_LESION = {-16, 16, -8, 4};
    /** A second pasted bright blob that gt does not mark: a false candidate for the training. */
    private static final double[] ARTEFACT = {16, -10, 6, 4};

    @TempDir
    Path dir;

    private static void paste(ScalarVolume.Builder b, Mask.Builder m, ImageGeometry g, double[] ball) {
        double[] w = new double[3];
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    g.voxelToWorld().apply(x, y, z, w);
                    double d2 = Math.pow(w[0] - ball[0], 2) + Math.pow(w[1] - ball[1], 2) + Math.pow(w[2] - ball[2], 2);
                    if (d2 <= ball[3] * ball[3]) {
                        b.set(x, y, z, 480f);
                        if (m != null) {
                            m.set(x, y, z, true);
                        }
                    }
                }
            }
        }
    }

    private Path cohort() throws Exception {
        Path root = dir.resolve("cohort");
        for (int p = 1; p <= 2; p++) {
            Path d = Files.createDirectories(root.resolve("patient0" + p));
            NiftiWriter.write(SyntheticHead.flair(false, 10 * p + 1), d.resolve("study1_FLAIR.nii.gz"));
            ScalarVolume f = SyntheticHead.flair(false, 10 * p + 2);
            ImageGeometry g = f.geometry();
            ScalarVolume.Builder b = f.toBuilder();
            Mask.Builder gt = Mask.builder(g);
            paste(b, gt, g, NEW_LESION);
            paste(b, null, g, ARTEFACT);
            NiftiWriter.write(b.build(), d.resolve("study2_FLAIR.nii.gz"));
            NiftiWriter.write(gt.build(), d.resolve("gt.nii.gz"));
        }
        return root;
    }

    @Test
    void trainsAFilterAndUsesIt() throws Exception {
        Path data = cohort();
        Path model = dir.resolve("filter");
        Path cache = Files.createDirectories(dir.resolve("cache"));
        CliRun t = CliRun.of("train", "--arch", "newlesion-filter", "--data", data.toString(), "--out",
            model.toString(), "--skull-stripped", "--epochs", "2", "--steps-per-epoch", "5", "--width", "4",
            "--threads", "1", "--cache-dir", cache.toString());
        assertThat(t.exitCode()).as(t.err()).isEqualTo(ExitCode.OK);
        assertThat(t.out()).contains("newlesion-filter", "from 2 subjects");
        assertThat(t.err()).contains("patient01", "patient02", "filter epoch 2/2");
        String card = Files.readString(model.resolve("model.json"));
        assertThat(card).contains("\"architecture\" : \"newlesion-filter\"", "\"threshold\" : 0.75", "\"width\" : 4",
            "patient01");
        assertThat(model.resolve("weights.params")).exists();

        Path out = dir.resolve("out");
        CliRun r = CliRun.of("longitudinal", "--baseline", data.resolve("patient01/study1_FLAIR.nii.gz").toString(),
            "--followup", data.resolve("patient01/study2_FLAIR.nii.gz").toString(), "--out", out.toString(),
            "--skull-stripped", "--method", "cnn", "--model", model.toString(), "--threads", "1", "--cache-dir",
            cache.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(out.resolve("change_mask.nii.gz")).exists();
        assertThat(Files.readString(out.resolve("provenance.json"))).contains("newlesion-filter", "keep_rule");

        Path cohortOut = dir.resolve("cohort-out");
        CliRun c = CliRun.of("longitudinal-cohort", "--data", data.toString(), "--out", cohortOut.toString(),
            "--skull-stripped", "--method", "cnn", "--model", model.toString(), "--threads", "1", "--cache-dir",
            cache.toString());
        assertThat(c.exitCode()).as(c.err()).isEqualTo(ExitCode.OK);
        assertThat(Files.readAllLines(cohortOut.resolve("evaluation.csv"))).hasSize(4);
    }

    @Test
    void badUsesAreOneLineErrors() throws Exception {
        Path data = cohort();
        Path out = dir.resolve("out");
        String b = data.resolve("patient01/study1_FLAIR.nii.gz").toString();
        String f = data.resolve("patient01/study2_FLAIR.nii.gz").toString();
        CliRun r = CliRun.of("longitudinal", "--baseline", b, "--followup", f, "--out", out.toString(),
            "--skull-stripped", "--method", "cnn");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.oneErrorLine()).as(r.err()).isTrue();
        assertThat(r.err()).contains("--model", "plaque train --arch newlesion-filter");
        r = CliRun.of("longitudinal-cohort", "--data", data.toString(), "--out", out.toString(), "--skull-stripped",
            "--method", "cnn");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("plaque train --arch newlesion-filter");
        r = CliRun.of("longitudinal", "--baseline", b, "--followup", f, "--out", out.toString(), "--skull-stripped",
            "--method", "cnn", "--model", dir.resolve("no-such-model").toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.oneErrorLine()).as(r.err()).isTrue();
        assertThat(out).doesNotExist();
        // a cohort without any gt cannot train a filter
        Path noGt = Files.createDirectories(dir.resolve("nogt/patient09"));
        Files.copy(Path.of(b), noGt.resolve("study1_FLAIR.nii.gz"));
        Files.copy(Path.of(f), noGt.resolve("study2_FLAIR.nii.gz"));
        r = CliRun.of("train", "--arch", "newlesion-filter", "--data", noGt.getParent().toString(), "--out",
            dir.resolve("m").toString(), "--skull-stripped", "--cache-dir",
            Files.createDirectories(dir.resolve("cache")).toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).contains("no subject with a reference change mask");
        r = CliRun.of("train", "--arch", "newlesion-filter", "--data", data.toString(), "--out",
            dir.resolve("m").toString(), "--resume");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}

package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.LabelVolume;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.pipeline.testing.SyntheticHead;

/**
 * {@code plaque longitudinal}: a synthetic pair with one new lesion gives a complete result folder; bad command
 * lines (exit 2; {@code --method cnn} without {@code --model} names how to train a filter) and bad data (exit 3)
 * leave nothing behind.
 */
class LongitudinalCommandTest {
    /** World centre (mm) and radius of the lesion that appears at follow-up. */
    private static final double[] NEW_LESION = {-16, 16, -8, 4};

    @TempDir
    Path dir;
    Path baseline;
    Path followup;
    Path out;
    String atlas;

    @BeforeEach
    void write() throws Exception {
        baseline = dir.resolve("baseline.nii.gz");
        followup = dir.resolve("followup.nii.gz");
        NiftiWriter.write(SyntheticHead.flair(false, 1), baseline);
        ScalarVolume f = SyntheticHead.flair(false, 2);
        ImageGeometry g = f.geometry();
        ScalarVolume.Builder b = f.toBuilder();
        double[] w = new double[3];
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    g.voxelToWorld().apply(x, y, z, w);
                    double d2 = Math.pow(w[0] - NEW_LESION[0], 2) + Math.pow(w[1] - NEW_LESION[1], 2)
                        + Math.pow(w[2] - NEW_LESION[2], 2);
                    if (d2 <= NEW_LESION[3] * NEW_LESION[3]) {
                        b.set(x, y, z, 480f);
                    }
                }
            }
        }
        NiftiWriter.write(b.build(), followup);
        out = dir.resolve("out");
        atlas = SyntheticHead.writeAtlas(dir.resolve("atlas")).toString();
    }

    private void assertRefused(CliRun r, int code, String... mentions) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
        assertThat(r.oneErrorLine()).as(r.err()).isTrue();
        assertThat(r.err()).contains(mentions);
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void writesEveryResultOnTheFollowupGrid() throws Exception {
        CliRun r = CliRun.of("longitudinal", "--baseline", baseline.toString(), "--followup", followup.toString(),
            "--out", out.toString(), "--skull-stripped", "--threads", "2", "--atlas", atlas);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("1 new");
        for (String name : new String[] {"new_lesions_mask.nii.gz", "change_mask.nii.gz", "lesion_changes.nii.gz",
            "lesion_changes.csv", "report.json", "report.html", "provenance.json"}) {
            assertThat(out.resolve(name)).exists();
        }
        LabelVolume labels = NiftiReader.withDefaults().readLabels(out.resolve("lesion_changes.nii.gz"));
        assertThat(labels.geometry().sameGrid(SyntheticHead.subjectGrid(),
            org.plaque.geom.Tolerance.DEFAULT)).isTrue();
        JsonNode report = Json.mapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("new_lesion_count").asInt()).isEqualTo(1);
        assertThat(report.get("new_lesion_volume_mm3").asDouble()).isBetween(150.0, 400.0);
        assertThat(report.get("vanished_lesion_count").asInt()).isZero();
        assertThat(report.get("registration").get("brain_correlation").asDouble()).isGreaterThan(0.8);
        assertThat(Files.readAllLines(out.resolve("lesion_changes.csv"))).hasSize(2)
            .last().asString().contains(",new,1,");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<td>new</td>", "data:image/png;base64,");
        JsonNode prov = Json.mapper().readTree(out.resolve("provenance.json").toFile());
        assertThat(prov.get("parameters").get("ratio_threshold").asDouble()).isEqualTo(1.15);
    }

    @Test
    void skullStrippedInputNeedsNoAtlas() throws Exception {
        Path emptyCache = Files.createDirectories(dir.resolve("empty-cache"));
        CliRun r = CliRun.of("longitudinal", "--baseline", baseline.toString(), "--followup", followup.toString(),
            "--out", out.toString(), "--skull-stripped", "--threads", "2", "--cache-dir", emptyCache.toString(),
            "--space", "halfway");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode report = Json.mapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("new_lesion_count").asInt()).isEqualTo(1);
        assertThat(report.get("vanished_lesion_count").asInt()).isZero();
        JsonNode prov = Json.mapper().readTree(out.resolve("provenance.json").toFile());
        assertThat(prov.get("inputs").get("cross_sectional").asText()).contains("no atlas");
        assertThat(prov.get("parameters").get("space").asText()).isEqualTo("halfway");
        LabelVolume labels = NiftiReader.withDefaults().readLabels(out.resolve("lesion_changes.nii.gz"));
        assertThat(labels.geometry().sameGrid(SyntheticHead.subjectGrid(),
            org.plaque.geom.Tolerance.DEFAULT)).isTrue();
    }

    @Test
    void rawInputWithoutAtlasIsOneLineError() throws Exception {
        Path emptyCache = Files.createDirectories(dir.resolve("empty-cache"));
        assertRefused(CliRun.of("longitudinal", "--baseline", baseline.toString(), "--followup", followup.toString(),
            "--out", out.toString(), "--cache-dir", emptyCache.toString()), ExitCode.INVALID_INPUT,
            "no atlas", "--skull-stripped");
    }

    @Test
    void badCommandLinesAreUsageErrors() throws Exception {
        String b = baseline.toString();
        String f = followup.toString();
        String o = out.toString();
        assertRefused(CliRun.of("longitudinal", "--baseline", b, "--followup", f, "--out", o, "--method", "cnn",
            "--skull-stripped"), ExitCode.USAGE, "--method cnn needs --model", "plaque train --arch newlesion-filter");
        assertRefused(CliRun.of("longitudinal", "--baseline", b, "--followup", f, "--out", o, "--model",
            dir.toString(), "--skull-stripped"), ExitCode.USAGE, "--model is only used with --method cnn");
        assertRefused(CliRun.of("longitudinal", "--baseline", b, "--followup", f, "--out", o, "--method", "magic"),
            ExitCode.USAGE, "magic");
        assertRefused(CliRun.of("longitudinal", "--baseline", b, "--out", o), ExitCode.USAGE, "--followup");
        assertRefused(CliRun.of("longitudinal", "--baseline", b, "--followup", f, "--out", o, "--space", "mni",
            "--skull-stripped"), ExitCode.USAGE, "--space", "halfway");
        assertRefused(CliRun.of("longitudinal", "--baseline", b, "--followup", f, "--out", o, "--threads", "0"),
            ExitCode.USAGE, "--threads");
        Path file = Files.writeString(dir.resolve("file"), "x");
        CliRun r = CliRun.of("longitudinal", "--baseline", b, "--followup", f, "--out", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("not a folder");
    }

    @Test
    void badDataIsInvalidInputAndLeavesNothing() throws Exception {
        assertRefused(CliRun.of("longitudinal", "--baseline", dir.resolve("missing.nii.gz").toString(),
            "--followup", followup.toString(), "--out", out.toString(), "--skull-stripped", "--atlas", atlas),
            ExitCode.INVALID_INPUT, "missing.nii.gz");
        Path zero = dir.resolve("zero.nii.gz");
        NiftiWriter.write(ScalarVolume.filled(SyntheticHead.subjectGrid(), 0f), zero);
        assertRefused(CliRun.of("longitudinal", "--baseline", zero.toString(), "--followup", followup.toString(),
            "--out", out.toString(), "--skull-stripped", "--atlas", atlas), ExitCode.INVALID_INPUT, "zero");
    }
}

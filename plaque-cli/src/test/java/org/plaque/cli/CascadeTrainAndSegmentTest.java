package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.report.SegmentationOutputs;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

/**
 * {@code plaque train --arch cascade} then {@code plaque segment --method cascade --model} on skull-stripped
 * phantoms: two tiny patch CNNs trained for a few steps, so the test checks the plumbing (both stages, the
 * bundle, the outputs, per-stage resume), not accuracy.
 */
class CascadeTrainAndSegmentTest {
    private static final double SPACING_MM = 2.5;
    @TempDir
    static Path dir;
    private static Path data;
    private static Path test;

    @BeforeAll
    static void writeSubjects() throws Exception {
        data = dir.resolve("data");
        for (int seed = 1; seed <= 2; seed++) {
            writeSubject(HeadPhantom.generate(PhantomParams.DEFAULTS.withSeed(seed).withSpacingMm(SPACING_MM)),
                data.resolve("sub" + seed));
        }
        test = dir.resolve("test");
        writeSubject(HeadPhantom.generate(PhantomParams.DEFAULTS.withSeed(3).withSpacingMm(SPACING_MM)), test);
    }

    private static void writeSubject(PhantomCase c, Path folder) throws Exception {
        Files.createDirectories(folder);
        NiftiWriter.write(c.skullStripped(c.flair()), folder.resolve("FLAIR.nii.gz"));
        NiftiWriter.write(c.lesionMask(), folder.resolve("mask.nii.gz"));
    }

    @Test
    void trainsACascadeAndSegmentsWithIt() throws Exception {
        Path model = dir.resolve("model");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--arch", "cascade", "--out", model.toString(),
            "--epochs", "1", "--steps-per-epoch", "2", "--batch", "8", "--patch", "7", "--width", "2",
            "--threads", "2");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("model model (cascade) written to").contains("(stage 2)");
        assertThat(train.err()).contains("cascade stage 1:").contains("cascade stage 2:");
        assertThat(model.resolve("stage1.params")).exists();
        assertThat(model.resolve("stage2.params")).exists();
        assertThat(model.resolve("checkpoints/stage1/state.json")).exists();
        assertThat(model.resolve("checkpoints/stage2/state.json")).exists();
        JsonNode card = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertThat(card.get("architecture").asText()).isEqualTo("cascade");
        assertThat(card.get("patch_size").toString()).isEqualTo("[7,7,7]");
        assertThat(card.get("hyper_parameters").get("filters1").asInt()).isEqualTo(2);
        assertThat(card.get("hyper_parameters").get("filters2").asInt()).isEqualTo(4);
        assertThat(card.get("weights").get(1).get("role").asText()).isEqualTo("stage2");

        Path out = dir.resolve("out");
        CliRun seg = CliRun.of("segment", "--flair", test.resolve("FLAIR.nii.gz").toString(), "--out",
            out.toString(), "--method", "cascade", "--model", model.toString(), "--skull-stripped", "--threads", "2",
            "--atlas", dir.resolve("no-atlas").toString());
        assertThat(seg.exitCode()).as(seg.err()).isZero();
        for (String f : new String[] {SegmentationOutputs.LESION_MASK, SegmentationOutputs.LESION_PROBABILITY,
            SegmentationOutputs.LESION_UNCERTAINTY, "lesions.csv", "report.json"}) {
            assertThat(out.resolve(f)).exists();
        }
        ScalarVolume p = NiftiReader.withDefaults().readScalar(out.resolve(SegmentationOutputs.LESION_PROBABILITY));
        assertThat(p.statistics().min()).isGreaterThanOrEqualTo(0);
        assertThat(p.statistics().max()).isLessThanOrEqualTo(1);

        CliRun resumed = CliRun.of("train", "--data", data.toString(), "--arch", "cascade", "--out", model.toString(),
            "--epochs", "1", "--steps-per-epoch", "2", "--batch", "8", "--patch", "7", "--width", "2", "--resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("cascade stage 1: finished").contains("cascade stage 2: finished")
            .doesNotContain("epoch 1/1");
    }

    @Test
    void anEvenCascadePatchIsAUsageError() {
        CliRun train = CliRun.of("train", "--data", data.toString(), "--arch", "cascade", "--out",
            dir.resolve("even").toString(), "--patch", "8");
        assertThat(train.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(train.err()).contains("odd");
    }
}

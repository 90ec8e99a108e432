package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.report.SegmentationOutputs;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

/**
 * {@code plaque train} then {@code plaque segment --method unet3d --model} on skull-stripped phantoms: a tiny
 * network trained for a few steps, so the test checks the plumbing (bundle, outputs, no atlas needed), not
 * accuracy; and which shipped model {@code plaque segment} picks without {@code --model}.
 */
class TrainAndSegmentTest {
    @TempDir
    static Path dir;
    private static Path data;
    private static Path test;

    @BeforeAll
    static void writeSubjects() throws Exception {
        data = dir.resolve("data");
        for (int seed = 1; seed <= 2; seed++) {
            writeSubject(HeadPhantom.generate(PhantomParams.DEFAULTS.withSeed(seed)), data.resolve("sub" + seed));
        }
        test = dir.resolve("test");
        writeSubject(HeadPhantom.generate(PhantomParams.DEFAULTS.withSeed(3)), test);
    }

    private static void writeSubject(PhantomCase c, Path folder) throws Exception {
        Files.createDirectories(folder);
        NiftiWriter.write(c.skullStripped(c.flair()), folder.resolve("FLAIR.nii.gz"));
        NiftiWriter.write(c.lesionMask(), folder.resolve("mask.nii.gz"));
    }

    @Test
    void trainsABundleAndSegmentsWithItWithoutAnAtlas() throws Exception {
        Path model = dir.resolve("model");
        CliRun train = CliRun.of("train", "--data", data.toString(), "--arch", "unet3d", "--out", model.toString(),
            "--epochs", "2", "--steps-per-epoch", "2", "--patch", "16", "--inference-patch", "64", "--width", "4",
            "--depth", "2", "--threads", "2");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("model model (unet3d) written to");
        assertThat(model.resolve("model.json")).exists();
        assertThat(model.resolve("weights.params")).exists();
        assertThat(model.resolve("checkpoints/state.json")).exists();
        JsonNode card = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertThat(card.get("architecture").asText()).isEqualTo("unet3d");
        assertThat(card.get("input_channels").get(0).asText()).isEqualTo("FLAIR");
        assertThat(card.get("training").get("epochs").asInt()).isEqualTo(2);
        assertThat(card.get("normalisation").asText()).isEqualTo("wm-ratio");

        Path out = dir.resolve("out");
        CliRun seg = CliRun.of("segment", "--flair", test.resolve("FLAIR.nii.gz").toString(), "--out",
            out.toString(), "--method", "unet3d", "--model", model.toString(), "--skull-stripped", "--threads", "2",
            "--atlas", dir.resolve("no-atlas").toString());
        assertThat(seg.exitCode()).as(seg.err()).isZero();
        for (String f : new String[] {SegmentationOutputs.LESION_MASK, SegmentationOutputs.LESION_PROBABILITY,
            SegmentationOutputs.LESION_UNCERTAINTY, "lesions.csv", "report.json", "report.html"}) {
            assertThat(out.resolve(f)).exists();
        }
        ScalarVolume p = NiftiReader.withDefaults().readScalar(out.resolve(SegmentationOutputs.LESION_PROBABILITY));
        assertThat(p.statistics().min()).isGreaterThanOrEqualTo(0);
        assertThat(p.statistics().max()).isLessThanOrEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("method").asText()).isEqualTo("unet3d");
        assertThat(Files.readString(out.resolve("lesions.csv")).lines().findFirst().orElseThrow())
            .endsWith("mean_probability,mean_uncertainty");

        // The same head claimed to have 3× thicker slices: segmented, and flagged in the report.
        ScalarVolume flair = NiftiReader.withDefaults().readScalar(test.resolve("FLAIR.nii.gz"));
        ImageGeometry g = flair.geometry();
        double[] sp = g.spacingMm();
        Path thick = dir.resolve("thick.nii.gz");
        NiftiWriter.write(flair.withGeometry(ImageGeometry.axisAligned(g.nx(), g.ny(), g.nz(),
            new double[] {sp[0], sp[1], 3 * sp[2]}, g.originMm())), thick);
        Path thickOut = dir.resolve("thick-out");
        CliRun flagged = CliRun.of("segment", "--flair", thick.toString(), "--out", thickOut.toString(), "--method",
            "unet3d", "--model", model.toString(), "--skull-stripped", "--threads", "2");
        assertThat(flagged.exitCode()).as(flagged.err()).isZero();
        assertThat(new ObjectMapper().readTree(thickOut.resolve("report.json").toFile()).get("warnings").toString())
            .contains("thick-slice");

        CliRun resumed = CliRun.of("train", "--data", data.toString(), "--arch", "unet3d", "--out", model.toString(),
            "--epochs", "3", "--steps-per-epoch", "2", "--patch", "16", "--width", "4", "--depth", "2", "--resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("epoch 3/3").doesNotContain("epoch 1/3");
    }

    @Test
    void anEnsembleMemberIsTheSingleRunWithItsSeedAndAResumedRunAddsMembers() throws Exception {
        String[] tiny = {"--data", data.toString(), "--arch", "unet3d", "--epochs", "1", "--steps-per-epoch", "2",
            "--patch", "16", "--inference-patch", "32", "--width", "2", "--depth", "1", "--threads", "1"};
        Path seed42 = dir.resolve("single-42");
        Path seed43 = dir.resolve("single-43");
        Path ensemble = dir.resolve("ensemble");
        train(tiny, seed42, "--seed", "42");
        train(tiny, seed43, "--seed", "43");
        train(tiny, ensemble, "--members", "2");
        assertThat(Files.readAllBytes(ensemble.resolve("weights.params")))
            .isEqualTo(Files.readAllBytes(seed42.resolve("weights.params")));
        assertThat(Files.readAllBytes(ensemble.resolve("weights-member-2.params")))
            .isEqualTo(Files.readAllBytes(seed43.resolve("weights.params")));
        JsonNode card = new ObjectMapper().readTree(ensemble.resolve("model.json").toFile());
        assertThat(card.get("weights")).hasSize(2);
        assertThat(card.get("training").get("procedure").asText()).contains("ensemble of 2 members", "seed 43: ");

        // A single run resumed as an ensemble keeps its network and trains the missing member from scratch.
        Path grown = dir.resolve("grown");
        train(tiny, grown);
        CliRun resumed = train(tiny, grown, "--members", "2", "--resume");
        assertThat(resumed.err()).contains("ensemble member 2 of 2, seed 43");
        assertThat(Files.readAllBytes(grown.resolve("weights-member-2.params")))
            .isEqualTo(Files.readAllBytes(seed43.resolve("weights.params")));

        Path out = dir.resolve("out-ensemble");
        CliRun seg = CliRun.of("segment", "--flair", test.resolve("FLAIR.nii.gz").toString(), "--out",
            out.toString(), "--method", "unet3d", "--model", ensemble.toString(), "--skull-stripped");
        assertThat(seg.exitCode()).as(seg.err()).isZero();
        JsonNode modelStep = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("parameters")
            .get("segment-lesions-model");
        assertThat(modelStep.get("weights_sha256")).hasSize(2);

        CliRun cascade = CliRun.of("train", "--data", data.toString(), "--arch", "cascade", "--out",
            dir.resolve("m3").toString(), "--members", "2");
        assertThat(cascade.exitCode()).isEqualTo(2);
        assertThat(cascade.err()).contains("--members applies to unet3d and unet2d");
    }

    @Test
    void pastesTheOtherSubjectsWholeMaskInPlaceWhenAsked() throws Exception {
        Path model = dir.resolve("in-place");
        CliRun run = train(new String[] {"--data", data.toString(), "--arch", "unet3d", "--epochs", "1",
            "--steps-per-epoch", "1", "--patch", "16", "--inference-patch", "32", "--width", "2", "--depth", "1",
            "--threads", "1", "--lesion-library", data.toString(), "--lesion-file", "mask.nii.gz",
            "--synthetic-copies", "0", "--in-place-copies", "2"}, model);
        assertThat(run.err()).contains("train: 4 copies with a whole mask in place");
        JsonNode card = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertThat(card.get("training").get("augmentation").asText()).contains("whole masks in place: 2 copies");
    }

    /** {@code plaque train --out model common… more…}, which must succeed. */
    private static CliRun train(String[] common, Path model, String... more) {
        String[] args = Stream.of(new String[] {"train", "--out", model.toString()}, common, more)
            .flatMap(Arrays::stream).toArray(String[]::new);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    @Test
    void anUnknownOrUnsuitableNormalisationIsAUsageError() {
        CliRun unknown = CliRun.of("train", "--data", data.toString(), "--arch", "unet3d", "--out",
            dir.resolve("m1").toString(), "--normalisation", "minmax");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--normalisation: unknown intensity normalisation 'minmax'");
        CliRun cascade = CliRun.of("train", "--data", data.toString(), "--arch", "cascade", "--out",
            dir.resolve("m2").toString(), "--normalisation", "wm-ratio");
        assertThat(cascade.exitCode()).isEqualTo(2);
        assertThat(cascade.err()).contains("does not apply to the cascade");
        assertThat(dir.resolve("m1")).doesNotExist();
        assertThat(dir.resolve("m2")).doesNotExist();
    }

    @Test
    void withoutAModelTheShippedOneForTheImagesGivenSegments() throws Exception {
        PhantomCase c = HeadPhantom.generate(PhantomParams.DEFAULTS.withSeed(3));
        Path t1 = dir.resolve("shipped-t1.nii.gz");
        Path t2 = dir.resolve("shipped-t2.nii.gz");
        NiftiWriter.write(c.skullStripped(c.t1()), t1);
        NiftiWriter.write(c.skullStripped(c.t2()), t2);
        assertThat(shippedModelUsed("shipped-flair")).isEqualTo("plaque-unet3d-flair");
        assertThat(shippedModelUsed("shipped-t1", "--t1", t1.toString())).isEqualTo("plaque-unet3d-flair");
        assertThat(shippedModelUsed("shipped-all", "--t1", t1.toString(), "--t2", t2.toString()))
            .isEqualTo("plaque-unet3d-flair-t1-t2");
    }

    /** Segments the test head with {@code plaque segment --method unet3d} and no --model: the model's name. */
    private static String shippedModelUsed(String out, String... images) throws Exception {
        String[] args = Stream.of(new String[] {"segment", "--flair", test.resolve("FLAIR.nii.gz").toString(),
            "--method", "unet3d", "--skull-stripped", "--threads", "2", "--out", dir.resolve(out).toString()},
            images).flatMap(Arrays::stream).toArray(String[]::new);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(dir.resolve(out).resolve("report.json").toFile()).get("preset").asText();
    }

    @Test
    void aModelNeedingAMissingChannelIsAClearError() throws Exception {
        Path model = dir.resolve("model-t1");
        Path withT1 = dir.resolve("data-t1/sub1");
        Files.createDirectories(withT1);
        PhantomCase c = HeadPhantom.generate(PhantomParams.DEFAULTS.withSeed(5));
        NiftiWriter.write(c.skullStripped(c.flair()), withT1.resolve("FLAIR.nii.gz"));
        NiftiWriter.write(c.skullStripped(c.t1()), withT1.resolve("T1.nii.gz"));
        NiftiWriter.write(c.lesionMask(), withT1.resolve("mask.nii.gz"));
        CliRun train = CliRun.of("train", "--data", withT1.getParent().toString(), "--arch", "unet3d", "--out",
            model.toString(), "--channels", "FLAIR,T1", "--epochs", "1", "--steps-per-epoch", "1", "--patch", "16",
            "--width", "2", "--depth", "1");
        assertThat(train.exitCode()).as(train.err()).isZero();
        CliRun seg = CliRun.of("segment", "--flair", test.resolve("FLAIR.nii.gz").toString(), "--out",
            dir.resolve("out-t1").toString(), "--method", "unet3d", "--model", model.toString(), "--skull-stripped");
        assertThat(seg.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(seg.oneErrorLine()).as(seg.err()).isTrue();
        assertThat(seg.err()).contains("T1");
        assertThat(dir.resolve("out-t1/report.json")).doesNotExist();
    }
}

package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.image.Mask;
import org.plaque.image.Volume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.report.SegmentationOutputs;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomAtlas;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

/**
 * {@code segment-cohort} with the real pipeline on a BIDS folder of two phantom heads (sub-01: FLAIR + T1w,
 * seed 42; sub-02/ses-1: FLAIR + T2w, seed 7; 1.5 mm voxels, the demo's phantom) and a third case whose FLAIR
 * is not a NIfTI file, with the phantom's atlas: the failing case is isolated, the others equal
 * {@code plaque segment} with the same seed (and another thread count), {@code --resume} recomputes nothing
 * that is complete, and {@code evaluate-cohort} scores the results against the phantoms' true lesions.
 */
class SegmentCohortEndToEndTest {
    @TempDir
    static Path dir;
    static Path bids;
    static Path atlas;
    static Path out;
    static Path truth;
    static CliRun run;
    static double seconds;

    @BeforeAll
    static void runCohort() throws IOException {
        bids = dir.resolve("bids");
        truth = dir.resolve("truth");
        out = dir.resolve("out");
        PhantomCase a = phantom(42);
        PhantomCase b = phantom(7);
        write(a.flair(), bids.resolve("sub-01/anat/sub-01_FLAIR.nii.gz"));
        write(a.t1(), bids.resolve("sub-01/anat/sub-01_T1w.nii.gz"));
        write(b.flair(), bids.resolve("sub-02/ses-1/anat/sub-02_ses-1_FLAIR.nii.gz"));
        write(b.t2(), bids.resolve("sub-02/ses-1/anat/sub-02_ses-1_T2w.nii.gz"));
        Files.createDirectories(bids.resolve("sub-03/anat"));
        Files.writeString(bids.resolve("sub-03/anat/sub-03_FLAIR.nii.gz"), "not an image");
        write(a.lesionMask(), truth.resolve("sub-01.nii.gz"));
        write(b.lesionMask(), truth.resolve("sub-02_ses-1.nii.gz"));
        atlas = dir.resolve("atlas");
        PhantomAtlas pa = a.atlas();
        write(pa.t1(), atlas.resolve("t1.nii.gz"));
        write(pa.wm(), atlas.resolve("wm.nii.gz"));
        write(pa.gm(), atlas.resolve("gm.nii.gz"));
        write(pa.csf(), atlas.resolve("csf.nii.gz"));
        write(pa.brainMask(), atlas.resolve("brain_mask.nii.gz"));

        long start = System.nanoTime();
        run = CliRun.of("segment-cohort", "--input", bids.toString(), "--out", out.toString(), "--atlas",
            atlas.toString(), "--jobs", "2", "--threads", "2", "--seed", "42");
        seconds = (System.nanoTime() - start) / 1e9;
    }

    private static PhantomCase phantom(long seed) {
        try (ExecutionContext ctx = ExecutionContext.of(2, seed, ProgressListener.NONE)) {
            return HeadPhantom.generate(PhantomParams.DEFAULTS.withSeed(seed), ctx);
        }
    }

    private static void write(Volume v, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        NiftiWriter.write(v, file);
    }

    @Test
    void theFailingCaseIsIsolatedAndTheOthersAreComplete() throws Exception {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.PROCESSING_FAILURE);
        System.out.printf("segment-cohort on 2 phantom heads (1.5 mm) + 1 broken case, 2 jobs x 1 thread: %.1f s%n",
            seconds);
        for (String c : new String[] {"sub-01", "sub-02_ses-1"}) {
            for (String f : new String[] {SegmentationOutputs.LESION_MASK, SegmentationOutputs.LESION_LABELS,
                SegmentationOutputs.LESIONS_CSV, SegmentationOutputs.REPORT_JSON, SegmentationOutputs.REPORT_HTML,
                SegmentationOutputs.PROVENANCE_JSON}) {
                assertThat(out.resolve(c).resolve(f)).as(c + "/" + f).isRegularFile();
            }
        }
        assertThat(out.resolve("sub-03")).doesNotExist();
        assertThat(out.resolve(".plaque-staging")).doesNotExist();
        List<String> failures = Files.readAllLines(out.resolve("failures.csv"));
        assertThat(failures).hasSize(2);
        assertThat(failures.get(1)).startsWith("sub-03,,").contains("sub-03_FLAIR.nii.gz");

        JsonNode r1 = Json.mapper().readTree(out.resolve("sub-01/report.json").toFile());
        JsonNode r2 = Json.mapper().readTree(out.resolve("sub-02_ses-1/report.json").toFile());
        assertThat(r1.get("subject").asText()).isEqualTo("sub-01");
        assertThat(r1.get("inputs").has("t1")).isTrue();
        assertThat(r2.get("inputs").has("t2")).isTrue();
        assertThat(r1.get("threads").asInt()).isEqualTo(1);
        assertThat(r1.get("seed").asLong()).isEqualTo(42);
        List<String> loads = Files.readAllLines(out.resolve("lesion_load.csv"));
        assertThat(loads).hasSize(4);
        assertThat(loads.get(1)).startsWith("sub-01,," + number(r1.get("lesion_load_mm3").asDouble()) + ","
            + r1.get("lesion_count").asInt() + "," + r1.get("preset").asText() + ",ok");
        assertThat(loads.get(2)).startsWith("sub-02,ses-1,").endsWith(",ok");
        assertThat(loads.get(3)).isEqualTo("sub-03,,,,,failed");
        assertThat(Files.readString(out.resolve("index.html"))).contains("href=\"sub-01/report.html\"")
            .contains("href=\"sub-02_ses-1/report.html\"");
        assertThat(run.err()).contains("sub-03 failed");
    }

    @Test
    void aCohortCaseEqualsPlaqueSegmentWithTheSameSeed() throws Exception {
        Path single = dir.resolve("single");
        CliRun r = CliRun.of("segment", "--flair", bids.resolve("sub-01/anat/sub-01_FLAIR.nii.gz").toString(),
            "--t1", bids.resolve("sub-01/anat/sub-01_T1w.nii.gz").toString(), "--atlas", atlas.toString(),
            "--out", single.toString(), "--seed", "42", "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : new String[] {SegmentationOutputs.LESION_MASK, SegmentationOutputs.LESION_LABELS,
            SegmentationOutputs.LESIONS_CSV}) {
            assertThat(Files.readAllBytes(out.resolve("sub-01").resolve(f))).as(f)
                .isEqualTo(Files.readAllBytes(single.resolve(f)));
        }
    }

    @Test
    void resumeKeepsTheCompleteCasesAndEvaluateCohortScoresThem() throws Exception {
        long modified = Files.getLastModifiedTime(out.resolve("sub-01/report.json")).toMillis();
        long start = System.nanoTime();
        CliRun again = CliRun.of("segment-cohort", "--input", bids.toString(), "--out", out.toString(), "--atlas",
            atlas.toString(), "--resume", "--threads", "2");
        double resumeS = (System.nanoTime() - start) / 1e9;
        assertThat(again.exitCode()).isEqualTo(ExitCode.PROCESSING_FAILURE);
        assertThat(again.out()).contains("3 cases: 0 computed, 2 kept (--resume), 1 failed");
        assertThat(Files.getLastModifiedTime(out.resolve("sub-01/report.json")).toMillis()).isEqualTo(modified);
        assertThat(resumeS).isLessThan(20);

        Path eval = dir.resolve("eval");
        CliRun e = CliRun.of("evaluate-cohort", "--pred", out.toString(), "--truth", truth.toString(), "--out",
            eval.toString());
        assertThat(e.exitCode()).as(e.err()).isZero();
        JsonNode all = Json.mapper().readTree(eval.resolve("evaluation.json").toFile());
        assertThat(all.get("cases")).hasSize(2);
        for (JsonNode c : all.get("cases")) {
            String id = c.get("case").asText();
            JsonNode report = Json.mapper().readTree(out.resolve(id).resolve("report.json").toFile());
            assertThat(c.get("volume_pred_mm3").asDouble()).as(id)
                .isCloseTo(report.get("lesion_load_mm3").asDouble(), within(1e-6));
            Mask t = NiftiReader.withDefaults().readMask(truth.resolve(id + ".nii.gz"));
            assertThat(c.get("volume_truth_mm3").asDouble()).isCloseTo(t.volumeMm3(), within(1e-6));
            // the lesions are found (the segmenter's accuracy is measured in its own tests)
            assertThat(c.get("dice").asDouble()).as(id).isGreaterThan(0.5);
        }
        System.out.printf("phantom cohort: Dice %.3f / %.3f, lesion F1 %.3f / %.3f%n",
            all.get("cases").get(0).get("dice").asDouble(), all.get("cases").get(1).get("dice").asDouble(),
            all.get("cases").get(0).get("lesion_f1").asDouble(), all.get("cases").get(1).get("lesion_f1").asDouble());
        assertThat(e.out()).contains("Pearson r of predicted vs reference lesion volume");
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}

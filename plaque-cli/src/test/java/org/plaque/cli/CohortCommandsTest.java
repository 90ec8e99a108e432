package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plaque.pipeline.testing.CohortFixtures.anat;
import static org.plaque.pipeline.testing.CohortFixtures.bidsFlair;
import static org.plaque.pipeline.testing.CohortFixtures.box;
import static org.plaque.pipeline.testing.CohortFixtures.write;
import static org.plaque.pipeline.testing.CohortFixtures.writeFlair;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.ImageGeometry;
import org.plaque.pipeline.testing.FakeCaseProcessor;
import picocli.CommandLine;

/**
 * {@code segment-cohort} (with a fast stand-in for the pipeline plugged in) and {@code evaluate-cohort},
 * in-process: exit codes, outputs, nothing half-written.
 */
class CohortCommandsTest {
    @TempDir
    Path dir;

    /** sub-01..sub-04 (sub-0k has k mm³ of "lesion" for the stand-in), sub-03 with two sessions. */
    private Path bids() throws Exception {
        Path root = dir.resolve("bids");
        bidsFlair(root, "sub-01", 1);
        bidsFlair(root, "sub-02", 2);
        bidsFlair(root, "sub-03_ses-a", 3);
        bidsFlair(root, "sub-03_ses-b", 4);
        return root;
    }

    private static CommandLine.IFactory with(FakeCaseProcessor p) {
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == SegmentCohortCommand.class) {
                    return cls.cast(new SegmentCohortCommand(options -> p));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void segmentCohortWritesCasesSummariesAndProgress() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = CliRun.with(with(new FakeCaseProcessor("fake")), "segment-cohort", "--input", bids().toString(),
            "--out", out.toString(), "--jobs", "2", "--threads", "4");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(names(out)).containsExactly(".plaque-cohort.lock", "failures.csv", "index.html", "lesion_load.csv",
            "sub-01", "sub-02", "sub-03_ses-a", "sub-03_ses-b");
        assertThat(Files.readString(out.resolve("lesion_load.csv"))).isEqualTo(
            "subject,session,lesion_load_mm3,lesion_count,preset,status\n"
                + "sub-01,,1,1,fake,ok\nsub-02,,2,1,fake,ok\nsub-03,ses-a,3,1,fake,ok\nsub-03,ses-b,4,1,fake,ok\n");
        assertThat(r.err()).contains("segment-cohort: 4 cases, 4 to compute").contains("[4/4]");
        assertThat(r.out()).contains("4 cases: 4 computed, 0 kept (--resume), 0 failed")
            .contains(out.resolve("lesion_load.csv").toString());
        JsonNode report = Json.mapper().readTree(out.resolve("sub-02/report.json").toFile());
        assertThat(report.get("threads").asInt()).isEqualTo(2);
    }

    @Test
    void aFailingCaseExitsOneAndTheOthersAreComplete() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = CliRun.with(with(new FakeCaseProcessor("fake").failing("sub-02")), "segment-cohort",
            "--input", bids().toString(), "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.PROCESSING_FAILURE);
        assertThat(out.resolve("sub-02")).doesNotExist();
        assertThat(names(out.resolve("sub-03_ses-b"))).containsExactly("lesion_mask.nii.gz", "noise.txt",
            "report.json");
        assertThat(Files.readString(out.resolve("failures.csv"))).contains("sub-02,,")
            .contains("simulated failure of sub-02");
        assertThat(r.err()).contains("sub-02 failed: ").contains("1 failed");
        assertThat(r.out()).contains("1 failed").contains("failures.csv");

        // resume computes only the failed case
        FakeCaseProcessor second = new FakeCaseProcessor("fake");
        CliRun again = CliRun.with(with(second), "segment-cohort", "--input", dir.resolve("bids").toString(),
            "--out", out.toString(), "--resume");
        assertThat(again.exitCode()).isZero();
        assertThat(second.computed()).containsExactly("sub-02");
        assertThat(again.out()).contains("4 cases: 1 computed, 3 kept (--resume), 0 failed");
        assertThat(Files.readString(out.resolve("failures.csv"))).isEqualTo("subject,session,flair,error\n");
    }

    @Test
    void sameSeedSameResultsWhateverTheJobs() throws Exception {
        Path bids = bids();
        for (String jobs : new String[] {"1", "3"}) {
            assertThat(CliRun.with(with(new FakeCaseProcessor("fake")), "segment-cohort", "--input", bids.toString(),
                "--out", dir.resolve("jobs" + jobs).toString(), "--jobs", jobs, "--seed", "5").exitCode()).isZero();
        }
        for (String c : new String[] {"sub-01", "sub-03_ses-b"}) {
            assertThat(Files.readString(dir.resolve("jobs3").resolve(c).resolve("noise.txt")))
                .isEqualTo(Files.readString(dir.resolve("jobs1").resolve(c).resolve("noise.txt")));
        }
        assertThat(Files.readString(dir.resolve("jobs3/lesion_load.csv")))
            .isEqualTo(Files.readString(dir.resolve("jobs1/lesion_load.csv")));
    }

    @Test
    void supervisedMethodsNeedAModelUnlessOneShips() throws Exception {
        CliRun r = CliRun.of("segment-cohort", "--input", bids().toString(), "--out", dir.resolve("sup").toString(),
            "--method", "unet2d");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("needs --model");
        CliRun bad = CliRun.of("segment-cohort", "--input", bids().toString(), "--out", dir.resolve("sup").toString(),
            "--method", "unet3d", "--model", dir.resolve("no-model").toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(bad.oneErrorLine()).as(bad.err()).isTrue();
        assertThat(dir.resolve("sup")).doesNotExist();
    }

    @Test
    void theShippedModelIsTheOneForTheImagesEveryCaseHas() throws Exception {
        Path root = bids();
        for (String id : List.of("sub-01", "sub-02", "sub-03_ses-a", "sub-03_ses-b")) {
            writeFlair(anat(root, id).resolve(id + "_T1w.nii.gz"), 0);
            if (!id.equals("sub-02")) {
                writeFlair(anat(root, id).resolve(id + "_T2w.nii.gz"), 0);
            }
        }
        assertThat(shippedModelInIndex(root, "one-lacks-t2")).contains("plaque-unet3d-flair")
            .doesNotContain("plaque-unet3d-flair-t1-t2");
        writeFlair(anat(root, "sub-02").resolve("sub-02_T2w.nii.gz"), 0);
        assertThat(shippedModelInIndex(root, "all")).contains("plaque-unet3d-flair-t1-t2");
    }

    /** Runs the stand-in cohort with {@code --method unet3d} and no --model: the index page, which names the model. */
    private String shippedModelInIndex(Path root, String out) throws Exception {
        CliRun r = CliRun.with(with(new FakeCaseProcessor("fake")), "segment-cohort", "--input", root.toString(),
            "--out", dir.resolve(out).toString(), "--method", "unet3d", "--skull-stripped");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Files.readString(dir.resolve(out).resolve("index.html"));
    }

    @Test
    void badInputIsExitThreeWithOneLineAndNothingWritten() throws Exception {
        Path root = dir.resolve("bids");
        bidsFlair(root, "sub-01", 1);
        Files.createDirectories(root.resolve("sub-02/anat"));
        Path out = dir.resolve("out");
        CliRun r = CliRun.with(with(new FakeCaseProcessor("fake")), "segment-cohort", "--input", root.toString(),
            "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.oneErrorLine()).as(r.err()).isTrue();
        assertThat(r.err()).contains("missing FLAIR").contains("sub-02");
        assertThat(out).doesNotExist();

        Path csv = Files.writeString(dir.resolve("c.csv"), "subject,flair\n01,nope.nii.gz\n");
        CliRun c = CliRun.with(with(new FakeCaseProcessor("fake")), "segment-cohort", "--input", csv.toString(),
            "--out", out.toString());
        assertThat(c.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(c.oneErrorLine()).isTrue();
        assertThat(c.err()).contains("c.csv line 2").contains("missing FLAIR");
        assertThat(out).doesNotExist();

        CliRun none = CliRun.with(with(new FakeCaseProcessor("fake")), "segment-cohort", "--input",
            dir.resolve("none.csv").toString(), "--out", out.toString());
        assertThat(none.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(none.oneErrorLine()).isTrue();
    }

    @Test
    void badCommandLinesAreExitTwoAndWriteNothing() throws Exception {
        Path bids = bids();
        Path out = dir.resolve("out");
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        String[][] bad = {
            {"--input", bids.toString(), "--out", out.toString(), "--jobs", "0"},
            {"--input", bids.toString(), "--out", bids.toString()},
            {"--input", bids.toString(), "--out", file.toString()},
            {"--input", bids.toString()},
            {"--input", bids.toString(), "--out", out.toString(), "--threads", "0"},
            {"--input", bids.toString(), "--out", out.toString(), "--preset", "no-such-preset"},
            {"--input", bids.toString(), "--out", out.toString(), "--method", "supervised"},
        };
        for (String[] args : bad) {
            String[] full = Stream.concat(Stream.of("segment-cohort"), Stream.of(args)).toArray(String[]::new);
            CliRun r = CliRun.with(with(new FakeCaseProcessor("fake")), full);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(r.oneErrorLine()).as(r.err()).isTrue();
        }
        assertThat(out).doesNotExist();
        assertThat(names(bids)).containsExactly("sub-01", "sub-02", "sub-03");
    }

    @Test
    void theRealPipelineRefusesAMissingAtlasBeforeAnyCase() throws Exception {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("segment-cohort", "--input", bids().toString(), "--out", out.toString(), "--atlas",
            dir.resolve("no-atlas").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.oneErrorLine()).as(r.err()).isTrue();
        assertThat(r.err()).contains("no-atlas");
        assertThat(out).doesNotExist();
    }

    @Test
    void evaluateCohortOnASegmentCohortOutput() throws Exception {
        Path out = dir.resolve("out");
        assertThat(CliRun.with(with(new FakeCaseProcessor("fake")), "segment-cohort", "--input", bids().toString(),
            "--out", out.toString()).exitCode()).isZero();
        // references: sub-01 as predicted (the stand-in's mask: voxels 9.. in x-fastest order), sub-02 a 2×2×2 box,
        // sub-05 without prediction; sub-03's sessions have no reference
        Path truth = dir.resolve("truth");
        Files.createDirectories(truth);
        Files.copy(out.resolve("sub-01/lesion_mask.nii.gz"), truth.resolve("sub-01.nii.gz"));
        write(box(1, 3, 1, 3, 1, 3), truth.resolve("02.nii.gz"));
        write(box(0, 1, 0, 1, 0, 1), truth.resolve("sub-05.nii.gz"));
        Path eval = dir.resolve("eval");

        CliRun r = CliRun.of("evaluate-cohort", "--pred", out.toString(), "--truth", truth.toString(), "--out",
            eval.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("sub-01").contains("sub-02").contains("mean").contains("median")
            .contains("Pearson r of predicted vs reference lesion volume")
            .contains("6-connectivity, lesions > 3 mm³")
            .contains("Predictions without a reference (not scored): sub-03_ses-a, sub-03_ses-b")
            .contains("References without a prediction (not scored): sub-05");
        assertThat(r.err()).contains("2 predictions without a reference, 1 references without a prediction");
        assertThat(names(eval)).containsExactly("cases", "evaluation.csv", "evaluation.json");
        assertThat(names(eval.resolve("cases"))).containsExactly("sub-01.json", "sub-02.json");
        JsonNode one = Json.mapper().readTree(eval.resolve("cases/sub-01.json").toFile());
        assertThat(one.get("dice").asDouble()).isEqualTo(1.0);
        // sub-02: prediction voxels 9, 10 (y = 1, z = 0) against a box in z = 1..2: no overlap
        JsonNode two = Json.mapper().readTree(eval.resolve("cases/sub-02.json").toFile());
        assertThat(two.get("dice").asDouble()).isEqualTo(0.0);
        assertThat(two.get("volume_pred_mm3").asDouble()).isEqualTo(2.0);
        assertThat(two.get("volume_truth_mm3").asDouble()).isEqualTo(8.0);
        List<String> rows = Files.readAllLines(eval.resolve("evaluation.csv"));
        assertThat(rows).hasSize(1 + 2 + 4);
        assertThat(rows.get(3)).startsWith("mean,,,0.5,");

        CliRun j = CliRun.of("evaluate-cohort", "--pred", out.toString(), "--truth", truth.toString(), "--json");
        assertThat(j.exitCode()).isZero();
        JsonNode all = Json.mapper().readTree(j.out());
        assertThat(all.get("cases")).hasSize(2);
        assertThat(all.get("rule").get("connectivity").asInt()).isEqualTo(6);
        assertThat(all.get("mean").get("dice").asDouble()).isEqualTo(0.5);
    }

    @Test
    void evaluateCohortWithoutPairsIsExitThreeAndWritesNothing() throws Exception {
        Path pred = dir.resolve("pred");
        Path truth = dir.resolve("truth");
        write(box(0, 1, 0, 1, 0, 1), pred.resolve("sub-01.nii.gz"));
        write(box(0, 1, 0, 1, 0, 1), truth.resolve("sub-02.nii.gz"));
        Path eval = dir.resolve("eval");
        CliRun r = CliRun.of("evaluate-cohort", "--pred", pred.toString(), "--truth", truth.toString(), "--out",
            eval.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.oneErrorLine()).as(r.err()).isTrue();
        assertThat(r.err()).contains("no case pairs");
        assertThat(eval).doesNotExist();

        CliRun missing = CliRun.of("evaluate-cohort", "--pred", dir.resolve("none").toString(), "--truth",
            truth.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(missing.oneErrorLine()).isTrue();
    }

    @Test
    void evaluateCohortListsAPairOnDifferentGridsAndExitsOne() throws Exception {
        Path pred = dir.resolve("pred");
        Path truth = dir.resolve("truth");
        write(box(0, 2, 0, 2, 0, 1), pred.resolve("sub-01.nii.gz"));
        write(box(0, 2, 0, 2, 0, 1), truth.resolve("sub-01.nii.gz"));
        write(box(0, 1, 0, 1, 0, 1), pred.resolve("sub-02.nii.gz"));
        ImageGeometry other = ImageGeometry.axisAligned(8, 8, 8, new double[] {2, 2, 2}, new double[] {0, 0, 0});
        write(box(other, 0, 1, 0, 1, 0, 1), truth.resolve("sub-02.nii.gz"));
        Path csv = Files.writeString(dir.resolve("truth.csv"), "subject,truth\n01,truth/sub-01.nii.gz\n"
            + "02,truth/sub-02.nii.gz\n");
        Path eval = dir.resolve("eval");

        CliRun r = CliRun.of("evaluate-cohort", "--pred", pred.toString(), "--truth", csv.toString(), "--out",
            eval.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.PROCESSING_FAILURE);
        assertThat(r.err()).contains("sub-02 not scored:").contains("grid");
        assertThat(r.out()).contains("Failed sub-02");
        assertThat(names(eval.resolve("cases"))).containsExactly("sub-01.json");
    }

    @Test
    void helpOfBothCommands() {
        for (String cmd : new String[] {"segment-cohort", "evaluate-cohort"}) {
            CliRun r = CliRun.of(cmd, "--help");
            assertThat(r.exitCode()).as(cmd).isZero();
            assertThat(r.out()).contains("Usage: plaque " + cmd);
        }
        assertThat(CliRun.of("--help").out()).contains("segment-cohort", "evaluate-cohort");
    }
}

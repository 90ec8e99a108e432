package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.report.SegmentationOutputs;

/**
 * End to end on the phantom head (skull stripping included): {@code plaque demo} once, then {@code plaque segment}
 * on the same files with the same seed — outputs present, on the input grid, report and provenance content, the
 * demo's scores, and bit-identical masks from the two runs.
 */
class DemoEndToEndTest {
    @TempDir
    static Path dir;
    static CliRun demo;

    @BeforeAll
    static void runDemo() {
        demo = CliRun.of("demo", "--out", dir.resolve("demo").toString(), "--threads", "2");
    }

    @Test
    void demoPrintsAndWritesItsScores() throws Exception {
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("lesion load").contains("Dice");
        JsonNode j = Json.mapper().readTree(dir.resolve("demo/demo.json").toFile());
        for (String key : new String[] {"dice", "lesion_f1", "lesion_load_mm3", "truth_lesion_load_mm3"}) {
            assertThat(j.has(key)).as(key).isTrue();
        }
        Mask truth = NiftiReader.withDefaults().readMask(dir.resolve("demo/phantom/lesion_mask.nii.gz"));
        assertThat(j.get("truth_lesion_load_mm3").asDouble()).isCloseTo(truth.volumeMm3(), within(1e-6));
        // the segmentation finds the lesions (the segmenter's own accuracy is measured in its own tests)
        assertThat(j.get("dice").asDouble()).isGreaterThan(0.5);
        assertThat(j.get("lesion_load_mm3").asDouble()).isBetween(0.5 * truth.volumeMm3(), 1.5 * truth.volumeMm3());
        // progress: one line per step on stderr when not a terminal
        assertThat(demo.err()).contains("demo: [1/").contains("] reorient").contains("] lesion-table");
    }

    @Test
    void segmentWritesTheListedFilesOnTheInputGridWithReportAndProvenance() throws Exception {
        Path results = dir.resolve("demo/segment");
        List<String> names = new ArrayList<>();
        try (var files = Files.list(results)) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertThat(names).contains(SegmentationOutputs.LESION_MASK, SegmentationOutputs.LESION_LABELS,
            SegmentationOutputs.LESIONS_CSV, SegmentationOutputs.REPORT_JSON, SegmentationOutputs.REPORT_HTML,
            SegmentationOutputs.PROVENANCE_JSON, "overlay_axial.png", "overlay_coronal.png", "overlay_sagittal.png");
        assertThat(names).allMatch(n -> n.endsWith(".nii.gz") || n.endsWith(".csv") || n.endsWith(".json")
            || n.endsWith(".html") || n.endsWith(".png"));
        var flairGrid = NiftiReader.withDefaults().readScalar(dir.resolve("demo/phantom/flair.nii.gz")).geometry();
        for (String n : names) {
            if (n.endsWith(".nii.gz")) {
                var g = NiftiReader.withDefaults().readHeader(results.resolve(n));
                assertThat(g.volumeSize()).as(n).containsExactly(flairGrid.size());
                assertThat(g.affine().approxEquals(flairGrid.voxelToWorld(), 1e-5)).as(n).isTrue();
            }
        }
        Mask mask = NiftiReader.withDefaults().readMask(results.resolve(SegmentationOutputs.LESION_MASK));
        assertThat(mask.geometry().sameGrid(flairGrid, Tolerance.EVALUATION)).isTrue();

        JsonNode report = Json.mapper().readTree(results.resolve("report.json").toFile());
        for (String key : new String[] {"lesion_load_mm3", "lesion_count", "preset", "parameters", "versions",
            "timings_ms", "inputs"}) {
            assertThat(report.has(key)).as(key).isTrue();
        }
        assertThat(report.get("lesion_load_mm3").asDouble()).isCloseTo(mask.volumeMm3(), within(1e-6));
        assertThat(report.get("inputs").get("flair").get("sha256").asText()).hasSize(64);
        assertThat(report.get("inputs").has("t1")).isTrue();
        assertThat(report.get("versions").get("plaque").asText()).isNotBlank();
        assertThat(report.get("timings_ms").get("total").asLong()).isPositive();
        assertThat(report.get("parameters").get("atlas-registration").get("stages").toString())
            .contains("rigid", "affine");
        JsonNode prov = Json.mapper().readTree(results.resolve("provenance.json").toFile());
        assertThat(prov.get("steps").size()).isEqualTo(report.get("timings_ms").size() - 1);
        assertThat(prov.get("seed").asLong()).isEqualTo(42);
        assertThat(Files.readAllLines(results.resolve("lesions.csv"))).hasSize(report.get("lesion_count").asInt() + 1);
    }

    @Test
    void segmentWithTheSameSeedGivesTheSameMask() throws Exception {
        Path phantom = dir.resolve("demo/phantom");
        Path again = dir.resolve("again");
        CliRun r = CliRun.of("segment", "--flair", phantom.resolve("flair.nii.gz").toString(),
            "--t1", phantom.resolve("t1.nii.gz").toString(), "--t2", phantom.resolve("t2.nii.gz").toString(),
            "--atlas", phantom.resolve("atlas").toString(), "--out", again.toString(), "--seed", "42",
            "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("lesion load");
        for (String f : new String[] {SegmentationOutputs.LESION_MASK, SegmentationOutputs.LESION_LABELS,
            SegmentationOutputs.LESIONS_CSV}) {
            assertThat(Files.readAllBytes(again.resolve(f))).as(f)
                .isEqualTo(Files.readAllBytes(dir.resolve("demo/segment").resolve(f)));
        }
    }

    @Test
    void atlasToSubjectAndSkullstripOnThePhantomHead() throws Exception {
        Path phantom = dir.resolve("demo/phantom");
        Path a2s = dir.resolve("a2s");
        CliRun r = CliRun.of("atlas-to-subject", "--subject", phantom.resolve("t1.nii.gz").toString(), "--atlas",
            phantom.resolve("atlas").toString(), "--out", a2s.toString(), "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : new String[] {"atlas_t1.nii.gz", "wm.nii.gz", "gm.nii.gz", "csf.nii.gz", "brain_mask.nii.gz",
            "transform.txt"}) {
            assertThat(a2s.resolve(f)).as(f).isRegularFile();
        }
        Mask truthBrain = NiftiReader.withDefaults().readMask(phantom.resolve("brain_mask.nii.gz"));
        Mask warped = NiftiReader.withDefaults().readMask(a2s.resolve("brain_mask.nii.gz"));
        assertThat(RealDataSegmentTest.dice(warped, truthBrain)).isGreaterThan(0.97);
        // transform.txt maps subject points to atlas points: apply-transform reproduces the warped mask
        Path again = dir.resolve("again_mask.nii.gz");
        CliRun apply = CliRun.of("apply-transform", "-r", phantom.resolve("t1.nii.gz").toString(), "-t",
            a2s.resolve("transform.txt").toString(), "--interp", "nearest",
            phantom.resolve("atlas/brain_mask.nii.gz").toString(), again.toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(NiftiReader.withDefaults().readMask(again).toArray()).isEqualTo(warped.toArray());

        Path stripped = dir.resolve("brain.nii.gz");
        CliRun strip = CliRun.of("skullstrip", phantom.resolve("flair.nii.gz").toString(), "--out", stripped.toString(),
            "--atlas", phantom.resolve("atlas").toString(), "--threads", "2");
        assertThat(strip.exitCode()).as(strip.err()).isZero();
        assertThat(RealDataSegmentTest.dice(NiftiReader.withDefaults().readMask(stripped), truthBrain))
            .isGreaterThan(0.96);
    }
}

package org.plaque.pipeline.crosssectional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.io.OutputDirectory;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.pipeline.PipelineListener;
import org.plaque.pipeline.StepRecord;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.atlas.Sha256;
import org.plaque.pipeline.preset.Preset;
import org.plaque.pipeline.preset.StepResources;
import org.plaque.pipeline.testing.SyntheticHead;
import org.plaque.pipeline.testing.TestSubjects;
import org.plaque.report.RunInfo;
import org.plaque.report.SegmentationOutputs;
import org.plaque.report.SegmentationReport;

/**
 * The cross-sectional pipeline end to end on a small synthetic head, with the identity as atlas registration
 * (the atlas shares the head's world) and a test-only threshold segmenter: outputs on the input grid, report
 * and provenance content, determinism, all-or-nothing output.
 */
class CrossSectionalPipelineTest {
    @TempDir
    static Path dir;
    static Atlas atlas;
    static Path strippedFlair;
    static Path rawFlair;

    @BeforeAll
    static void write() throws Exception {
        atlas = Atlas.load(SyntheticHead.writeAtlas(dir.resolve("atlas")));
        strippedFlair = dir.resolve("stripped.nii.gz");
        NiftiWriter.write(SyntheticHead.flair(false, 5), strippedFlair);
        rawFlair = dir.resolve("raw.nii.gz");
        NiftiWriter.write(SyntheticHead.flair(true, 5), rawFlair);
    }

    private static StepResources resources() {
        return new StepResources(Optional.of(atlas),
            n -> n.equals("test-threshold") ? Optional.of(TestSubjects.threshold(500)) : Optional.empty(),
            List.of("test-threshold"));
    }

    private static Preset preset(boolean skullStripped) {
        return CrossSectionalPreset.of(new CrossSectionalPreset.Options("test-threshold", skullStripped, false))
            .map("atlas-registration", s -> s.with("stages", List.of()));
    }

    private static CrossSectionalPipeline.Result run(Path flair, boolean skullStripped, long seed) {
        SegmentationInputs in = SegmentationInputs.read(flair, null, null, NiftiReader.withDefaults());
        Preset p = preset(skullStripped);
        try (ExecutionContext ctx = ExecutionContext.of(2, seed, ProgressListener.NONE)) {
            return CrossSectionalPipeline.run("head", in, p, CrossSectionalPipeline.build(p, resources()), ctx,
                PipelineListener.NONE);
        }
    }

    private static double dice(Mask a, Mask b) {
        int both = 0;
        for (int i = 0; i < a.geometry().voxelCount(); i++) {
            if (a.get(i) && b.get(i)) {
                both++;
            }
        }
        return 2.0 * both / (a.count() + b.count());
    }

    @Test
    void writesEveryOutputOnTheInputGridWithReportAndProvenance() throws Exception {
        CrossSectionalPipeline.Result r = run(strippedFlair, true, 3);
        Path out = dir.resolve("out");
        SegmentationReport report = SegmentationReport.of(r, new RunInfo(RunInfo.versions("test"),
            List.of("segment"), "2024-01-01T00:00:00Z"));
        List<String> names;
        try (OutputDirectory o = OutputDirectory.open(out)) {
            names = SegmentationOutputs.write(report, o);
            o.commit();
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(names);
        }
        assertThat(names).contains("lesion_mask.nii.gz", "lesion_labels.nii.gz", "lesion_probability.nii.gz",
            "lesions.csv", "report.json", "report.html", "provenance.json", "overlay_axial.png",
            "overlay_coronal.png", "overlay_sagittal.png", "overlay_mosaic.png");

        Mask mask = NiftiReader.withDefaults().readMask(out.resolve("lesion_mask.nii.gz"));
        var inputGrid = NiftiReader.withDefaults().readScalar(strippedFlair).geometry();
        assertThat(mask.geometry().sameGrid(inputGrid, Tolerance.EVALUATION)).isTrue();
        assertThat(dice(mask, SyntheticHead.lesionTruth())).isGreaterThan(0.85);
        assertThat(NiftiReader.withDefaults().readLabels(out.resolve("lesion_labels.nii.gz")).maxLabel()).isEqualTo(3);

        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        for (String key : new String[] {"lesion_load_mm3", "lesion_count", "preset", "parameters", "versions",
            "timings_ms", "inputs"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("lesion_count").asInt()).isEqualTo(3);
        assertThat(json.get("lesion_load_mm3").asDouble()).isEqualTo(mask.count() * 8.0);
        assertThat(json.get("preset").asText()).isEqualTo("test-threshold");
        assertThat(json.get("inputs").get("flair").get("sha256").asText()).isEqualTo(Sha256.of(strippedFlair));
        assertThat(json.get("timings_ms").has("denoise")).isTrue();
        assertThat(json.get("parameters").get("denoise").get("iterations").asInt()).isEqualTo(10);
        assertThat(json.get("lesions").get(0).get("mean_flair_contrast").asDouble()).isGreaterThan(1.5);

        JsonNode prov = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        List<String> steps = r.subject().provenance().stream().map(StepRecord::step).toList();
        assertThat(steps).containsExactly("reorient", "skull-strip", "register-channels", "denoise", "n4",
            "atlas-registration",
            "segment-lesions", "restore-grid", "lesion-table");
        assertThat(prov.get("steps").size()).isEqualTo(steps.size());
        assertThat(prov.get("preset").get("steps").get(0).get("step").asText()).isEqualTo("reorient");

        List<String> csv = Files.readAllLines(out.resolve("lesions.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).startsWith("id,voxels,volume_mm3");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("data:image/png;base64,").doesNotContain("src=\"http").contains("Lesion table");
        byte[] png = Files.readAllBytes(out.resolve("overlay_axial.png"));
        assertThat(png[1]).isEqualTo((byte) 'P');
    }

    @Test
    void sameSeedGivesTheSameMaskAndTable() {
        CrossSectionalPipeline.Result a = run(strippedFlair, true, 11);
        CrossSectionalPipeline.Result b = run(strippedFlair, true, 11);
        assertThat(a.subject().require(SubjectKeys.LESION_MASK).toArray())
            .isEqualTo(b.subject().require(SubjectKeys.LESION_MASK).toArray());
        assertThat(a.subject().require(SubjectKeys.LESIONS).lesions())
            .isEqualTo(b.subject().require(SubjectKeys.LESIONS).lesions());
    }

    @Test
    void skullStrippingARawHeadFindsTheBrain() {
        CrossSectionalPipeline.Result r = run(rawFlair, false, 3);
        Mask brain = r.subject().require(SubjectKeys.BRAIN_MASK);
        Mask truth = Mask.above(SyntheticHead.flair(false, 5), 0);
        assertThat(dice(brain, truth)).isGreaterThan(0.95);
        assertThat(r.subject().require(SubjectKeys.LESIONS).count()).isEqualTo(3);
    }

    @Test
    void aFailedWriteLeavesNothing() throws Exception {
        CrossSectionalPipeline.Result r = run(strippedFlair, true, 3);
        SegmentationReport report = SegmentationReport.of(r, new RunInfo(Map.of(), List.of(), "now"));
        Path out = dir.resolve("failed/out");
        assertThatThrownBy(() -> {
            try (OutputDirectory o = OutputDirectory.open(out)) {
                SegmentationOutputs.write(report, o);
                throw new IllegalStateException("disk full");
            }
        }).hasMessage("disk full");
        assertThat(dir.resolve("failed")).doesNotExist();
    }

    @Test
    void unusableInputsAreRefusedWithTheFileName() throws Exception {
        Path constant = dir.resolve("constant.nii.gz");
        NiftiWriter.write(TestSubjects.paint(Mask.empty(SyntheticHead.subjectGrid()), 1, 1), constant);
        assertThatThrownBy(() -> SegmentationInputs.read(constant, null, null, NiftiReader.withDefaults()))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("constant.nii.gz")
            .hasMessageContaining("constant");
        Path far = dir.resolve("far_t1.nii.gz");
        var g = SyntheticHead.subjectGrid();
        var shifted = g.withVoxelToWorld(org.plaque.geom.Affine.translation(500, 0, 0).multiply(g.voxelToWorld()));
        NiftiWriter.write(SyntheticHead.flair(false, 1).withGeometry(shifted), far);
        assertThatThrownBy(() -> SegmentationInputs.read(strippedFlair, far, null, NiftiReader.withDefaults()))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("far_t1.nii.gz")
            .hasMessageContaining("same head");
    }
}

package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.testing.RealData;

/**
 * {@code evaluate-cohort} on the 29 reference masks of lesjak2017_cross_sectional_masks (GOLD_STANDARD_MNI,
 * 182×218×182 @ 1 mm, LAS): against themselves, and against copies shifted by one voxel, whose Dice is
 * counted here directly from the voxels. Volumes are MANIFEST.md's.
 */
@Tag(RealData.TAG)
class RealDataEvaluateCohortTest {
    private static final String MASKS = "lesjak2017_cross_sectional_masks";
    private static final String GOLD = "GOLD_STANDARD_MNI.nii.gz";

    @TempDir
    Path dir;

    @Test
    void everyMaskAgainstItselfScoresPerfectly() throws Exception {
        Path masks = RealData.file(MASKS);
        long folders;
        try (Stream<Path> s = Files.list(masks)) {
            folders = s.filter(p -> Files.isRegularFile(p.resolve(GOLD))).count();
        }
        Path out = dir.resolve("eval");
        CliRun r = CliRun.of("evaluate-cohort", "--pred", masks.toString(), "--pred-name", GOLD, "--truth",
            masks.toString(), "--truth-name", GOLD, "--out", out.toString(), "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode all = Json.mapper().readTree(r.out());
        assertThat(folders).isEqualTo(29);
        assertThat(all.get("cases")).hasSize(29);
        for (JsonNode c : all.get("cases")) {
            assertThat(c.get("dice").asDouble()).as(c.get("case").asText()).isEqualTo(1.0);
            assertThat(c.get("hausdorff_mm").asDouble()).isZero();
            assertThat(c.get("lesion_f1").asDouble()).isEqualTo(1.0);
            assertThat(c.get("grid").get("size").toString()).isEqualTo("[182,218,182]");
            assertThat(c.get("grid").get("orientation").asText()).isEqualTo("LAS");
        }
        Map<String, Double> manifestMm3 = Map.of("sub-patient07", 1300.0, "sub-patient19", 49769.0,
            "sub-patient01", 30620.0, "sub-patient03", 1052.0);
        for (JsonNode c : all.get("cases")) {
            Double v = manifestMm3.get(c.get("case").asText());
            if (v != null) {
                assertThat(c.get("volume_truth_mm3").asDouble()).isEqualTo(v);
            }
        }
        assertThat(all.get("mean").get("dice").asDouble()).isEqualTo(1.0);
        assertThat(all.get("pearson_r").get("volume_mm3").asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(all.get("rule").get("connectivity").asInt()).isEqualTo(6);
        assertThat(all.get("pred_only")).isEmpty();
        assertThat(Files.readAllLines(out.resolve("evaluation.csv"))).hasSize(1 + 29 + 4);
    }

    @Test
    void shiftedCopiesScoreTheOverlapCountedFromTheVoxels() throws Exception {
        Path masks = RealData.file(MASKS);
        Path truth = dir.resolve("shifted");
        Files.createDirectories(truth);
        NiftiReader reader = NiftiReader.withDefaults();
        String[] patients = {"patient02", "patient07", "patient19"};
        double[] expectedDice = new double[patients.length];
        for (int p = 0; p < patients.length; p++) {
            Mask m = reader.readMask(RealData.file(MASKS + "/" + patients[p] + "/" + GOLD));
            Mask shifted = shiftX(m);
            NiftiWriter.write(shifted, truth.resolve(patients[p] + ".nii.gz"));
            int both = 0;
            for (int i = 0; i < m.geometry().voxelCount(); i++) {
                both += m.get(i) && shifted.get(i) ? 1 : 0;
            }
            expectedDice[p] = 2.0 * both / (m.count() + shifted.count());
        }

        CliRun r = CliRun.of("evaluate-cohort", "--pred", masks.toString(), "--pred-name", GOLD, "--truth",
            truth.toString(), "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode all = Json.mapper().readTree(r.out());
        assertThat(all.get("cases")).hasSize(3);
        assertThat(all.get("pred_only")).hasSize(26);
        for (int p = 0; p < patients.length; p++) {
            JsonNode c = all.get("cases").get(p);
            assertThat(c.get("case").asText()).isEqualTo("sub-" + patients[p]);
            assertThat(c.get("dice").asDouble()).isCloseTo(expectedDice[p], within(1e-12));
            assertThat(expectedDice[p]).isBetween(0.2, 0.99);
            // a one-voxel shift moves every boundary by 1 mm
            assertThat(c.get("hausdorff_mm").asDouble()).isCloseTo(1.0, within(1e-9));
        }
        // no lesion touches the grid's x faces, so the volumes are unchanged and correlate perfectly
        assertThat(all.get("pearson_r").get("volume_mm3").asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(r.err()).contains("26 predictions without a reference, 0 references without a prediction");
    }

    /** The mask moved by one voxel along the first index (voxels at the last x index drop out). */
    private static Mask shiftX(Mask m) {
        ImageGeometry g = m.geometry();
        Mask.Builder b = Mask.builder(g);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x + 1 < g.nx(); x++) {
                    if (m.get(x, y, z)) {
                        b.set(x + 1, y, z, true);
                    }
                }
            }
        }
        return b.build();
    }
}

package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.testing.RealData;

/**
 * The commands on the real data of ../shared/data. Expected figures (grids, orientations, voxel counts,
 * volumes, 26-connected component counts) are those of ../shared/data/MANIFEST.md, measured there with
 * nibabel and scipy.
 */
@Tag(RealData.TAG)
class RealDataCommandsTest {
    @TempDir
    Path dir;

    private static JsonNode json(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }

    @Test
    void infoOnAnMniFlairAndARawLongitudinalScan() throws Exception {
        JsonNode mni = json("info", RealData.file("lesjak2017_cross_sectional_mni/patient07/FLAIR.nii.gz").toString(), "--json");
        assertThat(mni.get("dims").toString()).isEqualTo("[182,218,182]");
        assertThat(mni.get("orientation").asText()).isEqualTo("LAS");
        assertThat(mni.get("datatype").asText()).isEqualTo("float32");
        // FSL MNI152 grid: voxel (0,0,0) at (90, -126, -72) mm.
        assertThat(mni.get("affine").get(0).get(3).asDouble()).isCloseTo(90, within(1e-4));
        assertThat(mni.get("affine").get(1).get(3).asDouble()).isCloseTo(-126, within(1e-4));

        JsonNode raw = json("info", RealData.file("lesjak2016_longitudinal/patient01/study1_FLAIR.nii.gz").toString(), "--json");
        assertThat(raw.get("dims").toString()).isEqualTo("[320,320,36]");
        assertThat(raw.get("orientation").asText()).isEqualTo("LPS");
        assertThat(raw.get("datatype").asText()).isEqualTo("uint16");
        assertThat(raw.get("spacing_mm").get(2).asDouble()).isCloseTo(4, within(1e-3));
    }

    @Test
    void lesionsOfNativeAndMniMasksMatchTheManifest() throws Exception {
        JsonNode mni = json("lesions", RealData.file("lesjak2017_cross_sectional_mni/patient07/GOLD_STANDARD.nii.gz").toString(),
            "--connectivity", "26", "--json");
        assertThat(mni.get("count").asInt()).isEqualTo(37);
        assertThat(mni.get("total_volume_mm3").asDouble()).isCloseTo(1300.0, within(1e-9));

        JsonNode nat = json("lesions", RealData.file("lesjak2017_cross_sectional_masks/patient07/consensus_gt.nii.gz").toString(),
            "--connectivity", "26", "--json");
        assertThat(nat.get("count").asInt()).isEqualTo(40);
        assertThat(nat.get("total_volume_mm3").asDouble()).isCloseTo(1352.8, within(0.05));
    }

    @Test
    void convertToRasKeepsTheLesionLoadAndEvaluateScoresAMaskAgainstItself() throws Exception {
        Path gold = RealData.file("lesjak2017_cross_sectional_mni/patient19/GOLD_STANDARD.nii.gz");
        Path ras = dir.resolve("gold_ras.nii.gz");
        assertThat(CliRun.of("convert", gold.toString(), ras.toString(), "--orient", "RAS").exitCode()).isZero();
        JsonNode info = json("info", ras.toString(), "--json");
        assertThat(info.get("orientation").asText()).isEqualTo("RAS");
        JsonNode lesions = json("lesions", ras.toString(), "--connectivity", "26", "--json");
        assertThat(lesions.get("count").asInt()).isEqualTo(98);
        assertThat(lesions.get("total_volume_mm3").asDouble()).isCloseTo(49769.0, within(1e-9));

        JsonNode self = json("evaluate", "--pred", gold.toString(), "--truth", gold.toString(), "--json");
        assertThat(self.get("dice").asDouble()).isEqualTo(1.0);
        assertThat(self.get("lesion_f1").asDouble()).isEqualTo(1.0);
        assertThat(self.get("hausdorff_mm").asDouble()).isZero();

        // The reoriented copy lies on another grid: evaluation must refuse it rather than compare voxel arrays.
        CliRun mismatch = CliRun.of("evaluate", "--pred", ras.toString(), "--truth", gold.toString());
        assertThat(mismatch.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    }
}

package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;

/** The info, convert, lesions and evaluate commands on small generated images with known answers. */
class CommandsTest {
    @TempDir
    Path dir;

    /** A 4×5×6 LAS grid with 2×1×3 mm voxels and a ramp of values i + 10 j + 100 k. */
    private static ScalarVolume ramp() {
        ImageGeometry g = ImageGeometry.of(4, 5, 6, Affine.ofRowMajor(
            -2, 0, 0, 10,
            0, 1, 0, -20,
            0, 0, 3, 5));
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 5; j++) {
                for (int i = 0; i < 4; i++) {
                    b.set(i, j, k, i + 10 * j + 100 * k);
                }
            }
        }
        return b.build();
    }

    private static JsonNode json(CliRun r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }

    @Test
    void infoReportsGridOrientationDatatypeAndRange() throws Exception {
        Path f = dir.resolve("ramp.nii.gz");
        NiftiWriter.write(ramp(), f);
        JsonNode j = json(CliRun.of("info", f.toString(), "--json"));
        assertThat(j.get("dims").toString()).isEqualTo("[4,5,6]");
        assertThat(j.get("spacing_mm").get(0).asDouble()).isCloseTo(2, within(1e-6));
        assertThat(j.get("spacing_mm").get(2).asDouble()).isCloseTo(3, within(1e-6));
        assertThat(j.get("affine").get(0).get(0).asDouble()).isCloseTo(-2, within(1e-6));
        assertThat(j.get("affine").get(1).get(3).asDouble()).isCloseTo(-20, within(1e-6));
        assertThat(j.get("affine").get(3).toString()).isEqualTo("[0.0,0.0,0.0,1.0]");
        assertThat(j.get("orientation").asText()).isEqualTo("LAS");
        assertThat(j.get("datatype").asText()).isEqualTo("float32");
        assertThat(j.get("min").asDouble()).isEqualTo(0);
        assertThat(j.get("max").asDouble()).isEqualTo(3 + 40 + 500);
        assertThat(j.get("mean").asDouble()).isCloseTo(1.5 + 20 + 250, within(1e-9));
    }

    @Test
    void convertReorientsKeepingWorldPositionsAndChangesDatatype() throws Exception {
        Path in = dir.resolve("ramp.nii");
        Path out = dir.resolve("ras.nii.gz");
        ScalarVolume v = ramp();
        NiftiWriter.write(v, in);
        CliRun r = CliRun.of("convert", in.toString(), out.toString(), "--orient", "ras", "--dtype", "int16");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = json(CliRun.of("info", out.toString(), "--json"));
        assertThat(j.get("orientation").asText()).isEqualTo("RAS");
        assertThat(j.get("datatype").asText()).isEqualTo("int16");
        ScalarVolume w = NiftiReader.withDefaults().readScalar(out);
        // Voxel (i, j, k) of the input sits at the same world point as some voxel of the output: compare values there.
        for (int k = 0; k < 6; k++) {
            for (int jj = 0; jj < 5; jj++) {
                for (int i = 0; i < 4; i++) {
                    double[] p = v.geometry().voxelToWorld().apply(i, jj, k);
                    double[] q = w.geometry().worldToVoxel().apply(p[0], p[1], p[2]);
                    int a = (int) Math.round(q[0]);
                    int b = (int) Math.round(q[1]);
                    int c = (int) Math.round(q[2]);
                    assertThat(Math.abs(q[0] - a) + Math.abs(q[1] - b) + Math.abs(q[2] - c)).isLessThan(1e-4);
                    assertThat(w.get(a, b, c)).isEqualTo(v.get(i, jj, k));
                }
            }
        }
    }

    @Test
    void convertRejectsBadOptionsAsUsageErrorsAndWritesNothing() throws Exception {
        Path in = dir.resolve("ramp.nii");
        NiftiWriter.write(ramp(), in);
        Path out = dir.resolve("o.nii");
        assertThat(CliRun.of("convert", in.toString(), out.toString(), "--dtype", "float16").exitCode())
            .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("convert", in.toString(), out.toString(), "--orient", "RAX").exitCode())
            .isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("convert", in.toString(), dir.resolve("o.png").toString()).exitCode())
            .isEqualTo(ExitCode.USAGE);
        assertThat(out).doesNotExist();
    }

    @Test
    void convertToATypeTooSmallIsInvalidInputAndLeavesNoFile() throws Exception {
        Path in = dir.resolve("ramp.nii");
        NiftiWriter.write(ramp(), in);
        Path out = dir.resolve("o.nii.gz");
        CliRun r = CliRun.of("convert", in.toString(), out.toString(), "--dtype", "uint8");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.oneErrorLine()).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ramp.nii");
        }
    }

    /** Two 2×2×2 cubes that touch only at a corner, and a single voxel, in 1×1×2 mm voxels. */
    private static Mask cubes() {
        ImageGeometry g = ImageGeometry.axisAligned(10, 10, 10, new double[] {1, 1, 2}, new double[] {0, 0, 0});
        Mask.Builder b = Mask.builder(g);
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 2; i++) {
                    b.set(1 + i, 1 + j, 1 + k, true);
                    b.set(3 + i, 3 + j, 3 + k, true);
                }
            }
        }
        b.set(8, 8, 8, true);
        return b.build();
    }

    @Test
    void lesionsCountsWithTheChosenConnectivityAndSizeFilter() throws Exception {
        Path f = dir.resolve("mask.nii.gz");
        NiftiWriter.write(cubes(), f);
        JsonNode six = json(CliRun.of("lesions", f.toString(), "--json"));
        assertThat(six.get("count").asInt()).isEqualTo(3);
        assertThat(six.get("total_volume_mm3").asDouble()).isCloseTo(17 * 2, within(1e-9));
        assertThat(six.get("connectivity").asInt()).isEqualTo(6);
        JsonNode first = six.get("lesions").get(0);
        assertThat(first.get("voxels").asInt()).isEqualTo(8);
        assertThat(first.get("volume_mm3").asDouble()).isCloseTo(16, within(1e-9));
        assertThat(first.get("centroid_mm").size()).isEqualTo(3);
        JsonNode full = json(CliRun.of("lesions", f.toString(), "--connectivity", "26", "--json"));
        assertThat(full.get("count").asInt()).isEqualTo(2);
        JsonNode big = json(CliRun.of("lesions", f.toString(), "--min-volume-mm3", "2", "--json"));
        assertThat(big.get("count").asInt()).isEqualTo(2);
        Path csv = dir.resolve("lesions.csv");
        assertThat(CliRun.of("lesions", f.toString(), "--csv", csv.toString()).exitCode()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(4).first().asString().startsWith("id,voxels,volume_mm3");
        assertThat(CliRun.of("lesions", f.toString(), "--connectivity", "8").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void evaluateScoresAPredictionAgainstItsReference() throws Exception {
        Mask truth = cubes();
        Mask.Builder p = Mask.builder(truth.geometry());
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 2; i++) {
                    p.set(1 + i, 1 + j, 1 + k, true);
                }
            }
        }
        Path pf = dir.resolve("pred.nii.gz");
        Path tf = dir.resolve("truth.nii.gz");
        NiftiWriter.write(p.build(), pf);
        NiftiWriter.write(truth, tf);
        JsonNode j = json(CliRun.of("evaluate", "--pred", pf.toString(), "--truth", tf.toString(), "--json"));
        assertThat(j.get("dice").asDouble()).isCloseTo(2.0 * 8 / (8 + 17), within(1e-12));
        assertThat(j.get("precision").asDouble()).isEqualTo(1.0);
        assertThat(j.get("recall").asDouble()).isCloseTo(8.0 / 17, within(1e-12));
        // Lesions > 3 mm³: the two cubes (16 mm³ each) count, the single 2 mm³ voxel does not.
        assertThat(j.get("truth_lesions").asInt()).isEqualTo(2);
        assertThat(j.get("pred_lesions").asInt()).isEqualTo(1);
        assertThat(j.get("detected_truth_lesions").asInt()).isEqualTo(1);
        assertThat(j.get("lesion_tpr").asDouble()).isEqualTo(0.5);
        assertThat(j.get("lesion_ppv").asDouble()).isEqualTo(1.0);
        for (String key : new String[] {"iou", "specificity", "volume_pred_mm3", "volume_truth_mm3",
            "volume_difference_pct", "hausdorff_mm", "hd95_mm", "assd_mm", "lesion_f1", "matched_pred_lesions"}) {
            assertThat(j.has(key)).as(key).isTrue();
        }
    }

    @Test
    void evaluateRejectsMasksOnDifferentGrids() throws Exception {
        Mask a = cubes();
        Mask b = Mask.empty(ImageGeometry.axisAligned(10, 10, 10, new double[] {1, 1, 1}, new double[] {0, 0, 0}));
        Path pa = dir.resolve("a.nii");
        Path pb = dir.resolve("b.nii");
        NiftiWriter.write(a, pa);
        NiftiWriter.write(b, pb);
        CliRun r = CliRun.of("evaluate", "--pred", pa.toString(), "--truth", pb.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.oneErrorLine()).isTrue();
    }
}

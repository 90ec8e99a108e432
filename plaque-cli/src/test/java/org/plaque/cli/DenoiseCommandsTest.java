package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.smoothing.BilateralFilter;
import org.plaque.filter.smoothing.GradientAnisotropicDiffusion;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;

/** {@code plaque denoise} and {@code plaque denoise-compare}, run in-process on a small noisy phantom. */
class DenoiseCommandsTest {
    @TempDir
    static Path shared;

    static Path head;
    static ScalarVolume headVolume;

    @BeforeAll
    static void writePhantom() throws Exception {
        ImageGeometry g = ImageGeometry.axisAligned(36, 40, 24, new double[] {1, 1, 1.2}, new double[] {-18, -20, -14});
        Random r = new Random(17);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double d2 = sq((x - 17.5) / 15) + sq((y - 19.5) / 17) + sq((z - 11.5) / 10);
                    if (d2 < 1) {
                        double v = d2 < 0.2 ? 150 : 90;
                        b.set(x, y, z, (float) (v + 6 * r.nextGaussian()));
                    }
                }
            }
        }
        headVolume = b.build();
        head = shared.resolve("head.nii.gz");
        NiftiWriter.write(headVolume, head);
        headVolume = NiftiReader.withDefaults().readScalar(head);
    }

    @Test
    void commandsAreListedAndHaveHelp() {
        assertThat(CliRun.of("--help").out()).contains("denoise", "denoise-compare");
        for (String cmd : new String[] {"denoise", "denoise-compare"}) {
            CliRun r = CliRun.of(cmd, "--help");
            assertThat(r.exitCode()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: plaque " + cmd);
        }
    }

    @Test
    void denoiseWithDefaultsEqualsTheFilter(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ad.nii.gz");
        CliRun run = CliRun.of("denoise", head.toString(), out.toString(), "--method", "anisotropic", "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("10 iterations", "conductance 1.0", "time step 0.0625");
        ScalarVolume written = NiftiReader.withDefaults().readScalar(out);
        ScalarVolume expected = GradientAnisotropicDiffusion.withDefaults().apply(headVolume,
            ExecutionContext.singleThreaded());
        assertThat(written.toArray()).containsExactly(expected.toArray());
        assertThat(written.geometry().sameGrid(headVolume.geometry(), org.plaque.geom.Tolerance.DEFAULT)).isTrue();
    }

    @Test
    void denoiseTakesMethodOptions(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bl.nii");
        CliRun run = CliRun.of("denoise", head.toString(), out.toString(), "--method", "BILATERAL",
            "--domain-sigma", "1.5", "--range-sigma", "20");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        ScalarVolume expected = new BilateralFilter(new BilateralFilter.Params(1.5, 20)).apply(headVolume,
            ExecutionContext.singleThreaded());
        assertThat(NiftiReader.withDefaults().readScalar(out).toArray()).containsExactly(expected.toArray());
        for (String[] args : new String[][] {
            {"--method", "curvature", "--iterations", "2", "--time-step", "0.03"},
            {"--method", "nlm", "--search-radius", "2", "--patch-radius", "1", "--h", "8"}}) {
            Path o = dir.resolve(args[1] + ".nii.gz");
            List<String> all = new ArrayList<>(List.of("denoise", head.toString(), o.toString()));
            all.addAll(List.of(args));
            CliRun r = CliRun.of(all.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
            assertThat(Files.exists(o)).isTrue();
        }
    }

    @Test
    void timeStepAboveTheStabilityLimitWarnsAndRuns(@TempDir Path dir) {
        Path out = dir.resolve("warn.nii.gz");
        CliRun run = CliRun.of("denoise", head.toString(), out.toString(), "--method", "anisotropic",
            "--iterations", "1", "--time-step", "0.1");
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.err()).contains("warning").contains("stability limit");
        assertThat(Files.exists(out)).isTrue();
    }

    @Test
    void usageErrorsExitWithTwoAndWriteNothing(@TempDir Path dir) {
        Path out = dir.resolve("x.nii.gz");
        String[][] bad = {
            {"--method", "bilateral", "--iterations", "3"},
            {"--method", "anisotropic", "--iterations", "-1"},
            {"--method", "anisotropic", "--conductance", "0"},
            {"--method", "nlm", "--search-radius", "0"},
            {"--method", "median"},
            {"--method", "nlm", "--threads", "0"},
            {}};
        for (String[] args : bad) {
            List<String> all = new ArrayList<>(List.of("denoise", head.toString(), out.toString()));
            all.addAll(List.of(args));
            CliRun run = CliRun.of(all.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
            assertThat(run.oneErrorLine()).as(run.err()).isTrue();
            assertThat(Files.exists(out)).isFalse();
        }
        CliRun wrongName = CliRun.of("denoise", head.toString(), dir.resolve("x.png").toString(), "--method", "nlm");
        assertThat(wrongName.exitCode()).isEqualTo(2);
    }

    @Test
    void missingInputIsInvalidInput(@TempDir Path dir) {
        CliRun run = CliRun.of("denoise", dir.resolve("none.nii.gz").toString(), dir.resolve("o.nii.gz").toString(),
            "--method", "anisotropic");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.oneErrorLine()).isTrue();
    }

    @Test
    void compareWritesImagesTablesAndPanel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        CliRun run = CliRun.of("denoise-compare", head.toString(), "--out", out.toString(), "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        String[] methods = {"anisotropic", "curvature", "bilateral", "nlm"};
        for (String m : methods) {
            ScalarVolume den = NiftiReader.withDefaults().readScalar(out.resolve(m + ".nii.gz"));
            ScalarVolume diff = NiftiReader.withDefaults().readScalar(out.resolve(m + "_diff.nii.gz"));
            for (int i = 0; i < den.geometry().voxelCount(); i += 101) {
                assertThat(diff.get(i)).isEqualTo(Math.abs(headVolume.get(i) - den.get(i)));
            }
        }
        JsonNode json = Json.mapper().readTree(out.resolve(DenoiseCompareCommand.JSON).toFile());
        assertThat(json.isArray()).isTrue();
        assertThat(json.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            JsonNode row = json.get(i);
            assertThat(row.get("method").asText()).isEqualTo(methods[i]);
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("method", "ssim", "psnr", "flat_noise_removed", "structure_removed",
                "time_ms");
            assertThat(row.get("ssim").asDouble()).isBetween(0.3, 1.0);
            assertThat(row.get("flat_noise_removed").asDouble()).isGreaterThan(0.2);
            assertThat(row.get("time_ms").asLong()).isGreaterThanOrEqualTo(0);
        }
        List<String> csv = Files.readAllLines(out.resolve(DenoiseCompareCommand.CSV));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).isEqualTo("method,ssim,psnr,flat_noise_removed,structure_removed,time_ms");
        assertThat(csv.get(4)).startsWith("nlm,");
        assertThat(Files.readString(out.resolve(DenoiseCompareCommand.MARKDOWN))).contains("| nlm |", "structure removed");
        BufferedImage png = ImageIO.read(out.resolve(DenoiseCompareCommand.PNG).toFile());
        assertThat(png).isNotNull();
        assertThat(png.getHeight()).isGreaterThan(4 * 40);
        assertThat(png.getWidth()).isGreaterThan(3 * 36);
    }

    @Test
    void compareSubsetAndFailuresLeaveNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub");
        CliRun run = CliRun.of("denoise-compare", head.toString(), "--out", out.toString(), "--methods", "nlm,anisotropic");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode json = Json.mapper().readTree(out.resolve(DenoiseCompareCommand.JSON).toFile());
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.get(0).get("method").asText()).isEqualTo("nlm");

        Path flat = dir.resolve("flat.nii.gz");
        NiftiWriter.write(ScalarVolume.filled(headVolume.geometry(), 5f), flat);
        Path failed = dir.resolve("failed");
        CliRun bad = CliRun.of("denoise-compare", flat.toString(), "--out", failed.toString());
        assertThat(bad.exitCode()).isEqualTo(3);
        assertThat(bad.oneErrorLine()).as(bad.err()).isTrue();
        assertThat(Files.exists(failed)).isFalse();

        CliRun twice = CliRun.of("denoise-compare", head.toString(), "--out", dir.resolve("t").toString(),
            "--methods", "nlm,nlm");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("t"))).isFalse();
    }

    private static double sq(double a) {
        return a * a;
    }
}

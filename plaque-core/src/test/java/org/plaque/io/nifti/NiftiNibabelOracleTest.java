package org.plaque.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.plaque.testing.PythonOracle;
import org.plaque.testing.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.geom.Affine;
import org.plaque.image.ScalarVolume;

/**
 * nibabel as the oracle on every NIfTI file in {@code ../shared/data}: Plaque's affine and voxel values
 * must equal nibabel's {@code img.affine} and {@code img.get_fdata()} (volume 0 of 4-D files) within
 * |a − b| ≤ 1e-5·max(1, |b|). Files of up to {@value #WRITE_BACK_MAX_VOXELS} voxels are also written back
 * as float32 (every fourth as .nii.gz) and must read back in nibabel with the same affine (1e-4 mm: float32
 * storage), the same values, and a qform equal to the affine when the affine has no shear.
 */
@Tag("realdata")
class NiftiNibabelOracleTest {
    private static final double REL_TOL = 1e-5;
    private static final double AFFINE_WRITE_TOL = 1e-4;
    private static final long WRITE_BACK_MAX_VOXELS = 8_000_000;

    @TempDir
    Path tmp;

    @Test
    void plaqueReadsEveryFileAsNibabelDoes() throws IOException {
        Path data = RealData.root();
        String python = PythonOracle.python("nibabel", "numpy");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".nii") || n.endsWith(".nii.gz"));
            }).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<String> failures = new ArrayList<>();
        double worstData = 0;
        double worstAffine = 0;
        int writtenBack = 0;
        long start = System.nanoTime();
        try (NibabelOracle oracle = NibabelOracle.start(python, tmp)) {
            for (int f = 0; f < files.size(); f++) {
                Path file = files.get(f);
                String name = data.relativize(file).toString();
                oracle.request(file);
                ScalarVolume plaque = null;
                String plaqueError = null;
                long t0 = System.nanoTime();
                try {
                    plaque = NiftiReader.withDefaults().withVolumeIndex(0).readScalar(file);
                } catch (InvalidInputException e) {
                    plaqueError = e.getMessage();
                }
                double readMs = (System.nanoTime() - t0) / 1e6;
                Comparison c = compare(oracle, plaque, plaqueError);
                worstData = Math.max(worstData, c.maxDataDiff);
                worstAffine = Math.max(worstAffine, c.maxAffineDiff);
                String writeBack = "";
                if (c.problem == null && plaque.geometry().voxelCount() <= WRITE_BACK_MAX_VOXELS) {
                    String ext = f % 4 == 0 ? ".nii.gz" : ".nii";
                    Path out = tmp.resolve("written" + ext);
                    NiftiWriter.write(plaque, out);
                    oracle.request(out);
                    Comparison w = compare(oracle, plaque, null);
                    String qformProblem = qformProblem(w, plaque.geometry().voxelToWorld());
                    Files.delete(out);
                    writtenBack++;
                    writeBack = String.format(Locale.ROOT, "; written back%s: affine %.2e, values %.2e%s", ext,
                        w.maxAffineDiff, w.maxDataDiff, qformProblem == null ? "" : "; " + qformProblem);
                    if (w.problem != null || w.maxAffineDiff > AFFINE_WRITE_TOL || w.maxDataDiff > 0
                        || qformProblem != null) {
                        failures.add(name + " written back: " + (w.problem != null ? w.problem : writeBack));
                    }
                }
                if (c.problem != null) {
                    failures.add(name + ": " + c.problem);
                }
                System.out.printf(Locale.ROOT, "oracle %-80s plaque %6.0f ms, max |diff| affine %.2e data %.2e%s%s%n",
                    name, readMs, c.maxAffineDiff, c.maxDataDiff, c.problem == null ? "" : "  FAIL " + c.problem,
                    writeBack);
            }
        }
        System.out.printf(Locale.ROOT, "oracle: %d files, %d written back, max |diff| affine %.3e, data %.3e,"
            + " %.1f s%n", files.size(), writtenBack, worstAffine, worstData, (System.nanoTime() - start) / 1e9);
        assertThat(failures).as("files where Plaque and nibabel disagree").isEmpty();
    }

    /** Largest differences, and the first problem found (or null). */
    private record Comparison(String problem, double maxAffineDiff, double maxDataDiff, double[] qform) {
    }

    private static Comparison compare(NibabelOracle oracle, ScalarVolume plaque, String plaqueError)
        throws IOException {
        NibabelOracle.Answer a = oracle.answer();
        if (a.error() != null) {
            return new Comparison(plaqueError == null ? "nibabel fails (" + a.error() + ") but Plaque reads it"
                : null, 0, 0, null);
        }
        if (plaque == null) {
            oracle.streamValues(a.voxels(), (v, n, from) -> { });
            return new Comparison("Plaque refuses a file nibabel reads: " + plaqueError, 0, 0, null);
        }
        int[] size = plaque.geometry().size();
        if (size[0] != a.size()[0] || size[1] != a.size()[1] || size[2] != a.size()[2]) {
            oracle.streamValues(a.voxels(), (v, n, from) -> { });
            return new Comparison("size differs", 0, 0, null);
        }
        double[] affine = plaque.geometry().voxelToWorld().toRowMajor();
        double affineDiff = 0;
        for (int i = 0; i < 16; i++) {
            affineDiff = Math.max(affineDiff, Math.abs(affine[i] - a.affine()[i]));
        }
        double[] worst = {0};
        long[] bad = {0};
        oracle.streamValues(a.voxels(), (v, n, from) -> {
            double w = worst[0];
            for (int i = 0; i < n; i++) {
                double expected = v[i];
                double d = Math.abs(plaque.get((int) (from + i)) - expected);
                if (!(d <= REL_TOL * Math.max(1, Math.abs(expected)))) {
                    bad[0]++;
                }
                w = Math.max(w, d);
            }
            worst[0] = w;
        });
        String problem = null;
        if (!(affineDiff <= REL_TOL)) {
            problem = "affine differs by " + affineDiff + ": Plaque " + plaque.geometry().voxelToWorld()
                + " vs nibabel " + java.util.Arrays.toString(a.affine());
        } else if (bad[0] > 0) {
            problem = bad[0] + " voxel values differ (max |diff| " + worst[0] + ")";
        }
        return new Comparison(problem, affineDiff, worst[0], a.qform());
    }

    /** The qform of a written file must reproduce the affine when the affine has no shear. */
    private static String qformProblem(Comparison written, Affine affine) {
        if (written.qform() == null) {
            return null;
        }
        double diff = 0;
        double[] m = affine.toRowMajor();
        for (int i = 0; i < 16; i++) {
            diff = Math.max(diff, Math.abs(written.qform()[i] - m[i]));
        }
        if (diff <= AFFINE_WRITE_TOL) {
            return null;
        }
        double[][] lin = affine.linear();
        double shear = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                double dot = 0;
                double na = 0;
                double nb = 0;
                for (int r = 0; r < 3; r++) {
                    dot += lin[r][a] * lin[r][b];
                    na += lin[r][a] * lin[r][a];
                    nb += lin[r][b] * lin[r][b];
                }
                shear = Math.max(shear, Math.abs(dot) / Math.sqrt(na * nb));
            }
        }
        String msg = String.format(Locale.ROOT, "qform differs from the affine by %.2e (shear %.1e)", diff, shear);
        // Only a sheared affine excuses an inexact qform.
        return shear > 1e-5 ? null : msg;
    }
}

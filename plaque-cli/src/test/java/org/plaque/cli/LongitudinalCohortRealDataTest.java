package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.testing.RealData;

/**
 * {@code plaque longitudinal-cohort} on one real pair (lesjak2016 patient19, linked into a Lesjak-layout folder,
 * not copied) with the ICBM atlas installed from the shared folder: the subject runs, its follow-up T1 is used,
 * and evaluation.csv scores its gt through the provided study2 → common transform with the figures of
 * docs/LONGITUDINAL.md (patient19: lesion F1 0.53, TPR 0.38, 4 FP) — guards a little below them.
 */
@Tag(RealData.TAG)
class LongitudinalCohortRealDataTest {
    @TempDir
    Path dir;

    @Test
    void scoresOneRealPair() throws Exception {
        Path src = RealData.file("lesjak2016_longitudinal/patient19");
        Path cache = dir.resolve("cache");
        CliRun install = CliRun.of("atlas", "install", "--from",
            RealData.file("mni_icbm152_nlin_sym_09a/atlas").toString(), "--cache-dir", cache.toString());
        assertThat(install.exitCode()).as(install.err()).isZero();
        Path patient = Files.createDirectories(dir.resolve("data").resolve("patient19"));
        for (String f : new String[] {"study1_FLAIR.nii.gz", "study2_FLAIR.nii.gz", "study2_T1W.nii.gz", "gt.nii.gz",
            "study2_FLAIR_to_common_space.txt"}) {
            Files.createSymbolicLink(patient.resolve(f), src.resolve(f));
        }
        Path out = dir.resolve("out");
        long start = System.nanoTime();
        CliRun r = CliRun.of("longitudinal-cohort", "--data", dir.resolve("data").toString(), "--out",
            out.toString(), "--threads", "2", "--cache-dir", cache.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> eval = Files.readAllLines(out.resolve("evaluation.csv"));
        System.out.println(String.join("\n", eval) + "\n" + seconds + " s");
        String[] row = eval.get(1).split(",");
        assertThat(row[0]).isEqualTo("patient19");
        assertThat(Double.parseDouble(row[1])).as("lesion TPR").isGreaterThan(0.3);
        assertThat(Integer.parseInt(row[2])).as("false-positive lesions").isLessThanOrEqualTo(8);
        assertThat(Double.parseDouble(row[3])).as("lesion F1").isGreaterThan(0.45);
        assertThat(Files.readString(out.resolve("patient19").resolve("provenance.json"))).contains("study2_T1W");
    }
}

package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.testing.RealData;

/**
 * The pipeline commands on real data with the ICBM 2009a atlas installed from ../shared into a temporary cache:
 * {@code segment --skull-stripped} on lesjak2017 patient07 (1 mm MNI grid), atlas → subject overlap on patient07
 * and patient19 (warped atlas brain mask vs the subject's non-zero region, target Dice ≥ 0.95), and skull stripping
 * of raw longitudinal FLAIRs against the provided brain masks on the common grid (target Dice ≥ 0.93; patient19's
 * mask is a head mask and is left out).
 */
@Tag(RealData.TAG)
class RealDataSegmentTest {
    private static final String MNI = "lesjak2017_cross_sectional_mni/";
    private static final String LONG = "lesjak2016_longitudinal/";

    @TempDir
    static Path tmp;
    static String cache;

    @BeforeAll
    static void installAtlas() {
        Path src = RealData.file("mni_icbm152_nlin_sym_09a/atlas");
        cache = tmp.resolve("cache").toString();
        CliRun install = CliRun.of("atlas", "install", "--from", src.toString(), "--cache-dir", cache);
        assertThat(install.exitCode()).as(install.err()).isZero();
    }

    static double dice(Mask a, Mask b) {
        a.geometry().requireSameGrid(b.geometry(), Tolerance.DEFAULT, "masks");
        int both = 0;
        for (int i = 0; i < a.geometry().voxelCount(); i++) {
            if (a.get(i) && b.get(i)) {
                both++;
            }
        }
        return 2.0 * both / (a.count() + b.count());
    }

    static Mask nonzero(ScalarVolume v) {
        Mask.Builder b = Mask.builder(v.geometry());
        for (int i = 0; i < v.geometry().voxelCount(); i++) {
            b.set(i, v.get(i) != 0f);
        }
        return b.build();
    }

    @Test
    void segmentsASkullStrippedPatientOntoItsOwnGrid() throws Exception {
        Path flair = RealData.file(MNI + "patient07/FLAIR.nii.gz");
        Path out = tmp.resolve("p07");
        CliRun r = CliRun.of("segment", "--flair", flair.toString(), "--t1",
            RealData.file(MNI + "patient07/T1.nii.gz").toString(), "--skull-stripped", "--cache-dir", cache,
            "--out", out.toString(), "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Mask mask = NiftiReader.withDefaults().readMask(out.resolve("lesion_mask.nii.gz"));
        ScalarVolume in = NiftiReader.withDefaults().readScalar(flair);
        assertThat(mask.geometry().sameGrid(in.geometry(), Tolerance.EVALUATION)).isTrue();
        JsonNode report = Json.mapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("lesion_load_mm3").asDouble()).isEqualTo(mask.volumeMm3());
        assertThat(report.get("inputs").get("flair").get("file").asText()).endsWith("FLAIR.nii.gz");
        Mask truth = NiftiReader.withDefaults().readMask(RealData.file(MNI + "patient07/GOLD_STANDARD.nii.gz"));
        double d = dice(mask, truth);
        System.out.printf(Locale.ROOT, "segment patient07: %.1f mm³ (truth %.1f), Dice %.3f, timings %s%n",
            mask.volumeMm3(), truth.volumeMm3(), d, report.get("timings_ms"));
        // the lesions are found inside the brain: the segmenter's accuracy targets are checked in its own tests
        assertThat(d).isGreaterThan(0.2);
        // the brain mask of a skull-stripped input is its non-zero region
        assertThat(report.get("details").get("skull-strip").get("brain_voxels").asInt())
            .isEqualTo(nonzero(in).count());
    }

    @Test
    void warpedAtlasBrainMasksCoverTheSubjectsBrains() {
        for (String p : new String[] {"patient07", "patient19"}) {
            Path flair = RealData.file(MNI + p + "/FLAIR.nii.gz");
            Path out = tmp.resolve("a2s-" + p);
            CliRun r = CliRun.of("atlas-to-subject", "--subject", flair.toString(), "--skull-stripped",
                "--cache-dir", cache, "--out", out.toString(), "--threads", "2");
            assertThat(r.exitCode()).as(r.err()).isZero();
            Mask warped = NiftiReader.withDefaults().readMask(out.resolve("brain_mask.nii.gz"));
            double d = dice(warped, nonzero(NiftiReader.withDefaults().readScalar(flair)));
            System.out.printf(Locale.ROOT, "atlas-to-subject %s: brain-mask Dice %.4f%n", p, d);
            assertThat(d).as(p).isGreaterThanOrEqualTo(0.95);
            assertThat(out.resolve("transform.txt")).isRegularFile();
        }
    }

    /**
     * patient01 must reach the 0.93. patient03's provided mask does not sit on its own FLAIRs (on the
     * common grid both studies show it missing the frontal and superior brain and reaching past the occipital
     * bone; no translation of a correct mask improves its overlap), which caps any correct brain mask near 0.9:
     * it is held to 0.88 so that a regression still shows.
     */
    @Test
    void skullStripsRawLongitudinalFlairs() {
        for (String p : new String[] {"patient01", "patient03"}) {
            Path raw = RealData.file(LONG + p + "/study1_FLAIR.nii.gz");
            Path mask = tmp.resolve(p + "_brain.nii.gz");
            CliRun r = CliRun.of("skullstrip", raw.toString(), "--out", mask.toString(), "--cache-dir", cache,
                "--threads", "2");
            assertThat(r.exitCode()).as(r.err()).isZero();
            Path provided = RealData.file(LONG + p + "/brainmask.nii.gz");
            Path common = tmp.resolve(p + "_brain_common.nii.gz");
            CliRun warp = CliRun.of("apply-transform", "-r", provided.toString(), "-t",
                RealData.file(LONG + p + "/study1_FLAIR_to_common_space.txt").toString(), "--interp", "nearest",
                mask.toString(), common.toString());
            assertThat(warp.exitCode()).as(warp.err()).isZero();
            double d = dice(NiftiReader.withDefaults().readMask(common), NiftiReader.withDefaults().readMask(provided));
            System.out.printf(Locale.ROOT, "skullstrip %s study1: Dice %.4f vs the provided brain mask%n", p, d);
            assertThat(d).as(p).isGreaterThanOrEqualTo(p.equals("patient01") ? 0.93 : 0.88);
        }
    }
}

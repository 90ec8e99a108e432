package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.testing.nifti.MalformedNifti;

/**
 * {@code plaque segment}, {@code atlas-to-subject} and {@code skullstrip} refuse bad command lines (exit 2) and
 * bad data (exit 3) with one line on stderr, before any work, and leave nothing behind.
 */
class SegmentCommandTest {
    @TempDir
    Path dir;
    Path flair;
    Path out;

    private static ScalarVolume noise(ImageGeometry g) {
        SplittableRandom r = new SplittableRandom(1);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int i = 0; i < g.voxelCount(); i++) {
            b.set(i, (float) (100 + 10 * r.nextGaussian()));
        }
        return b.build();
    }

    @BeforeEach
    void write() throws Exception {
        flair = dir.resolve("flair.nii.gz");
        NiftiWriter.write(noise(ImageGeometry.axisAligned(16, 16, 12, new double[] {2, 2, 2}, new double[3])), flair);
        out = dir.resolve("out");
    }

    private void assertRefused(CliRun r, int code, String... mentions) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
        assertThat(r.oneErrorLine()).as(r.err()).isTrue();
        assertThat(r.err()).contains(mentions);
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("flair")
                && !n.equals("corpus") && !n.equals("empty-cache") && !n.equals("t1.nii.gz") && !n.equals("file")))
                .as("left behind").isEmpty();
        }
    }

    @Test
    void badCommandLinesAreUsageErrors() throws Exception {
        String f = flair.toString();
        String o = out.toString();
        assertRefused(CliRun.of("segment", "--out", o), ExitCode.USAGE, "--flair");
        assertRefused(CliRun.of("segment", "--flair", f), ExitCode.USAGE, "--out");
        assertRefused(CliRun.of("segment", "--flair", f, "--out", o, "--method", "supervised"), ExitCode.USAGE,
            "supervised");
        assertRefused(CliRun.of("segment", "--flair", f, "--out", o, "--preset", "no-such-preset"), ExitCode.USAGE,
            "no-such-preset");
        assertRefused(CliRun.of("segment", "--flair", f, "--out", o, "--threads", "0"), ExitCode.USAGE, "--threads");
        assertRefused(CliRun.of("segment", "--flair", f, "--out", o, "--method", "unet2d"), ExitCode.USAGE,
            "needs --model");
        assertRefused(CliRun.of("segment", "--flair", f, "--out", o, "--method", "unet3d", "--preset", "seed-gmm"),
            ExitCode.USAGE, "--preset applies to --method unsupervised");
        assertRefused(CliRun.of("segment", "--flair", f, "--out", o, "--model", o), ExitCode.USAGE,
            "--model needs --method");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertRefused(CliRun.of("segment", "--flair", f, "--out", file.toString()), ExitCode.USAGE, "not a folder");
        assertRefused(CliRun.of("atlas-to-subject", "--subject", f, "--out", o, "--stages", "rigid,warp"),
            ExitCode.USAGE, "warp");
        assertRefused(CliRun.of("skullstrip", f, "--out", dir.resolve("mask.txt").toString()), ExitCode.USAGE,
            ".nii");
        assertRefused(CliRun.of("demo", "--out", file.toString()), ExitCode.USAGE, "not a folder");
    }

    @Test
    void badDataIsInvalidInputNamingTheFile() throws Exception {
        String o = out.toString();
        assertRefused(CliRun.of("segment", "--flair", dir.resolve("missing.nii.gz").toString(), "--out", o),
            ExitCode.INVALID_INPUT, "missing.nii.gz");
        List<MalformedNifti.Case> corpus = MalformedNifti.writeAll(dir.resolve("corpus"));
        MalformedNifti.Case bad = corpus.stream().filter(c -> c.outcome() == MalformedNifti.Outcome.REJECTED)
            .findFirst().orElseThrow();
        assertRefused(CliRun.of("segment", "--flair", bad.file().toString(), "--out", o), ExitCode.INVALID_INPUT,
            bad.file().getFileName().toString());
        // a T1 whose field of view is 500 mm away: not the same head
        Path t1 = dir.resolve("t1.nii.gz");
        ImageGeometry g = ImageGeometry.of(16, 16, 12, Affine.ofRowMajor(2, 0, 0, 500, 0, 2, 0, 0, 0, 0, 2, 0));
        NiftiWriter.write(noise(g), t1);
        assertRefused(CliRun.of("segment", "--flair", flair.toString(), "--t1", t1.toString(), "--out", o),
            ExitCode.INVALID_INPUT, "t1.nii.gz", "same head");
        // no atlas installed and none given
        String cache = dir.resolve("empty-cache").toString();
        assertRefused(CliRun.of("segment", "--flair", flair.toString(), "--out", o, "--cache-dir", cache),
            ExitCode.INVALID_INPUT, "atlas install");
        assertRefused(CliRun.of("atlas-to-subject", "--subject", flair.toString(), "--out", o, "--cache-dir", cache),
            ExitCode.INVALID_INPUT, "atlas install");
        assertRefused(CliRun.of("skullstrip", flair.toString(), "--out", dir.resolve("m.nii.gz").toString(),
            "--cache-dir", cache), ExitCode.INVALID_INPUT, "atlas install");
    }
}

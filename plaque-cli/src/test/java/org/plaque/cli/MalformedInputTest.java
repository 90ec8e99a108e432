package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;
import org.plaque.io.itk.ItkTransformFile;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.registration.transform.TranslationTransform;
import org.plaque.testing.nifti.MalformedNifti;

/** Every file of the malformed-NIfTI corpus gets exit code 3, one stderr line naming it, and no output. */
class MalformedInputTest {
    @TempDir
    Path dir;

    @Test
    void everyMalformedFileIsRejectedCleanlyByEveryReadingCommand() throws Exception {
        List<MalformedNifti.Case> cases = MalformedNifti.writeAll(dir.resolve("corpus"));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        Path outDir = Files.createDirectory(dir.resolve("out"));
        Path good = dir.resolve("good.nii");
        NiftiWriter.write(ScalarVolume.filled(ImageGeometry.axisAligned(4, 4, 4, new double[] {1, 1, 1},
            new double[3]), 1), good);
        Path transform = dir.resolve("t.txt");
        ItkTransformFile.write(TranslationTransform.of(1, 0, 0), transform);
        int rejected = 0;
        for (MalformedNifti.Case c : cases) {
            String f = c.file().toString();
            Path out = outDir.resolve("converted.nii.gz");
            CliRun info = CliRun.of("info", f, "--json");
            CliRun convert = CliRun.of("convert", f, out.toString());
            CliRun lesions = CliRun.of("lesions", f, "--csv", outDir.resolve("l.csv").toString());
            CliRun warp = CliRun.of("apply-transform", "-r", good.toString(), "-t", transform.toString(), f,
                outDir.resolve("w.nii.gz").toString());
            CliRun board = CliRun.of("checkerboard", good.toString(), f, outDir.resolve("c.png").toString());
            CliRun register = CliRun.of("register", "-f", good.toString(), "-m", f, "-o",
                outDir.resolve("r.txt").toString());
            switch (c.outcome()) {
                case REJECTED, NON_FINITE -> {
                    rejected++;
                    for (CliRun r : new CliRun[] {info, convert, lesions, warp, board, register}) {
                        assertThat(r.exitCode()).as(c.toString()).isEqualTo(ExitCode.INVALID_INPUT);
                        assertThat(r.oneErrorLine()).as(c + ": " + r.err()).isTrue();
                        assertThat(r.err()).as(c.toString()).contains(c.file().getFileName().toString());
                        assertThat(r.out()).as(c.toString()).isEmpty();
                    }
                    try (var left = Files.list(outDir)) {
                        assertThat(left).as(c + " left output behind").isEmpty();
                    }
                    if (c.outcome() == MalformedNifti.Outcome.NON_FINITE) {
                        CliRun replaced = CliRun.of("info", f, "--json", "--replace-nonfinite");
                        assertThat(replaced.exitCode()).as(c + ": " + replaced.err()).isZero();
                        assertThat(Json.mapper().readTree(replaced.out()).get("nonfinite_replaced").asInt())
                            .isEqualTo(c.nonFiniteVoxels());
                    }
                }
                case ACCEPTED -> assertThat(info.exitCode()).as(c + ": " + info.err()).isZero();
            }
            try (var left = Files.list(outDir)) {
                for (Path p : left.toList()) {
                    Files.delete(p);
                }
            }
        }
        assertThat(rejected).isGreaterThanOrEqualTo(20);
    }
}

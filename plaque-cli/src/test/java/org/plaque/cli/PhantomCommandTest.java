package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plaque phantom} writes a complete, deterministic case whose files agree with each other. */
class PhantomCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesImagesMasksAtlasAndDescriptionThatAgree() throws Exception {
        Path out = dir.resolve("ph");
        CliRun r = CliRun.of("phantom", "--out", out.toString(), "--seed", "3", "--bias", "--noise", "0.02");
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : new String[] {"flair.nii.gz", "t1.nii.gz", "t2.nii.gz", "lesion_mask.nii.gz",
            "brain_mask.nii.gz", "bias_field.nii.gz", "phantom.json", "atlas/t1.nii.gz", "atlas/wm.nii.gz",
            "atlas/gm.nii.gz", "atlas/csf.nii.gz", "atlas/brain_mask.nii.gz"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        JsonNode desc = Json.mapper().readTree(out.resolve("phantom.json").toFile());
        assertThat(desc.get("parameters").get("seed").asLong()).isEqualTo(3);
        assertThat(desc.get("parameters").get("bias_field").asBoolean()).isTrue();

        // The lesion table of the written mask reproduces the phantom's own description.
        CliRun lesions = CliRun.of("lesions", out.resolve("lesion_mask.nii.gz").toString(), "--json");
        JsonNode table = Json.mapper().readTree(lesions.out());
        assertThat(table.get("count").asInt()).isEqualTo(desc.get("lesion_count").asInt());
        assertThat(table.get("total_volume_mm3").asDouble())
            .isCloseTo(desc.get("lesion_load_mm3").asDouble(), within(1e-6));

        JsonNode flair = Json.mapper().readTree(CliRun.of("info", out.resolve("flair.nii.gz").toString(), "--json").out());
        JsonNode wm = Json.mapper().readTree(CliRun.of("info", out.resolve("atlas/wm.nii.gz").toString(), "--json").out());
        assertThat(flair.get("min").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(wm.get("max").asDouble()).isLessThanOrEqualTo(1.0);
        assertThat(flair.get("spacing_mm").get(0).asDouble()).isCloseTo(1.5, within(1e-6));
    }

    @Test
    void sameSeedGivesIdenticalFiles() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(CliRun.of("phantom", "--out", a.toString()).exitCode()).isZero();
        assertThat(CliRun.of("phantom", "--out", b.toString()).exitCode()).isZero();
        for (String f : new String[] {"flair.nii.gz", "lesion_mask.nii.gz", "phantom.json", "atlas/wm.nii.gz"}) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
    }

    @Test
    void badOptionsAreUsageErrorsAndWriteNothing() {
        Path out = dir.resolve("never");
        assertThat(CliRun.of("phantom", "--out", out.toString(), "--noise", "-1").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("phantom").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(out).doesNotExist();
    }
}

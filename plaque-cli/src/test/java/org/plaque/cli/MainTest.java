package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void versionNamesPlaqueAndItsBuildVersion() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Plaque ").doesNotContain("${").doesNotContain("unknown");
    }

    @Test
    void helpListsEveryCommand() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("segment", "demo", "atlas-to-subject", "skullstrip");
        assertThat(r.out()).contains("info", "convert", "lesions", "evaluate", "phantom", "denoise", "denoise-compare",
            "n4", "normalize", "match-histogram", "atlas", "Exit codes");
    }

    @Test
    void commandHelpWorks() {
        for (String cmd : new String[] {"info", "convert", "lesions", "evaluate", "phantom", "denoise",
            "denoise-compare", "n4", "normalize", "match-histogram", "atlas", "segment", "demo", "atlas-to-subject",
            "skullstrip"}) {
            CliRun r = CliRun.of(cmd, "--help");
            assertThat(r.exitCode()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: plaque " + cmd);
        }
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.oneErrorLine()).isTrue();
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        CliRun r = CliRun.of("info", "--no-such-option", "x.nii");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.oneErrorLine()).isTrue();
    }

    @Test
    void missingFileIsInvalidInputNamingTheFile() {
        CliRun r = CliRun.of("info", "does-not-exist.nii.gz");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.oneErrorLine()).isTrue();
        assertThat(r.err()).contains("does-not-exist.nii.gz");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun r = CliRun.of("--debug", "info", "does-not-exist.nii.gz");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err().lines().count()).isGreaterThan(1);
    }
}

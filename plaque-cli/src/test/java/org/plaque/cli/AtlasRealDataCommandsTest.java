package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.testing.RealData;

/** {@code plaque atlas install} and {@code check} on the ICBM 2009a files of ../shared/data. */
@Tag(RealData.TAG)
class AtlasRealDataCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void installsAndChecksTheSharedIcbmAtlas() {
        Path src = RealData.file("mni_icbm152_nlin_sym_09a/atlas");
        String cache = tmp.resolve("cache").toString();
        CliRun install = CliRun.of("atlas", "install", "--from", src.toString(), "--cache-dir", cache);
        assertThat(install.exitCode()).as(install.err()).isZero();
        assertThat(install.out()).contains("installed atlas mni_icbm152_nlin_sym_09a");

        CliRun check = CliRun.of("atlas", "check", "--cache-dir", cache);
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out())
            .contains("atlas:       mni_icbm152_nlin_sym_09a (ICBM 2009a nonlinear symmetric)")
            .contains("grid:        197×233×189 voxels of 1×1×1 mm, origin (-98, -134, -72) mm")
            .contains("brain mask:  1886539 voxels")
            .containsPattern("GM\\+WM\\+CSF in mask: mean 0\\.97[78]\\d")
            .endsWith("ok\n");
    }
}

package org.plaque.pipeline.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.pipeline.testing.AtlasFixtures;

/** Cache folder resolution, listing and the choice of the default atlas. */
class AtlasLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void cacheFolderComesFromPlaqueHomeThenXdgThenHome() {
        Path home = tmp.resolve("home");
        assertThat(AtlasLocator.fromEnvironment(Map.of("PLAQUE_HOME", tmp.resolve("ph").toString(),
            "XDG_CACHE_HOME", tmp.resolve("xdg").toString()), home.toString()).cacheRoot())
            .isEqualTo(tmp.resolve("ph"));
        assertThat(AtlasLocator.fromEnvironment(Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString()),
            home.toString()).atlasesDir()).isEqualTo(tmp.resolve("xdg/plaque/atlases"));
        // A relative XDG_CACHE_HOME is invalid by the specification and ignored.
        assertThat(AtlasLocator.fromEnvironment(Map.of("XDG_CACHE_HOME", "rel", "PLAQUE_HOME", " "),
            home.toString()).cacheRoot()).isEqualTo(home.resolve(".cache/plaque"));
        assertThat(AtlasLocator.fromEnvironment(Map.of(), home.toString()).directoryOf("a"))
            .isEqualTo(home.resolve(".cache/plaque/atlases/a"));
        assertThat(Files.exists(home)).isFalse();
    }

    @Test
    void namesAreValidated() {
        AtlasLocator l = AtlasLocator.at(tmp);
        for (String bad : new String[] {"", "..", ".hidden", "a/b", "a b", "x".repeat(101), "-x"}) {
            assertThatThrownBy(() -> l.directoryOf(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not valid");
        }
        assertThat(l.directoryOf("mni_icbm152_nlin_sym_09a-v1.2")).isEqualTo(l.atlasesDir()
            .resolve("mni_icbm152_nlin_sym_09a-v1.2"));
    }

    @Test
    void noAtlasGivesOneLineSayingHowToInstall() {
        AtlasLocator l = AtlasLocator.at(tmp.resolve("cache"));
        assertThat(l.list()).isEmpty();
        assertThatThrownBy(l::requireDefault).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("no atlas is installed (looked in " + l.atlasesDir() + ")")
            .hasMessageContaining("plaque atlas install --from DIR|ZIP|URL")
            .message().doesNotContain("\n");
        assertThatThrownBy(() -> l.require("x")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("atlas 'x' is not installed").hasMessageContaining("--name x");
        assertThat(tmp.resolve("cache")).doesNotExist();
    }

    @Test
    void defaultIsTheIcbmAtlasElseTheOnlyOneElseAnError() throws Exception {
        AtlasLocator l = AtlasLocator.at(tmp);
        Path custom = AtlasFixtures.writePlaqueLayout(l.atlasesDir().resolve("custom"));
        Files.createDirectories(l.atlasesDir().resolve(".install-123"));
        assertThat(l.requireDefault()).isEqualTo(custom);
        Path other = Files.createDirectories(l.atlasesDir().resolve("other"));
        assertThatThrownBy(l::requireDefault).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("(custom, other)").hasMessageContaining("--atlas DIR");
        Path icbm = Files.createDirectories(l.atlasesDir().resolve(AtlasLocator.DEFAULT_NAME));
        assertThat(l.requireDefault()).isEqualTo(icbm);
        assertThat(l.resolve(other)).isEqualTo(other);
        assertThat(l.resolve(null)).isEqualTo(icbm);
        assertThatThrownBy(() -> l.resolve(tmp.resolve("nope"))).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("does not exist");

        assertThat(l.list()).extracting(InstalledAtlas::name).containsExactly("custom",
            AtlasLocator.DEFAULT_NAME, "other");
        assertThat(l.list().get(0).isComplete()).isTrue();
        assertThat(l.list().get(2).missing()).hasSize(5);
    }
}

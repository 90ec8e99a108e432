package org.plaque.pipeline.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;

/** atlas.json round trips and refusals. */
class AtlasMetadataTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsEveryField() throws Exception {
        AtlasMetadata m = new AtlasMetadata("n", "v", "s", "src", "from", "c".repeat(64), "lic",
            List.of("LICENSE.txt"), List.of("A et al.", "B et al."),
            Map.of("wm.nii.gz", new AtlasMetadata.FileEntry("a".repeat(64), "x/wm.nii"),
                "gm.nii.gz", new AtlasMetadata.FileEntry("b".repeat(64), null)));
        Path f = tmp.resolve("atlas.json");
        m.write(f);
        assertThat(AtlasMetadata.read(f)).isEqualTo(m);
        assertThat(Files.readString(f)).contains("\"format_version\" : 1").doesNotContain("null");
        // Files are written sorted, so the text is deterministic.
        assertThat(Files.readString(f).indexOf("gm.nii.gz")).isLessThan(Files.readString(f).indexOf("wm.nii.gz"));
        AtlasMetadata minimal = new AtlasMetadata("only", null, null, null, null, null, null, null, null, null);
        minimal.write(f);
        assertThat(AtlasMetadata.read(f)).isEqualTo(minimal);
        assertThat(AtlasMetadata.readIfPresent(tmp)).contains(minimal);
        assertThat(AtlasMetadata.readIfPresent(tmp.resolve("none"))).isEmpty();
    }

    @Test
    void invalidDescriptionsAreRefusedNamingTheFile() throws Exception {
        Path f = tmp.resolve("atlas.json");
        String[][] cases = {
            {"{", "not valid JSON"},
            {"[]", "must hold a JSON object"},
            {"{\"version\": \"1\"}", "\"name\" is missing"},
            {"{\"name\": 3}", "\"name\" must be a string"},
            {"{\"name\": \"a\", \"format_version\": 2}", "newer than this Plaque reads"},
            {"{\"name\": \"a\", \"citations\": \"x\"}", "\"citations\" must be a list of strings"},
            {"{\"name\": \"a\", \"files\": {\"t1.nii.gz\": {\"sha256\": \"xyz\"}}}", "64 lower-case hex digits"},
        };
        for (String[] c : cases) {
            Files.writeString(f, c[0]);
            assertThatThrownBy(() -> AtlasMetadata.read(f)).as(c[0]).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(f.toString()).hasMessageContaining(c[1])
                .hasMessageContaining("atlas.json is optional");
        }
        Files.writeString(f, "{\"name\": \"a\", \"unknown_key\": [1, 2]}");
        assertThat(AtlasMetadata.read(f).name()).isEqualTo("a");
    }
}

package org.plaque.pipeline.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.pipeline.testing.AtlasFixtures;

/** Entry-name checks and selective unpacking. */
class SafeUnzipTest {
    @TempDir
    Path tmp;

    @Test
    void safeNamesStayInsideAndUnsafeOnesAreRefused() {
        Path root = tmp.resolve("root").toAbsolutePath();
        assertThat(SafeUnzip.safeTarget(root, "a/b/c.nii", "z")).isEqualTo(root.resolve("a/b/c.nii"));
        assertThat(SafeUnzip.safeTarget(root, "a/./b/c.nii", "z")).isEqualTo(root.resolve("a/b/c.nii"));
        assertThat(SafeUnzip.safeTarget(root, "a..b/c", "z")).isEqualTo(root.resolve("a..b/c"));
        // Any ".." segment is refused, even one that would stay inside: no legitimate archive needs it.
        for (String bad : new String[] {"a/b/../c.nii", "../x", "a/../../x", "/etc/passwd", "\\x", "..\\x", "C:x", "a/..",
            "a\0b", ""}) {
            assertThatThrownBy(() -> SafeUnzip.safeTarget(root, bad, "z.zip")).as(bad)
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("z.zip: entry '")
                .hasMessageContaining("zip slip");
        }
    }

    @Test
    void unpacksOnlyWantedFilesKeepingFolders() throws Exception {
        Path zip = AtlasFixtures.zipEntries(tmp.resolve("a.zip"), new String[] {"top/t1.nii", "top/notes.pdf",
            "top/sub/LICENSE"}, new byte[][] {{1}, {2}, "l".getBytes(StandardCharsets.UTF_8)});
        Path dest = Files.createDirectories(tmp.resolve("out"));
        var written = SafeUnzip.extract(zip, dest, InstallLimits.DEFAULT, SourceLayout::isWanted, "a.zip");
        assertThat(written).containsExactlyInAnyOrder(dest.resolve("top/t1.nii").toAbsolutePath(),
            dest.resolve("top/sub/LICENSE").toAbsolutePath());
        assertThat(dest.resolve("top/notes.pdf")).doesNotExist();
        assertThat(dest.resolve("top/sub/LICENSE")).hasContent("l");
    }

    @Test
    void nonZipFilesAreNamedAsSuch() throws Exception {
        Path f = Files.writeString(tmp.resolve("x.zip"), "PK but not really a zip archive at all");
        Path dest = Files.createDirectories(tmp.resolve("out"));
        assertThatThrownBy(() -> SafeUnzip.extract(f, dest, InstallLimits.DEFAULT, n -> true, "x.zip"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("neither a folder nor a zip archive");
        byte[] truncated = new byte[] {'P', 'K', 3, 4, 0, 0};
        Files.write(f, truncated);
        assertThatThrownBy(() -> SafeUnzip.extract(f, dest, InstallLimits.DEFAULT, n -> true, "x.zip"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a readable zip archive");
    }
}

package org.plaque.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private Stream<Path> listing() throws IOException {
        return Files.list(dir);
    }

    @Test
    void writesTheContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFiles.write(target, out -> out.write("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(target)).isEqualTo("hello");
        try (Stream<Path> s = listing()) {
            assertThat(s).containsExactly(target);
        }
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old content that is longer");
        AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void aWriterFailingMidwayLeavesNeitherTargetNorTemporaryFile() throws IOException {
        Path target = dir.resolve("out.bin");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk on fire");
        })).isInstanceOf(IOException.class).hasMessage("disk on fire");
        try (Stream<Path> s = listing()) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void aFailureKeepsTheOldTargetIntact() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "precious");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(target)).isEqualTo("precious");
        try (Stream<Path> s = listing()) {
            assertThat(s).containsExactly(target);
        }
    }

    @Test
    void closingTheStreamInsideTheWriterIsHarmless() throws IOException {
        Path target = dir.resolve("closed.txt");
        AtomicFiles.write(target, out -> {
            out.write('a');
            out.close();
        });
        assertThat(Files.readString(target)).isEqualTo("a");
    }

    @Test
    void aMissingFolderIsAnIoErrorAndCreatesNothing() {
        Path target = dir.resolve("no-such-folder").resolve("x.txt");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1))).isInstanceOf(IOException.class);
        assertThat(Files.exists(target.getParent())).isFalse();
    }

    @Test
    void aTargetThatIsAFolderIsRefusedAndTheTemporaryFileRemoved() throws IOException {
        Path target = dir.resolve("sub");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1))).isInstanceOf(IOException.class);
        try (Stream<Path> s = listing()) {
            assertThat(s).containsExactly(target);
        }
    }
}

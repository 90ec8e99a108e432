package org.plaque.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of result files written into one folder as a unit: each file is written atomically, and if the run
 * fails before {@link #commit()}, {@link #close()} deletes every file this run wrote (and the folder, if
 * the run created it), so a failed run leaves nothing half-written behind.
 *
 * <pre>{@code
 * try (OutputDirectory dir = OutputDirectory.open(out)) {
 *     dir.write("a.txt", o -> o.write(bytes));
 *     dir.commit();
 * }
 * }</pre>
 */
public final class OutputDirectory implements AutoCloseable {
    private final Path root;
    private final Path createdRoot;
    private final List<Path> written = new ArrayList<>();
    private final List<Path> createdDirs = new ArrayList<>();
    private boolean committed;

    private OutputDirectory(Path root, Path createdRoot) {
        this.root = root;
        this.createdRoot = createdRoot;
    }

    /**
     * Opens (creating if needed) the folder {@code root}.
     *
     * @throws IOException if it exists and is not a folder, or cannot be created
     */
    public static OutputDirectory open(Path root) throws IOException {
        Path created = null;
        if (!Files.exists(root)) {
            Path top = root.toAbsolutePath();
            while (top.getParent() != null && !Files.exists(top.getParent())) {
                top = top.getParent();
            }
            Files.createDirectories(root);
            created = top;
        } else if (!Files.isDirectory(root)) {
            throw new IOException(root + " exists and is not a folder");
        }
        return new OutputDirectory(root, created);
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** Resolves a relative name inside the folder, creating its parent folders (removed again on failure). */
    public Path resolve(String relative) throws IOException {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root.normalize())) {
            throw new IllegalArgumentException("output name escapes the folder: " + relative);
        }
        Path parent = p.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            createdDirs.add(parent);
        }
        return p;
    }

    /** Writes one file atomically and remembers it for rollback. */
    public Path write(String relative, AtomicFiles.StreamWriter writer) throws IOException {
        Path p = resolve(relative);
        AtomicFiles.write(p, writer);
        written.add(p);
        return p;
    }

    /**
     * Remembers a file written into the folder by other code (which must itself write atomically), so that
     * it is removed on rollback.
     */
    public Path track(String relative) throws IOException {
        Path p = resolve(relative);
        written.add(p);
        return p;
    }

    /** Marks the run as successful: {@link #close()} keeps everything. */
    public void commit() {
        committed = true;
    }

    /** Deletes what this run wrote unless {@link #commit()} was called. */
    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        for (Path p : written) {
            Files.deleteIfExists(p);
        }
        for (int i = createdDirs.size() - 1; i >= 0; i--) {
            deleteIfEmpty(createdDirs.get(i));
        }
        if (createdRoot != null) {
            Path p = root.toAbsolutePath();
            while (p != null && p.startsWith(createdRoot)) {
                deleteIfEmpty(p);
                p = p.getParent();
            }
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }
}

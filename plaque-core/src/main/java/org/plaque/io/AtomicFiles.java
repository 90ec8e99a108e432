package org.plaque.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Atomic file writes: content goes to a temporary file in the target's folder, is flushed to disk
 * ({@code fsync}) and then renamed over the target in one step ({@link StandardCopyOption#ATOMIC_MOVE}).
 *
 * <p>All of Plaque's outputs are written through this class, so readers of the target (and a rerun after
 * a crash) see either the previous file or the complete new one, never a partial one. On any failure —
 * the writer throws, the disk fills, the rename is refused — the temporary file is deleted and an existing
 * target is left untouched. The temporary file is named {@code .<target name>.<random>.tmp} and is
 * created with the process's default permissions (not the owner-only permissions of
 * {@link Files#createTempFile}), so the result has the permissions of any newly created file. The
 * target's folder must exist; it is not created.
 */
public final class AtomicFiles {
    /** Large enough that the per-call overhead of the channel is negligible for voxel data. */
    private static final int BUFFER_BYTES = 1 << 20;

    private AtomicFiles() {
    }

    /** Produces a file's content; the stream it gets is buffered and must not be kept after returning. */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * Writes the whole content to {@code out}. Closing {@code out} is allowed and has no effect: the
         * file is completed and closed by {@link AtomicFiles#write}.
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically with the content produced by {@code writer}.
     *
     * @throws IOException if writing, syncing or renaming fails (then neither a temporary file nor a
     *     partial target remains; an existing target keeps its old content); exceptions thrown by
     *     {@code writer} propagate unchanged after the same clean-up
     */
    public static void write(Path target, StreamWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = createTemp(dir, absolute.getFileName().toString());
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
                writer.write(new UncloseableOutputStream(buffered));
                buffered.flush();
                channel.force(true);
            }
            move(temp, absolute);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
        syncDirectory(dir);
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this only happens on exotic file systems; say so rather than fall back to a
            // non-atomic copy that would break the guarantee.
            throw new IOException("cannot replace " + target + " atomically on this file system", e);
        }
    }

    /** Makes the rename itself durable; not every platform can open a folder, which is harmless. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file content is already durable; only the folder entry may be lost on a power cut.
        }
    }

    /** Lets writers wrap the stream (e.g. in a gzip stream) and close it without closing the file early. */
    private static final class UncloseableOutputStream extends FilterOutputStream {
        UncloseableOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}

package org.plaque.io.nifti;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.plaque.InvalidInputException;

/**
 * The decompressed byte stream of a {@code .nii} or {@code .nii.gz} file. Compression is recognised from
 * the content (the gzip magic bytes 1f 8b), not the file name. Gzip failures (bad header, corrupt deflate
 * data, bad CRC or length, truncated stream) become {@link InvalidInputException}s; other I/O errors
 * become {@link UncheckedIOException}s.
 */
final class NiftiInput implements AutoCloseable {
    /** Inflater input buffer and read granularity: big enough that per-call costs vanish. */
    static final int BUFFER_BYTES = 1 << 20;

    private final InputStream in;
    private final boolean gzip;
    private final long plainSize;
    private long position;

    private NiftiInput(InputStream in, boolean gzip, long plainSize) {
        this.in = in;
        this.gzip = gzip;
        this.plainSize = plainSize;
    }

    /** Opens {@code file}; a missing or unreadable file is an {@link InvalidInputException}. */
    static NiftiInput open(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("is a folder, not a NIfTI file");
        }
        InputStream raw = null;
        try {
            raw = Files.newInputStream(file);
            // Peek at the first two bytes without reopening, so that pipes and special files work too.
            PushbackInputStream peek = new PushbackInputStream(raw, 2);
            byte[] magic = peek.readNBytes(2);
            peek.unread(magic);
            long size = Files.isRegularFile(file) ? Files.size(file) : -1;
            boolean gz = magic.length == 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b;
            if (!gz) {
                return new NiftiInput(peek, false, size);
            }
            try {
                return new NiftiInput(new GZIPInputStream(peek, BUFFER_BYTES), true, -1);
            } catch (ZipException | EOFException e) {
                raw.close();
                throw corrupt(e);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException("cannot be read (permission denied)");
        } catch (IOException e) {
            closeQuietly(raw);
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the content is gzip-compressed. */
    boolean gzip() {
        return gzip;
    }

    /** Size of an uncompressed regular file in bytes, or −1 when unknown before reading (gzip, pipes). */
    long plainSize() {
        return plainSize;
    }

    /** Bytes consumed so far (decompressed). */
    long position() {
        return position;
    }

    /** Reads up to {@code len} bytes, fewer only at the end of the content; returns the count. */
    int read(byte[] buf, int off, int len) {
        try {
            int n = in.readNBytes(buf, off, len);
            position += n;
            return n;
        } catch (ZipException | EOFException e) {
            throw corrupt(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips up to {@code n} bytes, fewer only at the end of the content; returns the count skipped. */
    long skip(long n, byte[] scratch) {
        if (plainSize >= 0) {
            // Uncompressed files: move the file position instead of reading the bytes.
            long can = Math.max(0, Math.min(n, plainSize - position));
            try {
                in.skipNBytes(can);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            position += can;
            return can;
        }
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(scratch.length, n - done);
            int got = read(scratch, 0, want);
            done += got;
            if (got < want) {
                break;
            }
        }
        return done;
    }

    private static InvalidInputException corrupt(IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new InvalidInputException("corrupt or truncated gzip stream (" + why + ")", e);
    }

    private static void closeQuietly(InputStream s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.plaque.io.nifti;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running {@code nibabel_dump.py} process (see src/test/resources/oracle) that answers "what does
 * nibabel make of this file": affine, qform, shape and voxel values, streamed so that large images never
 * sit in memory twice.
 *
 * <p>The interpreter is the system property {@code plaque.python}, else the environment variable
 * {@code PLAQUE_PYTHON}, else Debian's {@code /usr/bin/python3} (where the distribution's nibabel lives),
 * else {@code python3} on the PATH.
 */
final class NibabelOracle implements AutoCloseable {
    private final Process process;
    private final OutputStream requests;
    private final InputStream answers;

    private NibabelOracle(Process process) {
        this.process = process;
        this.requests = process.getOutputStream();
        this.answers = process.getInputStream();
    }

    /** Starts the helper script (copied from the test resources to {@code workDir}). */
    static NibabelOracle start(String python, Path workDir) throws IOException {
        Path script = workDir.resolve("nibabel_dump.py");
        try (InputStream in = NibabelOracle.class.getResourceAsStream("/oracle/nibabel_dump.py")) {
            if (in == null) {
                throw new IllegalStateException("test resource /oracle/nibabel_dump.py missing");
            }
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder(python, script.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new NibabelOracle(p);
    }

    /** Asks for {@code file}; the answer must then be read with {@link #answer()}. */
    void request(Path file) {
        try {
            requests.write(("dump " + file.toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer to the oldest pending request: its metadata, with the voxel values still to stream. */
    Answer answer() throws IOException {
        ByteBuffer head = ByteBuffer.wrap(readFully(4)).order(ByteOrder.LITTLE_ENDIAN);
        int status = head.getInt();
        if (status != 0) {
            int len = ByteBuffer.wrap(readFully(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return new Answer(new String(readFully(len), StandardCharsets.UTF_8), 0, null, null, null);
        }
        ByteBuffer meta = ByteBuffer.wrap(readFully(4 + 24 + 256)).order(ByteOrder.LITTLE_ENDIAN);
        int volumes = meta.getInt();
        long[] size = {meta.getLong(), meta.getLong(), meta.getLong()};
        double[] affine = new double[16];
        double[] qform = new double[16];
        meta.asDoubleBuffer().get(affine).get(qform);
        return new Answer(null, volumes, size, affine, qform);
    }

    /**
     * Streams the voxel values of the last successful answer: {@code consumer} receives consecutive
     * chunks starting at voxel index {@code from}.
     */
    void streamValues(long count, ChunkConsumer consumer) throws IOException {
        byte[] buf = new byte[1 << 23];
        double[] values = new double[buf.length / 8];
        long done = 0;
        while (done < count) {
            int n = (int) Math.min(values.length, count - done);
            int got = answers.readNBytes(buf, 0, n * 8);
            if (got < n * 8) {
                throw new IOException("nibabel helper stopped after " + (done + got / 8) + " of " + count + " values");
            }
            DoubleBuffer db = ByteBuffer.wrap(buf, 0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
            db.get(values, 0, n);
            consumer.accept(values, n, done);
            done += n;
        }
    }

    /** Receives one chunk of nibabel's values. */
    interface ChunkConsumer {
        void accept(double[] values, int count, long from);
    }

    private byte[] readFully(int n) throws IOException {
        byte[] b = answers.readNBytes(n);
        if (b.length < n) {
            throw new IOException("nibabel helper ended its output early (exit code "
                + (process.isAlive() ? "running" : process.exitValue()) + ")");
        }
        return b;
    }

    /**
     * nibabel's view of one file.
     *
     * @param error nibabel's error message, or null when it loaded the file
     * @param volumes number of volumes along dims 4..7
     * @param size nx, ny, nz
     * @param affine {@code img.affine}, row-major
     * @param qform {@code header.get_qform()}, row-major (NaN when not computable)
     */
    record Answer(String error, int volumes, long[] size, double[] affine, double[] qform) {
        long voxels() {
            return size[0] * size[1] * size[2];
        }
    }

    @Override
    public void close() throws IOException {
        try {
            requests.write('\n');
            requests.close();
        } catch (IOException e) {
            // the process is gone already
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

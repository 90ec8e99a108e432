package org.plaque.lesion;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;

/**
 * TEMPORARY test-only NIfTI mask reader: Plaque's own NiftiReader is written in parallel and is not on
 * this branch yet, so real-data tests read masks through nibabel in Debian's Python. <b>The integrator
 * should replace every use with {@code NiftiReader} and delete this class.</b>
 *
 * <p>One Python process streams all requested files: per file a header line
 * {@code OK nx ny nz a00 … a23} (the RAS+ affine nibabel reports, first three rows) followed by
 * nx·ny·nz bytes, 1 where the stored value is &gt; 0.5 (the MANIFEST's mask definition), x fastest.
 * The interpreter is {@code /usr/bin/python3} (Debian's, which has nibabel) unless the system property
 * {@code plaque.test.python} names another.
 */
public final class TemporaryNibabelMaskReader {
    private static final String DUMP = String.join("\n",
        "import sys",
        "import numpy as np",
        "import nibabel as nib",
        "out = sys.stdout.buffer",
        "for p in sys.argv[1:]:",
        "    img = nib.load(p)",
        "    d = np.asanyarray(img.dataobj)",
        "    d = d.reshape(d.shape[:3])",
        "    m = (d > 0.5).astype(np.uint8)",
        "    a = img.affine[:3, :].ravel()",
        "    head = 'OK %d %d %d ' % m.shape + ' '.join(repr(float(v)) for v in a)",
        "    out.write((head + '\\n').encode('ascii'))",
        "    out.write(m.tobytes(order='F'))",
        "    out.flush()");

    private TemporaryNibabelMaskReader() {
    }

    /** The Python interpreter used. */
    public static String python() {
        return System.getProperty("plaque.test.python", "/usr/bin/python3");
    }

    /** Whether the interpreter exists and imports nibabel, numpy and scipy. */
    public static boolean available() {
        if (!Files.isExecutable(Path.of(python()))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(python(), "-c", "import nibabel, numpy, scipy")
                .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads each file as a mask (voxels &gt; 0.5) and hands it to {@code consumer}, in order. */
    public static void forEach(List<Path> files, BiConsumer<Path, Mask> consumer) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python(), "-c", DUMP));
        for (Path f : files) {
            cmd.add(f.toString());
        }
        Path err = Files.createTempFile("plaque-nibabel", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(p.getInputStream(), 1 << 20))) {
                for (Path f : files) {
                    String head = readLine(in);
                    if (head == null || !head.startsWith("OK ")) {
                        p.waitFor(30, TimeUnit.SECONDS);
                        throw new IOException("nibabel could not read " + f + ": " + Files.readString(err).strip());
                    }
                    String[] t = head.substring(3).trim().split(" ");
                    int nx = Integer.parseInt(t[0]);
                    int ny = Integer.parseInt(t[1]);
                    int nz = Integer.parseInt(t[2]);
                    double[] a = new double[12];
                    for (int k = 0; k < 12; k++) {
                        a[k] = Double.parseDouble(t[3 + k]);
                    }
                    ImageGeometry g = ImageGeometry.of(nx, ny, nz, Affine.ofRowMajor(a));
                    Mask.Builder b = Mask.builder(g);
                    boolean[] bits = b.array();
                    byte[] chunk = new byte[1 << 20];
                    int done = 0;
                    while (done < bits.length) {
                        int n = Math.min(chunk.length, bits.length - done);
                        in.readFully(chunk, 0, n);
                        for (int k = 0; k < n; k++) {
                            bits[done + k] = chunk[k] != 0;
                        }
                        done += n;
                    }
                    consumer.accept(f, b.build());
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("nibabel dump failed: " + Files.readString(err).strip());
            }
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Reads one mask. */
    public static Mask read(Path file) throws IOException, InterruptedException {
        Mask[] out = new Mask[1];
        forEach(List.of(file), (f, m) -> out[0] = m);
        return out[0];
    }

    /** Runs a Python script with arguments and returns its standard output (trimmed). */
    public static String runPython(String script, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python(), "-c", script));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("python failed: " + out.strip());
        }
        return out.strip();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.write(c);
        }
        return c < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }
}

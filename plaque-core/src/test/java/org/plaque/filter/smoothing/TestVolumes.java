package org.plaque.filter.smoothing;

import java.util.Random;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

/** Small synthetic volumes for the smoothing tests. */
final class TestVolumes {
    private TestVolumes() {
    }

    /** An oblique, anisotropic grid (so that spacing and geometry handling are exercised). */
    static ImageGeometry obliqueGeometry(int nx, int ny, int nz) {
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        double[] sp = {0.9, 1.1, 1.3};
        return ImageGeometry.of(nx, ny, nz, Affine.ofRowMajor(
            c * sp[0], -s * sp[1], 0, 12.5,
            s * sp[0], c * sp[1], 0, -7.25,
            0, 0, sp[2], 3.0));
    }

    /** Smooth blobs plus Gaussian noise (seeded), values roughly in [0, 200]. */
    static ScalarVolume noisyBlobs(ImageGeometry g, long seed, double noiseSd) {
        Random r = new Random(seed);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        float[] a = b.array();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double dx = (x - nx / 2.0) / nx;
                    double dy = (y - ny / 3.0) / ny;
                    double dz = (z - nz / 2.0) / nz;
                    double v = (dx * dx + dy * dy + dz * dz < 0.08 ? 150 : 60) + 20 * Math.sin(x * 0.7);
                    a[g.index(x, y, z)] = (float) (v + noiseSd * r.nextGaussian());
                }
            }
        }
        return b.build();
    }

    /** A step along x: {@code low} for x &lt; edge, {@code high} from x = edge on. */
    static ScalarVolume stepX(ImageGeometry g, int edge, float low, float high) {
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    b.set(x, y, z, x < edge ? low : high);
                }
            }
        }
        return b.build();
    }

    static double sum(ScalarVolume v) {
        double s = 0;
        for (int i = 0; i < v.geometry().voxelCount(); i++) {
            s += v.get(i);
        }
        return s;
    }
}

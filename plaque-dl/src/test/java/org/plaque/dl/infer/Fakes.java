package org.plaque.dl.infer;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/** Plain-Java stand-ins for networks and small test volumes. */
final class Fakes {
    private Fakes() {
    }

    static ImageGeometry grid(int nx, int ny, int nz) {
        return ImageGeometry.axisAligned(nx, ny, nz, new double[] {1, 1, 1}, new double[] {0, 0, 0});
    }

    static ScalarVolume random(ImageGeometry g, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        float[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-2, 2);
        }
        return b.build();
    }

    /** An ellipsoid filling most of the grid. */
    static Mask ellipsoid(ImageGeometry g) {
        Mask.Builder b = Mask.builder(g);
        double cx = (g.nx() - 1) / 2.0;
        double cy = (g.ny() - 1) / 2.0;
        double cz = (g.nz() - 1) / 2.0;
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double dx = (x - cx) / (0.45 * g.nx());
                    double dy = (y - cy) / (0.45 * g.ny());
                    double dz = (z - cz) / (0.45 * g.nz());
                    b.set(x, y, z, dx * dx + dy * dy + dz * dz <= 1);
                }
            }
        }
        return b.build();
    }

    static int voxels(int[] shape) {
        int v = 1;
        for (int s : shape) {
            v *= s;
        }
        return v;
    }

    /** Returns channel 0 of every patch: the sliding window must then reproduce the input. */
    static float[] identity(float[] batch, int n, int channels, int[] shape) {
        int v = voxels(shape);
        float[] out = new float[n * v];
        for (int b = 0; b < n; b++) {
            System.arraycopy(batch, b * channels * v, out, b * v, v);
        }
        return out;
    }

    static PatchPredictor constant(float value) {
        return (batch, n, channels, shape) -> {
            float[] out = new float[n * voxels(shape)];
            Arrays.fill(out, value);
            return out;
        };
    }

    /** Returns, for every voxel, its x index inside the patch divided by the patch width (not flip-equivariant). */
    static float[] xRamp(float[] batch, int n, int channels, int[] shape) {
        int w = shape[shape.length - 1];
        int v = voxels(shape);
        float[] out = new float[n * v];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (i % w) / w;
        }
        return out;
    }
}

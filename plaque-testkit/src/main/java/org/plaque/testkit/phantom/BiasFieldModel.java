package org.plaque.testkit.phantom;

import java.util.SplittableRandom;
import org.plaque.geom.ImageGeometry;

/**
 * A smooth multiplicative receive-field inhomogeneity: exp of a seeded second-order polynomial of the
 * subject world coordinates, centred so its log has mean 0 over the brain and scaled so that it stays within
 * ×{@value #MIN_GAIN}..×{@value #MAX_GAIN} over the head, like the 20–40 % fields of BrainWeb (Kwan et al.
 * 1999, doi:10.1109/42.816072). Noise is added after the field, as in a magnitude image.
 */
final class BiasFieldModel {
    static final double MAX_GAIN = 1.25;
    static final double MIN_GAIN = 0.8;

    private BiasFieldModel() {
    }

    /**
     * The field on {@code grid}.
     *
     * @param brain brain fraction per voxel (for centring)
     * @param head  whether each voxel is inside the head (for scaling)
     */
    static float[] field(ImageGeometry grid, float[] brain, boolean[] head, SplittableRandom rnd) {
        double[] c = new double[9];
        for (int t = 0; t < c.length; t++) {
            // Second-order terms weaker than first-order ones, as receive profiles are dominated by gradients.
            c[t] = rnd.nextGaussian() * (t < 3 ? 1.0 : 0.6);
        }
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        double[] g = new double[grid.voxelCount()];
        double[] p = new double[3];
        double sum = 0;
        long count = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int idx = i + nx * (j + ny * k);
                    grid.voxelToWorld().apply(i, j, k, p);
                    // Normalised coordinates: about ±1 over the head.
                    double x = p[0] / 90;
                    double y = (p[1] + 18) / 108;
                    double z = (p[2] - 18) / 90;
                    double v = c[0] * x + c[1] * y + c[2] * z + c[3] * x * x + c[4] * y * y + c[5] * z * z
                        + c[6] * x * y + c[7] * x * z + c[8] * y * z;
                    g[idx] = v;
                    if (brain[idx] >= 0.5f) {
                        sum += v;
                        count++;
                    }
                }
            }
        }
        double mean = count == 0 ? 0 : sum / count;
        double hi = 0;
        double lo = 0;
        for (int idx = 0; idx < g.length; idx++) {
            g[idx] -= mean;
            if (head[idx]) {
                hi = Math.max(hi, g[idx]);
                lo = Math.min(lo, g[idx]);
            }
        }
        double scale = Math.min(hi > 0 ? StrictMath.log(MAX_GAIN) / hi : Double.MAX_VALUE,
            lo < 0 ? StrictMath.log(MIN_GAIN) / lo : Double.MAX_VALUE);
        if (scale == Double.MAX_VALUE) {
            scale = 0;
        }
        float[] out = new float[g.length];
        for (int idx = 0; idx < g.length; idx++) {
            out[idx] = (float) StrictMath.exp(g[idx] * scale);
        }
        return out;
    }
}

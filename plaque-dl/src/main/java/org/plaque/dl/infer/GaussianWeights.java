package org.plaque.dl.infer;

import java.util.Arrays;

/**
 * The Gaussian importance map of sliding-window inference: voxels near a patch's centre count more than voxels
 * at its border, where the network sees less context (Isensee et al. 2021, nnU-Net,
 * doi:10.1038/s41592-020-01008-z).
 *
 * <p>The map is separable, {@code w(z, y, x) = g_D(z) g_H(y) g_W(x)} with {@code g_P(i) = exp(-(i - c)^2 /
 * (2 sigma^2))}, centre {@code c = (P - 1) / 2} (so the map is mirror-symmetric also for even sizes) and
 * {@code sigma = P / 8} voxels; an axis of size 1 has weight 1. The map is scaled to a maximum of 1 and then
 * raised to at least {@link #FLOOR}, so that every voxel of a patch keeps a positive weight and the
 * normalising sum of weights is never zero.
 */
public final class GaussianWeights {
    /** Smallest weight (relative to the centre's 1): keeps corner voxels of lone windows defined. */
    public static final float FLOOR = 1e-6f;
    /** sigma as a fraction of the patch size, as in nnU-Net. */
    public static final double SIGMA_FRACTION = 1.0 / 8.0;

    private GaussianWeights() {
    }

    /**
     * The weight map of a patch, shape {D, H, W}, x-fastest ({@code D * H * W} values in [{@link #FLOOR}, 1]).
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static float[] of(int[] shape) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("patch shape must be {D, H, W}, got " + shape.length + " sizes");
        }
        double[] gz = axis(shape[0]);
        double[] gy = axis(shape[1]);
        double[] gx = axis(shape[2]);
        double max = maxOf(gz) * maxOf(gy) * maxOf(gx);
        float[] w = new float[shape[0] * shape[1] * shape[2]];
        int i = 0;
        for (double z : gz) {
            for (double y : gy) {
                for (double x : gx) {
                    w[i++] = (float) Math.max(z * y * x / max, FLOOR);
                }
            }
        }
        return w;
    }

    /** Uniform weights of the same shape (for comparing against plain averaging). */
    public static float[] uniform(int[] shape) {
        float[] w = new float[shape[0] * shape[1] * shape[2]];
        Arrays.fill(w, 1f);
        return w;
    }

    private static double[] axis(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("patch sizes must be positive, got " + size);
        }
        double[] g = new double[size];
        if (size == 1) {
            g[0] = 1;
            return g;
        }
        double sigma = size * SIGMA_FRACTION;
        double centre = (size - 1) / 2.0;
        for (int i = 0; i < size; i++) {
            double d = i - centre;
            g[i] = Math.exp(-d * d / (2 * sigma * sigma));
        }
        return g;
    }

    private static double maxOf(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}

package org.plaque.registration.pyramid;

import java.util.ArrayList;
import java.util.List;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

/**
 * Builds the levels of a {@link PyramidSchedule}: Gaussian smoothing and subsampling done together, axis by
 * axis. A coarse voxel at continuous input index c takes {@code Σⱼ G(j − c) I(j) / Σⱼ G(j − c)} over input
 * voxels j within 4 σ (σ in voxels of that axis; weights renormalised at the border, a zero-flux
 * boundary). With σ below a tenth of a voxel the value is linearly interpolated instead, so an unsmoothed
 * full-resolution level is an exact copy.
 *
 * <p>A level keeps the image's world extent: the coarse grid has {@code max(1, ⌊n/f⌋)} voxels of f input
 * voxels each, centred on the input grid. Output is identical for any thread count. The input is not
 * modified.
 */
public final class ImagePyramid {
    private static final double MIN_SIGMA_VOXELS = 0.1;
    private static final double TRUNCATE_SIGMAS = 4;

    private ImagePyramid() {
    }

    /** All levels of {@code schedule}, coarsest first. */
    public static List<ScalarVolume> build(ScalarVolume image, PyramidSchedule schedule, ExecutionContext ctx) {
        List<ScalarVolume> out = new ArrayList<>(schedule.levels());
        for (int l = 0; l < schedule.levels(); l++) {
            out.add(level(image, schedule.shrink(l), schedule.sigmaMm(l), ctx));
        }
        return out;
    }

    /** The per-axis shrink factors a level with {@code factor} uses on {@code g} (see {@link PyramidSchedule}). */
    public static int[] axisFactors(ImageGeometry g, int factor) {
        double[] s = g.spacingMm();
        double min = Math.min(s[0], Math.min(s[1], s[2]));
        int[] n = g.size();
        int[] f = new int[3];
        for (int a = 0; a < 3; a++) {
            int fa = (int) Math.max(1, Math.round(factor * min / s[a]));
            fa = Math.min(fa, factor);
            fa = Math.min(fa, Math.max(1, n[a] / 4));
            f[a] = fa;
        }
        return f;
    }

    /** The grid of a level with {@code factor} on {@code g}. */
    public static ImageGeometry levelGrid(ImageGeometry g, int factor) {
        int[] f = axisFactors(g, factor);
        int[] n = g.size();
        int[] m = new int[3];
        double[] c0 = new double[3];
        for (int a = 0; a < 3; a++) {
            m[a] = Math.max(1, n[a] / f[a]);
            c0[a] = ((n[a] - 1) - (double) (m[a] - 1) * f[a]) / 2;
        }
        Affine s = Affine.ofRowMajor(f[0], 0, 0, c0[0], 0, f[1], 0, c0[1], 0, 0, f[2], c0[2]);
        return ImageGeometry.of(m[0], m[1], m[2], g.voxelToWorld().multiply(s));
    }

    /** One level: {@code image} smoothed by {@code sigmaMm} and resampled on {@link #levelGrid}. */
    public static ScalarVolume level(ScalarVolume image, int factor, double sigmaMm, ExecutionContext ctx) {
        ImageGeometry g = image.geometry();
        ImageGeometry out = levelGrid(g, factor);
        if (out.equals(g) && sigmaMm == 0) {
            return image;
        }
        int[] f = axisFactors(g, factor);
        int[] n = g.size();
        int[] m = out.size();
        double[] sp = g.spacingMm();
        Kernel[] k = new Kernel[3];
        for (int a = 0; a < 3; a++) {
            double c0 = ((n[a] - 1) - (double) (m[a] - 1) * f[a]) / 2;
            k[a] = new Kernel(n[a], m[a], c0, f[a], sigmaMm / sp[a]);
        }
        float[] src = image.toArray();
        // x: (n0, n1, n2) → (m0, n1, n2); y: → (m0, m1, n2); z: → (m0, m1, m2)
        float[] ax = k[0].identity ? src : alongX(src, n[0], n[1] * n[2], k[0], ctx);
        float[] ay = k[1].identity ? ax : alongStride(ax, m[0], n[1], n[2], k[1], ctx);
        float[] az = k[2].identity ? ay : alongStride(ay, m[0] * m[1], n[2], 1, k[2], ctx);
        return ScalarVolume.of(out, az);
    }

    private static float[] alongX(float[] in, int nx, int lines, Kernel k, ExecutionContext ctx) {
        int mx = k.outSize;
        float[] out = new float[mx * lines];
        ctx.parallelFor(lines, (from, to) -> {
            for (int line = from; line < to; line++) {
                int ib = line * nx;
                int ob = line * mx;
                for (int o = 0; o < mx; o++) {
                    int s = k.start[o];
                    int wb = k.offset[o];
                    double acc = 0;
                    for (int t = 0; t < k.length[o]; t++) {
                        acc += k.weights[wb + t] * in[ib + s + t];
                    }
                    out[ob + o] = (float) acc;
                }
            }
        });
        return out;
    }

    /**
     * Resamples along an axis of length {@code n} whose voxels are {@code stride} apart, for {@code outer}
     * blocks of {@code stride·n} values (y: stride = row length, outer = slices; z: stride = slice size,
     * outer = 1). Rows of {@code stride} contiguous values are combined, which keeps memory access linear.
     */
    private static float[] alongStride(float[] in, int stride, int n, int outer, Kernel k, ExecutionContext ctx) {
        int m = k.outSize;
        float[] out = new float[stride * m * outer];
        ctx.parallelFor(outer * m, (from, to) -> {
            double[] acc = new double[stride];
            for (int job = from; job < to; job++) {
                int b = job / m;
                int o = job % m;
                java.util.Arrays.fill(acc, 0);
                int s = k.start[o];
                int wb = k.offset[o];
                for (int t = 0; t < k.length[o]; t++) {
                    double w = k.weights[wb + t];
                    int ib = (b * n + s + t) * stride;
                    for (int x = 0; x < stride; x++) {
                        acc[x] += w * in[ib + x];
                    }
                }
                int ob = (b * m + o) * stride;
                for (int x = 0; x < stride; x++) {
                    out[ob + x] = (float) acc[x];
                }
            }
        });
        return out;
    }

    /** Normalised weights of every output position along one axis. */
    private static final class Kernel {
        final int outSize;
        final int[] start;
        final int[] length;
        final int[] offset;
        final double[] weights;
        final boolean identity;

        Kernel(int n, int m, double c0, int f, double sigmaVoxels) {
            this.outSize = m;
            this.start = new int[m];
            this.length = new int[m];
            this.offset = new int[m];
            boolean gaussian = sigmaVoxels >= MIN_SIGMA_VOXELS;
            int radius = gaussian ? (int) Math.ceil(TRUNCATE_SIGMAS * sigmaVoxels) : 1;
            double[] w = new double[m * (2 * radius + 2)];
            int used = 0;
            boolean id = m == n && !gaussian && c0 == 0;
            for (int o = 0; o < m; o++) {
                double c = c0 + (double) o * f;
                offset[o] = used;
                if (gaussian) {
                    int lo = Math.max(0, (int) Math.ceil(c - radius));
                    int hi = Math.min(n - 1, (int) Math.floor(c + radius));
                    double sum = 0;
                    for (int j = lo; j <= hi; j++) {
                        double d = (j - c) / sigmaVoxels;
                        double v = Math.exp(-0.5 * d * d);
                        w[used + j - lo] = v;
                        sum += v;
                    }
                    for (int j = lo; j <= hi; j++) {
                        w[used + j - lo] /= sum;
                    }
                    start[o] = lo;
                    length[o] = hi - lo + 1;
                } else {
                    int j0 = (int) Math.floor(c);
                    double frac = c - j0;
                    if (frac < 1e-9 || j0 >= n - 1) {
                        start[o] = Math.min(j0, n - 1);
                        length[o] = 1;
                        w[used] = 1;
                    } else {
                        start[o] = j0;
                        length[o] = 2;
                        w[used] = 1 - frac;
                        w[used + 1] = frac;
                    }
                }
                used += length[o];
            }
            this.weights = w;
            this.identity = id;
        }
    }
}

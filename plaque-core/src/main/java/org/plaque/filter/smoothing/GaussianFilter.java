package org.plaque.filter.smoothing;

import java.util.Arrays;
import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

/**
 * Separable Gaussian smoothing with a sampled, normalised kernel: the linear reference smoother (and the
 * window of the SSIM image-quality index).
 *
 * <p>Along each axis the kernel is {@code exp(−(k·spacing)² / (2σ²))} for {@code |k| ≤ ceil(3σ / spacing)},
 * normalised to sum 1; edge voxels are replicated (zero-flux border, so a constant image stays constant).
 * An axis whose sigma is 0 is left alone. Sums in double precision; rows split over threads, output
 * bit-identical for every thread count.
 */
public final class GaussianFilter implements Denoiser {
    private final Params params;

    /**
     * Settings of the filter.
     *
     * @param sigmaMm standard deviation per voxel axis in mm (x, y, z), each finite and ≥ 0
     */
    public record Params(double[] sigmaMm) {
        /** Defaults: 1 mm on every axis. */
        public static final Params DEFAULTS = isotropic(1.0);

        /** @throws IllegalArgumentException if a sigma is negative, non-finite, or not three of them */
        public Params {
            if (sigmaMm == null || sigmaMm.length != 3) {
                throw new IllegalArgumentException("sigma needs three values (x, y, z) in mm");
            }
            sigmaMm = sigmaMm.clone();
            for (double s : sigmaMm) {
                if (!(s >= 0) || !Double.isFinite(s)) {
                    throw new IllegalArgumentException("sigma must be finite and >= 0 mm, got " + Arrays.toString(sigmaMm));
                }
            }
        }

        /** The same sigma on every axis. */
        public static Params isotropic(double sigmaMm) {
            return new Params(new double[] {sigmaMm, sigmaMm, sigmaMm});
        }

        @Override
        public double[] sigmaMm() {
            return sigmaMm.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Params p && Arrays.equals(sigmaMm, p.sigmaMm);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sigmaMm);
        }

        @Override
        public String toString() {
            return "Params[sigmaMm=" + Arrays.toString(sigmaMm) + "]";
        }
    }

    /** A filter with the given settings. */
    public GaussianFilter(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public Params params() {
        return params;
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public Filtered run(ScalarVolume input, ExecutionContext ctx) {
        return Filtered.of(ScalarVolume.of(input.geometry(), smooth(input.toArray(), input.geometry(), ctx)));
    }

    /** Smooths a copy of {@code data} (x-fastest on {@code geometry}); returns the smoothed array. */
    float[] smooth(float[] data, ImageGeometry geometry, ExecutionContext ctx) {
        double[] sp = geometry.spacingMm();
        int[] size = geometry.size();
        float[] cur = data.clone();
        float[] tmp = new float[cur.length];
        double[] sigma = params.sigmaMm;
        for (int axis = 0; axis < 3; axis++) {
            if (sigma[axis] == 0 || size[axis] == 1) {
                continue;
            }
            double[] k = kernel(sigma[axis], sp[axis]);
            pass(cur, tmp, size, axis, k, ctx);
            float[] t = cur;
            cur = tmp;
            tmp = t;
        }
        return cur;
    }

    /** Normalised sampled Gaussian with radius ceil(3σ / spacing). */
    static double[] kernel(double sigmaMm, double spacingMm) {
        int r = (int) Math.ceil(3 * sigmaMm / spacingMm);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double d = i * spacingMm;
            k[i + r] = Math.exp(-d * d / (2 * sigmaMm * sigmaMm));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static void pass(float[] in, float[] out, int[] size, int axis, double[] k, ExecutionContext ctx) {
        int nx = size[0];
        int ny = size[1];
        int nz = size[2];
        int n = size[axis];
        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
        int r = k.length / 2;
        // Lines along the axis, identified by their first voxel.
        int lines = nx * ny * nz / n;
        ctx.parallelFor(lines, (from, to) -> {
            double[] line = new double[n + 2 * r];
            for (int l = from; l < to; l++) {
                int start;
                if (axis == 0) {
                    start = l * nx;
                } else if (axis == 1) {
                    start = (l / nx) * nx * ny + l % nx;
                } else {
                    start = l;
                }
                for (int i = 0; i < n + 2 * r; i++) {
                    int c = Math.max(0, Math.min(n - 1, i - r));
                    line[i] = in[start + c * stride];
                }
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int t = 0; t < k.length; t++) {
                        s += k[t] * line[i + t];
                    }
                    out[start + i * stride] = (float) s;
                }
            }
        });
    }
}

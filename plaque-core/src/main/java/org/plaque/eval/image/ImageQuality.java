package org.plaque.eval.image;

import org.plaque.exec.ExecutionContext;
import org.plaque.filter.smoothing.GaussianFilter;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Full-reference comparisons of two images on the same grid, restricted to a region.
 *
 * <p>Every method throws {@link org.plaque.InvalidInputException} when the images (and region) are not on
 * the same grid, and {@link IllegalArgumentException} for an empty region or a non-positive dynamic range.
 */
public final class ImageQuality {
    /** Wang et al.'s SSIM window: a Gaussian of 1.5 voxels (11 taps per axis at the 3σ radius). */
    public static final double SSIM_SIGMA_VOXELS = 1.5;
    /** SSIM stabilising constants K1, K2 (Wang et al. 2004). */
    public static final double SSIM_K1 = 0.01;
    public static final double SSIM_K2 = 0.03;

    private ImageQuality() {
    }

    /**
     * Mean structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli 2004, doi:10.1109/TIP.2003.819861)
     * over the voxels of {@code region}, with local statistics from a 3-D Gaussian window of
     * {@link #SSIM_SIGMA_VOXELS} voxels per axis (replicated borders) and constants
     * {@code C1 = (0.01 L)², C2 = (0.03 L)²}. 1 for identical images; lower is less similar.
     *
     * @param dynamicRange L, the intensity range of the reference (e.g. its max − min), &gt; 0
     */
    public static double ssim(ScalarVolume reference, ScalarVolume test, Mask region, double dynamicRange,
            ExecutionContext ctx) {
        requireSameGrid(reference, test, region);
        requireRange(dynamicRange);
        double[] sp = reference.geometry().spacingMm();
        GaussianFilter window = new GaussianFilter(new GaussianFilter.Params(new double[] {
            SSIM_SIGMA_VOXELS * sp[0], SSIM_SIGMA_VOXELS * sp[1], SSIM_SIGMA_VOXELS * sp[2]}));
        float[] x = reference.toArray();
        float[] y = test.toArray();
        int n = x.length;
        float[] xx = new float[n];
        float[] yy = new float[n];
        float[] xy = new float[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        var g = reference.geometry();
        ScalarVolume mx = window.apply(reference, ctx);
        ScalarVolume my = window.apply(test, ctx);
        ScalarVolume mxx = window.apply(ScalarVolume.of(g, xx), ctx);
        ScalarVolume myy = window.apply(ScalarVolume.of(g, yy), ctx);
        ScalarVolume mxy = window.apply(ScalarVolume.of(g, xy), ctx);
        double c1 = sq(SSIM_K1 * dynamicRange);
        double c2 = sq(SSIM_K2 * dynamicRange);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!region.get(i)) {
                continue;
            }
            double ux = mx.get(i);
            double uy = my.get(i);
            double vx = Math.max(0, mxx.get(i) - ux * ux);
            double vy = Math.max(0, myy.get(i) - uy * uy);
            double cxy = mxy.get(i) - ux * uy;
            sum += (2 * ux * uy + c1) * (2 * cxy + c2) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
            count++;
        }
        requireNonEmpty(count);
        return sum / count;
    }

    /**
     * Peak signal-to-noise ratio in dB over {@code region}: {@code 10 log10(L² / MSE)}; positive infinity
     * when the images agree exactly there.
     *
     * @param dynamicRange L, the intensity range of the reference, &gt; 0
     */
    public static double psnr(ScalarVolume reference, ScalarVolume test, Mask region, double dynamicRange) {
        requireSameGrid(reference, test, region);
        requireRange(dynamicRange);
        double se = 0;
        int count = 0;
        int n = reference.geometry().voxelCount();
        for (int i = 0; i < n; i++) {
            if (region.get(i)) {
                double d = (double) reference.get(i) - test.get(i);
                se += d * d;
                count++;
            }
        }
        requireNonEmpty(count);
        double mse = se / count;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(dynamicRange * dynamicRange / mse);
    }

    /** Pearson correlation of the two images over {@code region}; NaN when either is constant there. */
    public static double pearson(ScalarVolume a, ScalarVolume b, Mask region) {
        requireSameGrid(a, b, region);
        int n = a.geometry().voxelCount();
        double ma = 0;
        double mb = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (region.get(i)) {
                ma += a.get(i);
                mb += b.get(i);
                count++;
            }
        }
        requireNonEmpty(count);
        ma /= count;
        mb /= count;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            if (region.get(i)) {
                double da = a.get(i) - ma;
                double db = b.get(i) - mb;
                sab += da * db;
                saa += da * da;
                sbb += db * db;
            }
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /**
     * Gradient magnitude per mm from central differences (one-sided at the grid border, via replicated
     * edge voxels: {@code (u[+1] − u[−1]) / (2 · spacing)}).
     */
    public static ScalarVolume gradientMagnitude(ScalarVolume image, ExecutionContext ctx) {
        var g = image.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int nxy = nx * ny;
        double[] sp = g.spacingMm();
        float[] u = image.toArray();
        ScalarVolume.Builder out = ScalarVolume.builder(g);
        float[] o = out.array();
        ctx.parallelFor(nz, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                int zm = z > 0 ? -nxy : 0;
                int zp = z < nz - 1 ? nxy : 0;
                for (int y = 0; y < ny; y++) {
                    int ym = y > 0 ? -nx : 0;
                    int yp = y < ny - 1 ? nx : 0;
                    for (int x = 0; x < nx; x++) {
                        int p = x + nx * (y + ny * z);
                        int xm = x > 0 ? -1 : 0;
                        int xp = x < nx - 1 ? 1 : 0;
                        double gx = (u[p + xp] - u[p + xm]) / (2 * sp[0]);
                        double gy = (u[p + yp] - u[p + ym]) / (2 * sp[1]);
                        double gz = (u[p + zp] - u[p + zm]) / (2 * sp[2]);
                        o[p] = (float) Math.sqrt(gx * gx + gy * gy + gz * gz);
                    }
                }
            }
        });
        return out.build();
    }

    private static void requireSameGrid(ScalarVolume a, ScalarVolume b, Mask region) {
        a.geometry().requireSameGrid(b.geometry(), Tolerance.DEFAULT, "the two images");
        a.geometry().requireSameGrid(region.geometry(), Tolerance.DEFAULT, "image and region");
    }

    private static void requireRange(double dynamicRange) {
        if (!(dynamicRange > 0) || !Double.isFinite(dynamicRange)) {
            throw new IllegalArgumentException("dynamic range must be finite and > 0, got " + dynamicRange);
        }
    }

    private static void requireNonEmpty(int count) {
        if (count == 0) {
            throw new IllegalArgumentException("the region holds no voxel");
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}

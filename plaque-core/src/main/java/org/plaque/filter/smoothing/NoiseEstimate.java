package org.plaque.filter.smoothing;

import org.plaque.image.ScalarVolume;

/**
 * A robust estimate of the standard deviation of additive noise in an image, from pseudo-residuals
 * (Gasser, Sroka &amp; Jennen-Steinmetz 1986, doi:10.1093/biomet/73.3.625; in 3-D as in Coupé et al. 2008,
 * doi:10.1109/TMI.2007.906087).
 *
 * <p>The pseudo-residual of a voxel is {@code ε = √(6/7) · (u − mean of its 6 face neighbours)}: for a
 * locally linear image plus white noise of standard deviation σ it has mean 0 and standard deviation σ.
 * Instead of the mean of ε² (Coupé's estimator), which edges and lesions inflate, this takes
 * {@code σ = 1.4826 · median |ε|}, the normal-consistent median absolute value. Only voxels whose value and
 * six neighbours are all non-zero count, so the zero background of skull-stripped or resampled images
 * does not drag the estimate to 0 (images without such background use every voxel off the grid border).
 * In magnitude MR images the estimate is that of the brain's (approximately Gaussian) noise.
 *
 * <p>Deterministic; O(voxels) time (the median by selection), one float array of that size.
 */
public final class NoiseEstimate {
    /** Factor turning the median absolute value of a zero-mean normal sample into its standard deviation. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private NoiseEstimate() {
    }

    /**
     * The estimated noise standard deviation of {@code image}, in its intensity units; 0 when no voxel has
     * six non-zero neighbours inside the grid (e.g. images thinner than 3 voxels along an axis).
     */
    public static double sigma(ScalarVolume image) {
        int nx = image.geometry().nx();
        int ny = image.geometry().ny();
        int nz = image.geometry().nz();
        if (nx < 3 || ny < 3 || nz < 3) {
            return 0.0;
        }
        int nxy = nx * ny;
        float[] abs = new float[(nx - 2) * (ny - 2) * (nz - 2)];
        int n = 0;
        double c = Math.sqrt(6.0 / 7.0);
        for (int z = 1; z < nz - 1; z++) {
            for (int y = 1; y < ny - 1; y++) {
                for (int x = 1; x < nx - 1; x++) {
                    int p = x + nx * (y + ny * z);
                    float u = image.get(p);
                    float a = image.get(p - 1);
                    float b = image.get(p + 1);
                    float d = image.get(p - nx);
                    float e = image.get(p + nx);
                    float f = image.get(p - nxy);
                    float g = image.get(p + nxy);
                    if (u != 0 && a != 0 && b != 0 && d != 0 && e != 0 && f != 0 && g != 0) {
                        double eps = c * (u - (a + (double) b + d + e + f + g) / 6.0);
                        abs[n++] = (float) Math.abs(eps);
                    }
                }
            }
        }
        if (n == 0) {
            return 0.0;
        }
        return MAD_TO_SIGMA * median(abs, n);
    }

    /** The median of the first n values (mean of the two middle ones for even n); reorders the array. */
    static double median(float[] a, int n) {
        int mid = n / 2;
        float hi = select(a, 0, n - 1, mid);
        if (n % 2 == 1) {
            return hi;
        }
        // After selection every value left of mid is <= a[mid]: the lower middle is their maximum.
        float lo = a[0];
        for (int i = 1; i < mid; i++) {
            lo = Math.max(lo, a[i]);
        }
        return (lo + (double) hi) / 2.0;
    }

    /** Hoare-style quickselect with a median-of-three pivot: the k-th smallest of a[lo..hi]. */
    private static float select(float[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int m = (lo + hi) >>> 1;
            float x = a[lo];
            float y = a[m];
            float z = a[hi];
            float pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}

package org.plaque.report;

import java.util.Arrays;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * A grey-level window: intensities from {@code low} (black) to {@code high} (white).
 *
 * @param low  intensity shown black
 * @param high intensity shown white (&gt; low)
 */
record Window(double low, double high) {
    /** Largest number of voxels looked at to find percentiles (a regular subsample beyond that). */
    private static final int MAX_SAMPLES = 400_000;

    /**
     * The 1st to 99th percentile of {@code v} over {@code region} (or over its non-zero voxels when region
     * is null); a unit window when there is nothing to measure.
     */
    static Window percentiles(ScalarVolume v, Mask region, double lowPct, double highPct) {
        int n = v.geometry().voxelCount();
        int stride = Math.max(1, n / MAX_SAMPLES);
        float[] values = new float[n / stride + 1];
        int k = 0;
        for (int i = 0; i < n; i += stride) {
            float x = v.get(i);
            if (region != null ? region.get(i) : x != 0f) {
                values[k++] = x;
            }
        }
        if (k == 0) {
            return new Window(0, 1);
        }
        Arrays.sort(values, 0, k);
        double lo = values[(int) Math.floor((k - 1) * lowPct / 100)];
        double hi = values[(int) Math.ceil((k - 1) * highPct / 100)];
        return hi > lo ? new Window(lo, hi) : new Window(lo, lo + 1);
    }

    /** A window centred on 0 covering ±the 99th percentile of |v| over {@code region}. */
    static Window symmetric(ScalarVolume v, Mask region) {
        int n = v.geometry().voxelCount();
        int stride = Math.max(1, n / MAX_SAMPLES);
        float[] values = new float[n / stride + 1];
        int k = 0;
        for (int i = 0; i < n; i += stride) {
            if (region == null || region.get(i)) {
                values[k++] = Math.abs(v.get(i));
            }
        }
        if (k == 0) {
            return new Window(-1, 1);
        }
        Arrays.sort(values, 0, k);
        double a = values[(int) Math.ceil((k - 1) * 0.99)];
        return a > 0 ? new Window(-a, a) : new Window(-1, 1);
    }

    /** Grey level 0..255 of {@code x}. */
    int grey(double x) {
        double t = (x - low) / (high - low);
        return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
    }
}

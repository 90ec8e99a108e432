package org.plaque.filter.intensity;

import java.util.Arrays;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Statistics of the finite voxels of an image inside an optional mask, computed in fixed blocks combined in
 * block order, so results do not depend on the thread count.
 */
final class MaskedValues {
    /** Voxels per reduction block: fixed, so the summation order is fixed. */
    private static final int BLOCK = 1 << 15;

    private MaskedValues() {
    }

    /** Checks that {@code mask} (if any) lies on the image's grid. */
    static void requireSameGrid(ScalarVolume image, Mask mask, String what) {
        if (mask != null) {
            image.geometry().requireSameGrid(mask.geometry(), Tolerance.DEFAULT, what);
        }
    }

    static boolean selected(ScalarVolume image, Mask mask, int i) {
        return (mask == null || mask.get(i)) && Float.isFinite(image.get(i));
    }

    /** The selected values, in voxel order. */
    static float[] collect(ScalarVolume image, Mask mask) {
        int n = image.geometry().voxelCount();
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (selected(image, mask, i)) {
                count++;
            }
        }
        float[] out = new float[count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (selected(image, mask, i)) {
                out[k++] = image.get(i);
            }
        }
        return out;
    }

    /**
     * {count, mean, population standard deviation, min, max} of the selected values (two passes); mean and
     * spread are NaN when nothing is selected.
     */
    static double[] summary(ScalarVolume image, Mask mask, ExecutionContext ctx) {
        int n = image.geometry().voxelCount();
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] part = new double[blocks * 4];
        ctx.parallelFor(blocks, (from, to) -> {
            for (int b = from; b < to; b++) {
                double count = 0;
                double sum = 0;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
                    if (selected(image, mask, i)) {
                        float v = image.get(i);
                        count++;
                        sum += v;
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                part[4 * b] = count;
                part[4 * b + 1] = sum;
                part[4 * b + 2] = min;
                part[4 * b + 3] = max;
            }
        });
        double count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < blocks; b++) {
            count += part[4 * b];
            sum += part[4 * b + 1];
            min = Math.min(min, part[4 * b + 2]);
            max = Math.max(max, part[4 * b + 3]);
        }
        double mean = sum / count;
        double[] sq = new double[blocks];
        ctx.parallelFor(blocks, (from, to) -> {
            for (int b = from; b < to; b++) {
                double s = 0;
                for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
                    if (selected(image, mask, i)) {
                        double d = image.get(i) - mean;
                        s += d * d;
                    }
                }
                sq[b] = s;
            }
        });
        double ss = 0;
        for (double s : sq) {
            ss += s;
        }
        return new double[] {count, mean, Math.sqrt(ss / count), min, max};
    }

    /**
     * Percentile p ∈ [0, 100] of sorted values by linear interpolation between order statistics
     * (Hyndman and Fan's definition 7, numpy's default): h = (n − 1)·p/100.
     */
    static double percentile(float[] sorted, double p) {
        double h = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * ((double) sorted[lo + 1] - sorted[lo]);
    }

    static float[] sorted(float[] values) {
        float[] s = values.clone();
        Arrays.sort(s);
        return s;
    }
}

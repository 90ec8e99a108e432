package org.plaque.filter.intensity;

import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Otsu's threshold (Otsu 1979, doi:10.1109/TSMC.1979.4310076): the intensity that splits a histogram into two
 * classes with the largest between-class variance, and the foreground mask above it.
 *
 * <p>Follows ITK 5.2's {@code OtsuThresholdImageFilter} (the automatic mask of the N4 yardstick): {@code bins}
 * equal-width bins from the minimum to the maximum + 1 % of a bin width (ITK's marginal scale 100), class means
 * from bin centres, the first split with the largest variance wins, the threshold is that split's upper bin edge,
 * and the foreground is every voxel strictly above it. Non-finite voxels are ignored. A constant image has no
 * voxel above its threshold (the foreground is empty).
 */
public final class OtsuThreshold {
    /**
     * @param bins number of histogram bins, ≥ 2; default 200 (the N4 yardstick's value)
     */
    public record Params(int bins) {
        /** 200 bins. */
        public static final Params DEFAULTS = new Params(200);

        public Params {
            if (bins < 2) {
                throw new IllegalArgumentException("Otsu needs at least 2 histogram bins, got " + bins);
            }
        }
    }

    private final Params params;

    public OtsuThreshold(Params params) {
        this.params = java.util.Objects.requireNonNull(params, "params");
    }

    /** Otsu with {@link Params#DEFAULTS}. */
    public static OtsuThreshold withDefaults() {
        return new OtsuThreshold(Params.DEFAULTS);
    }

    public Params params() {
        return params;
    }

    /**
     * The threshold of {@code image} (intensity units).
     *
     * @throws InvalidInputException if the image has no finite voxel
     */
    public double threshold(ScalarVolume image, ExecutionContext ctx) {
        int n = image.geometry().voxelCount();
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        ctx.parallelFor(n, (from, to) -> {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                float v = image.get(i);
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            synchronized (range) {
                range[0] = Math.min(range[0], lo);
                range[1] = Math.max(range[1], hi);
            }
        });
        double min = range[0];
        double max = range[1];
        if (!(min <= max)) {
            throw new InvalidInputException("the image has no finite voxel to threshold");
        }
        int bins = params.bins;
        double upper = max + (max - min) / bins / 100.0;
        double width = (upper - min) / bins;
        if (!(width > 0)) {
            return max;
        }
        long[] counts = new long[bins];
        double lo = min;
        ctx.parallelFor(n, (from, to) -> {
            long[] local = new long[bins];
            for (int i = from; i < to; i++) {
                float v = image.get(i);
                if (Float.isFinite(v)) {
                    int b = (int) ((v - lo) / width);
                    local[b >= bins ? bins - 1 : b] += 1;
                }
            }
            synchronized (counts) {
                for (int b = 0; b < bins; b++) {
                    counts[b] += local[b];
                }
            }
        });
        int split = bestSplit(counts, min, width);
        return min + (split + 1) * width;
    }

    /** Voxels strictly above {@link #threshold}. */
    public Mask foreground(ScalarVolume image, ExecutionContext ctx) {
        double t = threshold(image, ctx);
        Mask.Builder b = Mask.builder(image.geometry());
        boolean[] out = b.array();
        ctx.parallelFor(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = image.get(i) > t;
            }
        });
        return b.build();
    }

    /**
     * Index k of the last bin of the lower class, 0 ≤ k ≤ bins − 2, maximising Σ ω_c μ_c² (the between-class
     * variance up to a constant); the first maximum wins.
     */
    static int bestSplit(long[] counts, double min, double width) {
        int bins = counts.length;
        double total = 0;
        double totalMoment = 0;
        for (int b = 0; b < bins; b++) {
            total += counts[b];
            totalMoment += counts[b] * (min + (b + 0.5) * width);
        }
        double w0 = 0;
        double m0 = 0;
        double best = Double.NEGATIVE_INFINITY;
        int bestK = 0;
        for (int k = 0; k <= bins - 2; k++) {
            w0 += counts[k];
            m0 += counts[k] * (min + (k + 0.5) * width);
            double w1 = total - w0;
            double mean0 = w0 > 0 ? m0 / w0 : 0;
            double mean1 = w1 > 0 ? (totalMoment - m0) / w1 : 0;
            double between = (w0 * mean0 * mean0 + w1 * mean1 * mean1) / total;
            if (k == 0 || (between > best && !almostEqual(best, between))) {
                best = between;
                bestK = k;
            }
        }
        return bestK;
    }

    private static boolean almostEqual(double a, double b) {
        return Math.abs(a - b) <= Math.ulp(Math.max(Math.abs(a), Math.abs(b)));
    }
}

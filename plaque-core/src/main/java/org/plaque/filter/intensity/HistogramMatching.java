package org.plaque.filter.intensity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Landmark-based histogram matching (Nyúl and Udupa 1999, doi:10.1002/(SICI)1522-2594(199912)42:6&lt;1072::AID-MRM11&gt;3.0.CO;2-M):
 * maps the source's intensities piecewise linearly so that its histogram quantiles land on the reference's.
 *
 * <p>Semantics of ITK's {@code HistogramMatchingImageFilter} (also behind ANTs' {@code ImageMath HistogramMatch}):
 * <ul>
 *   <li>Each image's minimum, maximum and mean are taken over its finite voxels inside its mask (all voxels when
 *       no mask is given). The histograms start at the mean ({@link LowerLimit#MEAN}, ITK's
 *       ThresholdAtMeanIntensity, which leaves the dark background out) or at the minimum, and end at the
 *       maximum, with {@code histogramLevels} equal-width bins (the first bin stretched down to the minimum).</li>
 *   <li>Landmarks: the lower limit, the quantiles j/(matchPoints + 1) for j = 1…matchPoints (read from the
 *       histogram with linear interpolation inside a bin), and the maximum.</li>
 *   <li>Source values between two landmarks are interpolated linearly between the reference's landmarks; below
 *       the lower limit the segment from (source min, reference min) to the first landmarks is extended; values
 *       at or above the source maximum map to the reference maximum.</li>
 * </ul>
 * Every voxel of the source is mapped (masks only choose the statistics). Defaults are those of the ITK Software
 * Guide's examples (1024 levels, 7 match points, threshold at the mean). Input unchanged, grid kept.
 */
public final class HistogramMatching {
    /** Where the histograms start. */
    public enum LowerLimit {
        /** At the mean intensity (ITK's ThresholdAtMeanIntensity on): background below the mean is left out. */
        MEAN,
        /** At the minimum intensity. */
        MINIMUM
    }

    /**
     * @param histogramLevels bins of each histogram, ≥ 2; default 1024
     * @param matchPoints     quantile landmarks between the lower limit and the maximum, ≥ 1; default 7
     * @param lowerLimit      where the histograms start; default {@link LowerLimit#MEAN}
     */
    public record Params(int histogramLevels, int matchPoints, LowerLimit lowerLimit) {
        /** 1024 levels, 7 match points, histograms from the mean intensity. */
        public static final Params DEFAULTS = new Params(1024, 7, LowerLimit.MEAN);

        public Params {
            if (histogramLevels < 2) {
                throw new IllegalArgumentException("histogram levels must be >= 2, got " + histogramLevels);
            }
            if (matchPoints < 1) {
                throw new IllegalArgumentException("match points must be >= 1, got " + matchPoints);
            }
            Objects.requireNonNull(lowerLimit, "lowerLimit");
        }
    }

    /**
     * @param matched            the source with its intensities mapped
     * @param sourceLandmarks    the source's landmarks (lower limit, quantiles, maximum), intensity units
     * @param referenceLandmarks the reference's landmarks, same order
     */
    public record Result(ScalarVolume matched, List<Double> sourceLandmarks, List<Double> referenceLandmarks) {
        public Result {
            sourceLandmarks = List.copyOf(sourceLandmarks);
            referenceLandmarks = List.copyOf(referenceLandmarks);
        }
    }

    private final Params params;

    public HistogramMatching(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public static HistogramMatching withDefaults() {
        return new HistogramMatching(Params.DEFAULTS);
    }

    public Params params() {
        return params;
    }

    /** Matches {@code source} to {@code reference} using all their voxels. */
    public Result apply(ScalarVolume source, ScalarVolume reference, ExecutionContext ctx) {
        return apply(source, null, reference, null, ctx);
    }

    /**
     * Matches {@code source} to {@code reference}; the statistics of each come from its voxels inside its mask
     * (null = all voxels). The two images may lie on different grids.
     *
     * @throws InvalidInputException if a mask is on another grid than its image or selects no finite voxel
     */
    public Result apply(ScalarVolume source, Mask sourceMask, ScalarVolume reference, Mask referenceMask,
                        ExecutionContext ctx) {
        MaskedValues.requireSameGrid(source, sourceMask, "histogram matching source mask");
        MaskedValues.requireSameGrid(reference, referenceMask, "histogram matching reference mask");
        Mapping map = new Mapping(landmarks(source, sourceMask, "source", ctx),
            landmarks(reference, referenceMask, "reference", ctx));
        ScalarVolume.Builder b = ScalarVolume.builder(source.geometry());
        float[] out = b.array();
        ctx.parallelFor(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                float v = source.get(i);
                out[i] = Float.isNaN(v) ? Float.NaN : (float) map.apply(v);
            }
        });
        List<Double> s = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        for (int j = 0; j < map.src.points.length; j++) {
            s.add(map.src.points[j]);
            r.add(map.ref.points[j]);
        }
        return new Result(b.build(), s, r);
    }

    /** The piecewise-linear intensity map from the source's landmarks to the reference's. */
    static final class Mapping {
        final Landmarks src;
        final Landmarks ref;
        private final double[] gradients;
        private final double lowerGradient;

        Mapping(Landmarks src, Landmarks ref) {
            this.src = src;
            this.ref = ref;
            int m = src.points.length;
            gradients = new double[m - 1];
            for (int j = 0; j < m - 1; j++) {
                double den = src.points[j + 1] - src.points[j];
                gradients[j] = notAlmostZero(den) ? (ref.points[j + 1] - ref.points[j]) / den : 0.0;
            }
            double lowDen = src.points[0] - src.min;
            lowerGradient = notAlmostZero(lowDen) ? (ref.points[0] - ref.min) / lowDen : 0.0;
        }

        double apply(double v) {
            double[] sp = src.points;
            int m = sp.length;
            int j = 0;
            while (j < m && !(v < sp[j])) {
                j++;
            }
            if (j == 0) {
                return ref.min + (v - src.min) * lowerGradient;
            }
            if (j == m) {
                // At or above the source maximum (ITK's upper gradient is 0 by construction).
                return ref.max;
            }
            return ref.points[j - 1] + (v - sp[j - 1]) * gradients[j - 1];
        }
    }

    /** Lower limit, quantile landmarks and maximum of one image, with its minimum. */
    record Landmarks(double min, double max, double[] points) {
    }

    Landmarks landmarks(ScalarVolume image, Mask mask, String which, ExecutionContext ctx) {
        double[] s = MaskedValues.summary(image, mask, ctx);
        if (s[0] == 0) {
            throw new InvalidInputException("histogram matching: the " + which
                + " mask selects no voxel with a finite intensity");
        }
        double mean = s[1];
        double min = s[3];
        double max = s[4];
        double lower = params.lowerLimit() == LowerLimit.MEAN ? (float) mean : min;
        int levels = params.histogramLevels();
        double width = (max - lower) / levels;
        long[] counts = new long[levels];
        long total = 0;
        int n = image.geometry().voxelCount();
        for (int i = 0; i < n; i++) {
            if (MaskedValues.selected(image, mask, i)) {
                double v = image.get(i);
                if (v >= lower && v <= max) {
                    int bin = width > 0 ? (int) ((v - lower) / width) : 0;
                    counts[Math.min(bin, levels - 1)]++;
                    total++;
                }
            }
        }
        int matchPoints = params.matchPoints();
        double[] points = new double[matchPoints + 2];
        points[0] = lower;
        points[matchPoints + 1] = max;
        double delta = 1.0 / (matchPoints + 1.0);
        for (int j = 1; j <= matchPoints; j++) {
            points[j] = quantile(counts, total, lower, width, min, max, j * delta);
        }
        return new Landmarks(min, max, points);
    }

    /**
     * ITK's {@code Histogram::Quantile}: walk the cumulative frequencies from the low end (p &lt; 0.5) or the high
     * end, and interpolate linearly inside the bin reached. Bin 0 reaches down to the image minimum and the last
     * bin up to its maximum.
     */
    static double quantile(long[] counts, long total, double lower, double width, double min, double max,
                           double p) {
        int levels = counts.length;
        if (total == 0) {
            return lower;
        }
        if (p < 0.5) {
            int k = 0;
            double cumulated = 0;
            double pn = 0;
            double prev;
            double f;
            do {
                f = counts[k];
                cumulated += f;
                prev = pn;
                pn = cumulated / total;
                k++;
            } while (k < levels && pn < p);
            int bin = k - 1;
            double lo = bin == 0 ? min : lower + bin * width;
            double hi = bin == levels - 1 ? max : lower + (bin + 1) * width;
            return lo + ((p - prev) / (f / total)) * (hi - lo);
        }
        int k = levels - 1;
        int steps = 0;
        double cumulated = 0;
        double pn = 1;
        double prev;
        double f;
        do {
            f = counts[k];
            cumulated += f;
            prev = pn;
            pn = 1.0 - cumulated / total;
            k--;
            steps++;
        } while (steps < levels && pn > p);
        int bin = k + 1;
        double lo = bin == 0 ? min : lower + bin * width;
        double hi = bin == levels - 1 ? max : lower + (bin + 1) * width;
        return hi - ((prev - p) / (f / total)) * (hi - lo);
    }

    private static boolean notAlmostZero(double d) {
        return Math.abs(d) > 4 * Double.MIN_NORMAL;
    }
}

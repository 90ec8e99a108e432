package org.plaque.dl.data;

import java.util.Arrays;
import org.plaque.InvalidInputException;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Robust z-score normalisation inside the brain: the network input convention of plaque-dl.
 *
 * <p>The brain voxels' values are clipped to their [{@code lowPercentile}, {@code highPercentile}] range
 * (defaults 0.5 and 99.5; percentiles by linear interpolation between order statistics), the mean μ and
 * standard deviation σ of the clipped values are computed (double precision), and every brain voxel becomes
 * {@code (v − μ) / σ}, every other voxel 0. The clipping only keeps outliers (vessels, interpolation
 * overshoot, a few hot voxels) from inflating σ; the output itself is not clipped, so bright lesions keep
 * their contrast. Deterministic (sorting, no sampling).
 *
 * <p>Failure: {@link InvalidInputException} when the brain mask is empty or the image is constant inside it.
 */
public final class IntensityNormalisation {
    /** Default lower percentile for the statistics. */
    public static final double DEFAULT_LOW_PERCENTILE = 0.5;
    /** Default upper percentile for the statistics. */
    public static final double DEFAULT_HIGH_PERCENTILE = 99.5;

    private final double lowPercentile;
    private final double highPercentile;

    /**
     * @param lowPercentile  lower clipping percentile, 0 ≤ low &lt; high ≤ 100
     * @param highPercentile upper clipping percentile
     */
    public IntensityNormalisation(double lowPercentile, double highPercentile) {
        if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, got "
                + lowPercentile + ", " + highPercentile);
        }
        this.lowPercentile = lowPercentile;
        this.highPercentile = highPercentile;
    }

    /** Percentiles 0.5 and 99.5. */
    public static IntensityNormalisation withDefaults() {
        return new IntensityNormalisation(DEFAULT_LOW_PERCENTILE, DEFAULT_HIGH_PERCENTILE);
    }

    /**
     * The statistics the normalisation uses.
     *
     * @param low  value at the low percentile inside the brain
     * @param high value at the high percentile inside the brain
     * @param mean mean of the clipped brain values
     * @param sd   standard deviation of the clipped brain values (population), &gt; 0
     */
    public record Stats(double low, double high, double mean, double sd) {
    }

    /** The clipped statistics of {@code image} inside {@code brain}. */
    public Stats stats(ScalarVolume image, Mask brain) {
        image.geometry().requireSameGrid(brain.geometry(), org.plaque.geom.Tolerance.DEFAULT,
            "image and brain mask");
        int n = brain.count();
        if (n == 0) {
            throw new InvalidInputException("cannot normalise intensities: the brain mask is empty");
        }
        float[] v = new float[n];
        int k = 0;
        int total = image.geometry().voxelCount();
        for (int i = 0; i < total; i++) {
            if (brain.get(i)) {
                v[k++] = image.get(i);
            }
        }
        Arrays.sort(v);
        double lo = percentile(v, lowPercentile);
        double hi = percentile(v, highPercentile);
        double sum = 0;
        for (float x : v) {
            sum += Math.min(hi, Math.max(lo, x));
        }
        double mean = sum / n;
        double ss = 0;
        for (float x : v) {
            double d = Math.min(hi, Math.max(lo, x)) - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / n);
        if (!(sd > 0)) {
            throw new InvalidInputException("cannot normalise intensities: the image is constant ("
                + mean + ") inside the brain");
        }
        return new Stats(lo, hi, mean, sd);
    }

    /** {@code image} z-scored inside {@code brain} (0 outside). Input unchanged. */
    public ScalarVolume apply(ScalarVolume image, Mask brain) {
        Stats s = stats(image, brain);
        ScalarVolume.Builder b = ScalarVolume.builder(image.geometry());
        float[] out = b.array();
        double inv = 1.0 / s.sd();
        for (int i = 0; i < out.length; i++) {
            out[i] = brain.get(i) ? (float) ((image.get(i) - s.mean()) * inv) : 0f;
        }
        return b.build();
    }

    /** Percentile p (0..100) of sorted values, linear between order statistics. */
    static double percentile(float[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double f = pos - i;
        return sorted[i] + f * (sorted[i + 1] - sorted[i]);
    }
}

package org.plaque.eval.image;

import java.util.Arrays;
import java.util.Objects;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.smoothing.GaussianFilter;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Scores denoised versions of one image against the original, to justify the choice of a denoiser: a
 * good one removes much noise in flat regions and little structure along edges, and stays similar to the
 * original.
 *
 * <p>Built once per original ({@link #of}), which fixes the regions and reference figures:
 * <ul>
 *   <li><b>head</b>: voxels above 10 % of the 99th percentile of the non-zero voxels (drops air and the
 *       zero background of skull-stripped images, keeps CSF);</li>
 *   <li><b>structure map</b>: the gradient magnitude (per mm) of the original after a 1 mm Gaussian, so
 *       that it follows anatomy rather than noise;</li>
 *   <li><b>flat</b>: head voxels off the grid border whose structure map is at most its 25th percentile
 *       within the head;</li>
 *   <li><b>dynamic range</b> L: max − min of the original.</li>
 * </ul>
 * and {@link #score} then reports, over the head: SSIM and PSNR against the original (see
 * {@link ImageQuality}); <b>flat noise removed</b> {@code = 1 − N(denoised) / N(original)} with N the RMS
 * of the pseudo-residuals {@code √(6/7)·(u − mean of the 6 neighbours)} over the flat voxels (1 = all
 * noise gone, 0 = none, negative = noise added); and <b>structure removed</b> = Pearson correlation between
 * {@code |original − denoised|} and the structure map (high = what was removed follows the edges, i.e.
 * anatomy was erased; near 0 = the removed part is unstructured noise).
 *
 * <p>Immutable after construction and thread-safe.
 */
public final class DenoiseReferee {
    /** Head threshold as a fraction of the 99th percentile of the non-zero voxels. */
    public static final double HEAD_FRACTION_OF_P99 = 0.10;
    /** Percentile (within the head) of the structure map below which a voxel counts as flat. */
    public static final double FLAT_PERCENTILE = 25.0;
    /** Gaussian sigma (mm) applied before the gradient of the structure map. */
    public static final double STRUCTURE_SIGMA_MM = 1.0;

    private final ScalarVolume original;
    private final Mask head;
    private final Mask flat;
    private final ScalarVolume structure;
    private final double dynamicRange;
    private final double originalFlatNoise;
    private final ExecutionContext ctx;

    /**
     * The scores of one denoised image.
     *
     * @param method           the denoiser's name
     * @param ssim             mean SSIM over the head, in [−1, 1]
     * @param psnr             PSNR over the head in dB (positive infinity if unchanged)
     * @param flatNoiseRemoved fraction of the flat-region noise removed, ≤ 1
     * @param structureRemoved correlation of the removed part with the structure map, in [−1, 1] (NaN if
     *                         nothing was removed)
     * @param timeMs           the denoiser's wall time in milliseconds, as measured by the caller
     */
    public record Score(String method, double ssim, double psnr, double flatNoiseRemoved, double structureRemoved,
            long timeMs) {
        public Score {
            Objects.requireNonNull(method, "method");
        }
    }

    private DenoiseReferee(ScalarVolume original, Mask head, Mask flat, ScalarVolume structure, double dynamicRange,
            ExecutionContext ctx) {
        this.original = original;
        this.head = head;
        this.flat = flat;
        this.structure = structure;
        this.dynamicRange = dynamicRange;
        this.ctx = ctx;
        this.originalFlatNoise = flatNoise(original);
    }

    /**
     * Prepares the referee for {@code original}.
     *
     * @param ctx threads for the smoothing and SSIM computations (kept for {@link #score})
     * @throws InvalidInputException if the original is constant, not finite, or has no head voxels
     */
    public static DenoiseReferee of(ScalarVolume original, ExecutionContext ctx) {
        ScalarVolume.Statistics st = original.statistics();
        double range = st.max() - st.min();
        if (!(range > 0) || !Double.isFinite(range)) {
            throw new InvalidInputException("the image is constant or not finite: there is no noise or structure to score");
        }
        int n = original.geometry().voxelCount();
        float[] nonZero = new float[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            float v = original.get(i);
            if (v != 0f) {
                nonZero[k++] = v;
            }
        }
        double threshold = HEAD_FRACTION_OF_P99 * percentile(nonZero, k, 99.0);
        Mask head = Mask.above(original, threshold);
        if (head.count() == 0) {
            throw new InvalidInputException("no voxel of the image lies above the head threshold " + threshold);
        }
        ScalarVolume smoothed = new GaussianFilter(GaussianFilter.Params.isotropic(STRUCTURE_SIGMA_MM))
            .apply(original, ctx);
        ScalarVolume structure = ImageQuality.gradientMagnitude(smoothed, ctx);
        float[] inHead = new float[head.count()];
        int h = 0;
        for (int i = 0; i < n; i++) {
            if (head.get(i)) {
                inHead[h++] = structure.get(i);
            }
        }
        double flatLimit = percentile(inHead, h, FLAT_PERCENTILE);
        var g = original.geometry();
        Mask.Builder fb = Mask.builder(g);
        for (int z = 1; z < g.nz() - 1; z++) {
            for (int y = 1; y < g.ny() - 1; y++) {
                for (int x = 1; x < g.nx() - 1; x++) {
                    int i = g.index(x, y, z);
                    fb.set(i, head.get(i) && structure.get(i) <= flatLimit);
                }
            }
        }
        return new DenoiseReferee(original, head, fb.build(), structure, range, ctx);
    }

    /** Scores {@code denoised} (same grid as the original). */
    public Score score(String method, ScalarVolume denoised, long timeMs) {
        original.geometry().requireSameGrid(denoised.geometry(), Tolerance.DEFAULT, "original and denoised image");
        double ssim = ImageQuality.ssim(original, denoised, head, dynamicRange, ctx);
        double psnr = ImageQuality.psnr(original, denoised, head, dynamicRange);
        double noise = flatNoise(denoised);
        double removed = originalFlatNoise > 0 ? 1 - noise / originalFlatNoise : Double.NaN;
        double structureRemoved = ImageQuality.pearson(difference(denoised), structure, head);
        return new Score(method, ssim, psnr, removed, structureRemoved, timeMs);
    }

    /** {@code |original − denoised|}, voxel by voxel. */
    public ScalarVolume difference(ScalarVolume denoised) {
        original.geometry().requireSameGrid(denoised.geometry(), Tolerance.DEFAULT, "original and denoised image");
        ScalarVolume.Builder b = ScalarVolume.builder(original.geometry());
        float[] d = b.array();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(original.get(i) - denoised.get(i));
        }
        return b.build();
    }

    /** The head region the scores are taken over. */
    public Mask head() {
        return head;
    }

    /** The flat voxels the noise is measured on. */
    public Mask flat() {
        return flat;
    }

    /** Gradient magnitude (per mm) of the 1 mm-smoothed original. */
    public ScalarVolume structure() {
        return structure;
    }

    /** max − min of the original. */
    public double dynamicRange() {
        return dynamicRange;
    }

    /** RMS pseudo-residual of the original over the flat voxels. */
    public double originalFlatNoise() {
        return originalFlatNoise;
    }

    /** RMS of {@code √(6/7)·(u − mean of 6 neighbours)} over the flat voxels (all off the border). */
    private double flatNoise(ScalarVolume u) {
        var g = u.geometry();
        int nx = g.nx();
        int nxy = nx * g.ny();
        double sum = 0;
        int count = 0;
        int n = g.voxelCount();
        for (int i = 0; i < n; i++) {
            if (flat.get(i)) {
                double mean = ((double) u.get(i - 1) + u.get(i + 1) + u.get(i - nx) + u.get(i + nx)
                    + u.get(i - nxy) + u.get(i + nxy)) / 6.0;
                double e = Math.sqrt(6.0 / 7.0) * (u.get(i) - mean);
                sum += e * e;
                count++;
            }
        }
        return count == 0 ? Double.NaN : Math.sqrt(sum / count);
    }

    /** The q-th percentile (0–100, linear interpolation between order statistics) of the first n values. */
    static double percentile(float[] values, int n, double q) {
        if (n == 0) {
            return 0.0;
        }
        float[] s = Arrays.copyOf(values, n);
        Arrays.sort(s);
        double pos = q / 100.0 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - (double) s[lo]);
    }
}

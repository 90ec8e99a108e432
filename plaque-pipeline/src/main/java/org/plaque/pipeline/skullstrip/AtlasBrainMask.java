package org.plaque.pipeline.skullstrip;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.morphology.BinaryMorphology;
import org.plaque.filter.morphology.HoleFilling;
import org.plaque.geom.Tolerance;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.segment.components.ConnectedComponents;

/**
 * Brain extraction from an atlas brain mask already warped onto the subject, refined by the subject's own
 * intensities — the skull stripping of Plaque's pipeline.
 *
 * <p>After registration the warped atlas mask M is right in the middle of the brain and wrong by a few
 * millimetres at its surface. The refinement therefore trusts M well inside and decides near its surface by
 * intensity:
 * <ol>
 *   <li><b>core</b> C = M eroded by {@code coreMarginMm} (brain whatever its intensity, ventricles
 *       included); <b>search band</b> S = M dilated by {@code searchMarginMm};</li>
 *   <li><b>tissue threshold</b> t, halfway between the median intensity of CSF and of grey matter inside C
 *       (voxels whose warped CSF prior, respectively GM prior, is at least 0.9 and 0.7). CSF, bone and air
 *       are darker than brain tissue on FLAIR, T1 and T2-weighted images alike, so t separates them. With
 *       fewer than 100 such voxels of either class it falls back to Otsu's threshold over S;</li>
 *   <li>candidate = C ∪ {v ∈ S : I(v) &gt; t}; an <b>opening</b> by {@code openingMm} cuts thin bridges to
 *       the scalp, meninges and eyes, and the <b>largest 6-connected component</b> is kept (with C);</li>
 *   <li>a <b>closing</b> by {@code closingMm} takes in the CSF of sulci and the cortical surface, <b>holes
 *       are filled</b> (ventricles, dark lesions), and the result is limited to S.</li>
 * </ol>
 * Without priors ({@link #refine} given none) the threshold is Otsu's over S. The inputs are not modified.
 */
public final class AtlasBrainMask {
    /** Skull stripping's ball morphology: single precision, the grid's edge counts as outside the brain. */
    private static final BinaryMorphology.Convention EDGE = BinaryMorphology.Convention.EDGE_AS_BACKGROUND;

    /** Fewest voxels per class for the prior-based threshold. */
    private static final int MIN_CLASS_VOXELS = 100;

    /**
     * Settings of the refinement.
     *
     * @param coreMarginMm   erosion of the warped mask that gives the trusted core, mm ≥ 0; default 5
     * @param searchMarginMm dilation of the warped mask that bounds the result, mm ≥ 0; default 5
     * @param openingMm      opening radius that detaches non-brain tissue, mm ≥ 0 (0: none); default 1.5
     * @param closingMm      closing radius that takes in sulcal CSF, mm ≥ 0 (0: none); default 8
     */
    public record Params(double coreMarginMm, double searchMarginMm, double openingMm, double closingMm) {
        /** 5 mm core margin, 5 mm search margin, 1.5 mm opening, 8 mm closing (chosen on the phantom and two raw
         * FLAIRs: a wider closing takes in more sulcal CSF, which brain masks conventionally include). */
        public static final Params DEFAULTS = new Params(5, 5, 1.5, 8);

        public Params {
            for (double v : new double[] {coreMarginMm, searchMarginMm, openingMm, closingMm}) {
                if (!(v >= 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("skull-stripping margins and radii must be finite and >= 0 mm,"
                        + " got " + v);
                }
            }
        }

        /** As plain data for provenance. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("core_margin_mm", coreMarginMm);
            m.put("search_margin_mm", searchMarginMm);
            m.put("opening_mm", openingMm);
            m.put("closing_mm", closingMm);
            return m;
        }
    }

    /**
     * The refined mask and what decided it.
     *
     * @param mask          the brain mask
     * @param thresholdRule "priors" or "otsu"
     * @param threshold     the tissue threshold t (intensity units)
     * @param coreVoxels    voxels of the trusted core
     */
    public record Result(Mask mask, String thresholdRule, double threshold, int coreVoxels) {
    }

    /**
     * Tissue priors on the image's grid (from the atlas) that locate pure CSF and grey matter.
     *
     * @param gm grey-matter probabilities in [0, 1]
     * @param csf CSF probabilities in [0, 1]
     */
    public record Priors(ScalarVolume gm, ScalarVolume csf) {
    }

    private final Params params;

    /** A refinement with {@code params}. */
    public AtlasBrainMask(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public Params params() {
        return params;
    }

    /**
     * Refines {@code warpedMask} on {@code image}.
     *
     * @param priors warped GM and CSF priors, or null
     * @throws org.plaque.InvalidInputException if the grids differ
     */
    public Result refine(ScalarVolume image, Mask warpedMask, Priors priors, ExecutionContext ctx) {
        image.geometry().requireSameGrid(warpedMask.geometry(), Tolerance.DEFAULT,
            "the image and the atlas brain mask");
        if (warpedMask.count() == 0) {
            return new Result(warpedMask, "none", Double.NaN, 0);
        }
        ctx.progress().update("skull stripping", 0);
        Mask core = BinaryMorphology.erode(warpedMask, params.coreMarginMm(), ctx, EDGE);
        Mask search = BinaryMorphology.dilate(warpedMask, params.searchMarginMm(), ctx, EDGE);
        double t = Double.NaN;
        String rule = "otsu";
        if (priors != null) {
            double csf = median(image, core, priors.csf(), 0.9);
            double gm = median(image, core, priors.gm(), 0.7);
            if (Double.isFinite(csf) && Double.isFinite(gm) && gm > csf) {
                t = (csf + gm) / 2;
                rule = "priors";
            }
        }
        if (Double.isNaN(t)) {
            t = otsuInside(image, search);
        }
        ctx.progress().update("skull stripping", 0.3);
        Mask.Builder cand = Mask.builder(image.geometry());
        boolean[] c = cand.array();
        for (int i = 0; i < c.length; i++) {
            c[i] = core.get(i) || (search.get(i) && image.get(i) > t);
        }
        Mask m = cand.build();
        if (params.openingMm() > 0) {
            m = BinaryMorphology.or(BinaryMorphology.open(m, params.openingMm(), ctx, EDGE), core);
        }
        m = ConnectedComponents.largest(m, Connectivity.SIX);
        ctx.progress().update("skull stripping", 0.7);
        if (params.closingMm() > 0) {
            m = BinaryMorphology.close(m, params.closingMm(), ctx, EDGE);
        }
        m = BinaryMorphology.and(HoleFilling.fill(m, Connectivity.SIX), search);
        ctx.progress().update("skull stripping", 1);
        return new Result(m, rule, t, core.count());
    }

    /** Median of {@code image} over core voxels whose prior is at least {@code min}; NaN when too few. */
    private static double median(ScalarVolume image, Mask core, ScalarVolume prior, double min) {
        int n = 0;
        int count = core.geometry().voxelCount();
        float[] v = new float[Math.min(count, core.count())];
        for (int i = 0; i < count; i++) {
            if (core.get(i) && prior.get(i) >= min) {
                v[n++] = image.get(i);
            }
        }
        if (n < MIN_CLASS_VOXELS) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + (double) v[n / 2]) / 2;
    }

    /** Otsu's threshold (200 bins) of the region's intensities (Otsu 1979, doi:10.1109/TSMC.1979.4310076). */
    static double otsuInside(ScalarVolume image, Mask region) {
        int n = image.geometry().voxelCount();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (region.get(i)) {
                lo = Math.min(lo, image.get(i));
                hi = Math.max(hi, image.get(i));
            }
        }
        if (!(hi > lo)) {
            return lo;
        }
        int bins = 200;
        long[] h = new long[bins];
        double width = (hi - lo) / bins;
        for (int i = 0; i < n; i++) {
            if (region.get(i)) {
                h[Math.min(bins - 1, (int) ((image.get(i) - lo) / width))]++;
            }
        }
        double total = 0;
        double sum = 0;
        for (int b = 0; b < bins; b++) {
            total += h[b];
            sum += h[b] * (b + 0.5);
        }
        double w0 = 0;
        double s0 = 0;
        double best = -1;
        int split = 0;
        for (int b = 0; b < bins - 1; b++) {
            w0 += h[b];
            s0 += h[b] * (b + 0.5);
            double w1 = total - w0;
            if (w0 == 0 || w1 == 0) {
                continue;
            }
            double m0 = s0 / w0;
            double m1 = (sum - s0) / w1;
            double between = w0 * w1 * (m0 - m1) * (m0 - m1);
            if (between > best) {
                best = between;
                split = b;
            }
        }
        return lo + (split + 1) * width;
    }
}

package org.plaque.dl.data;

import java.util.Arrays;
import java.util.Objects;
import org.plaque.InvalidInputException;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * White-matter ratio normalisation: every brain voxel becomes {@code (v / w − 1) / 0.25}, where w is the
 * white-matter intensity of the channel, every other voxel 0. A voxel 25 % brighter than white matter maps to
 * 1, white matter to 0, an empty voxel to −4.
 *
 * <p>Why not a z-score: the brain's standard deviation depends on the lesion load and the atrophy, not only
 * on the scanner. In the two labelled Lesjak subjects it is 0.27 and 0.41 of the white-matter intensity
 * (1 300 vs 49 769 mm³ of lesion), so the same lesion/white-matter contrast became inputs 1.5 times apart
 * after z-scoring, and a network trained on one subject misjudged the other. Lesion conspicuity on FLAIR is a
 * ratio to white matter, so a fixed scale on that ratio gives the network the same input for the same
 * contrast in every subject. (Anchoring intensities to normal-appearing white matter is the idea of
 * Shinohara et al. 2014, doi:10.1016/j.nicl.2014.08.008; the fixed ratio scale here is Plaque's choice.)
 *
 * <p>w comes from two two-class splits of the brain's intensities, each the iterative intermediate-means
 * threshold of Ridler &amp; Calvard 1978 (doi:10.1109/TSMC.1978.4310039; 1-D two-means from the median):
 * first CSF against tissue (CSF is the dark class on FLAIR and T1, the bright one on T2), then, within the
 * tissue, white against grey matter; w is the mean of the white-matter side (the darker on FLAIR and T2, the
 * brighter on T1; {@link TissueClasses#whiteMatterClass}). Why not one 3-class k-means: with grey and white
 * matter only ~25 % apart on FLAIR, 3-means from random seeds can settle on CSF / partial volume / tissue
 * instead, which put w in the partial volume and made all of the white matter look like lesion on a phantom;
 * the two splits start from the median and draw no random seeds. Deterministic. Fails with
 * {@link InvalidInputException} when the brain has fewer than {@value #MIN_VOXELS} voxels or w is not positive
 * (the ratio needs raw, positive intensities).
 */
public final class WhiteMatterRatio {
    /** The ratio step that maps to one unit: 25 % above white matter. */
    public static final double UNIT = 0.25;

    /** Fewest brain voxels accepted. */
    public static final int MIN_VOXELS = 100;
    private static final int MAX_SPLIT_ITERATIONS = 100;

    private WhiteMatterRatio() {
    }

    /** The white-matter intensity w of {@code image} for a channel of that name. */
    public static double whiteMatter(ScalarVolume image, Mask brain, String channel) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(channel, "channel");
        image.geometry().requireSameGrid(brain.geometry(), Tolerance.DEFAULT, "image and brain mask");
        if (brain.count() < MIN_VOXELS) {
            throw new InvalidInputException("cannot normalise " + channel + ": the brain mask has "
                + brain.count() + " voxels (at least " + MIN_VOXELS + " needed)");
        }
        float[] v = new float[brain.count()];
        int k = 0;
        for (int i = 0, n = image.geometry().voxelCount(); i < n; i++) {
            if (brain.get(i)) {
                v[k++] = image.get(i);
            }
        }
        Arrays.sort(v);
        double[] prefix = new double[v.length + 1];
        for (int i = 0; i < v.length; i++) {
            prefix[i + 1] = prefix[i] + v[i];
        }
        int wmClass = TissueClasses.whiteMatterClass(channel);
        // Stage 1: CSF | tissue. Tissue is the upper side unless CSF is bright (T2).
        int cut = split(v, prefix, 0, v.length);
        int from = wmClass == 0 ? 0 : cut;
        int to = wmClass == 0 ? cut : v.length;
        // Stage 2: white | grey matter within the tissue. White matter is the upper side only on T1.
        int wmCut = split(v, prefix, from, to);
        int lo = wmClass == 2 ? wmCut : from;
        int hi = wmClass == 2 ? to : wmCut;
        double w = hi > lo ? (prefix[hi] - prefix[lo]) / (hi - lo) : Double.NaN;
        if (!(w > 0)) {
            throw new InvalidInputException("cannot normalise " + channel + ": its white-matter intensity " + w
                + " is not positive (white-matter ratio normalisation needs raw, positive intensities)");
        }
        return w;
    }

    /**
     * The intermediate-means split of the sorted values {@code v[from, to)}: the first index of the upper
     * class, where the threshold is the mean of the two class means (iterated from the median).
     */
    static int split(float[] v, double[] prefix, int from, int to) {
        if (to - from < 2) {
            return to;
        }
        double t = v[from + (to - from) / 2];
        int cut = upper(v, from, to, t);
        for (int it = 0; it < MAX_SPLIT_ITERATIONS; it++) {
            if (cut == from || cut == to) {
                return cut;
            }
            double low = (prefix[cut] - prefix[from]) / (cut - from);
            double high = (prefix[to] - prefix[cut]) / (to - cut);
            int next = upper(v, from, to, (low + high) / 2);
            if (next == cut) {
                return cut;
            }
            cut = next;
        }
        return cut;
    }

    /** First index in sorted {@code v[from, to)} with a value above {@code t}. */
    private static int upper(float[] v, int from, int to, double t) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** {@code image} as white-matter ratios inside {@code brain} (0 outside). Input unchanged. */
    public static ScalarVolume apply(ScalarVolume image, Mask brain, String channel) {
        double w = whiteMatter(image, brain, channel);
        double scale = 1.0 / (w * UNIT);
        ScalarVolume.Builder b = ScalarVolume.builder(image.geometry());
        float[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = brain.get(i) ? (float) ((image.get(i) - w) * scale) : 0f;
        }
        return b.build();
    }
}

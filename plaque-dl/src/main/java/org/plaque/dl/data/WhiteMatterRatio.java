package org.plaque.dl.data;

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
 * <p>w is the centre of the white-matter class of {@link TissueClasses} inside the brain (3-class k-means;
 * the middle class on FLAIR). Deterministic. Fails with {@link InvalidInputException} when the brain is empty,
 * has fewer than three distinct values, or w is not positive (the ratio needs raw, positive intensities).
 */
public final class WhiteMatterRatio {
    /** The ratio step that maps to one unit: 25 % above white matter. */
    public static final double UNIT = 0.25;

    private WhiteMatterRatio() {
    }

    /** The white-matter intensity w of {@code image} for a channel of that name. */
    public static double whiteMatter(ScalarVolume image, Mask brain, String channel) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(channel, "channel");
        image.geometry().requireSameGrid(brain.geometry(), Tolerance.DEFAULT, "image and brain mask");
        if (brain.count() < 3) {
            throw new InvalidInputException("cannot normalise " + channel + ": the brain mask has "
                + brain.count() + " voxels");
        }
        double w = TissueClasses.fit(image, brain).center(TissueClasses.whiteMatterClass(channel));
        if (!(w > 0)) {
            throw new InvalidInputException("cannot normalise " + channel + ": its white-matter intensity " + w
                + " is not positive (white-matter ratio normalisation needs raw, positive intensities)");
        }
        return w;
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

package org.plaque.dl.data;

import java.util.Objects;
import java.util.SplittableRandom;
import org.plaque.InvalidInputException;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Candidate voxels and training samples of the two-stage patch-CNN cascade of Valverde et al. 2017,
 * "Improving automated multiple sclerosis lesion segmentation with a cascaded 3D convolutional neural
 * network approach", doi:10.1016/j.neuroimage.2017.04.034.
 *
 * <p>Candidates are brain voxels whose intensity-normalised FLAIR exceeds a threshold in SD units (default
 * 1.5; the FLAIR is the channel named FLAIR, else the first channel). Stage 1 trains on every lesion voxel
 * plus as many candidate non-lesion voxels drawn at random (all of them when there are fewer); stage 2 on
 * the same lesion voxels plus negatives drawn from the <em>hard</em> negatives, candidate non-lesion voxels
 * that stage 1 gives a probability above 0.5. Samples are linear voxel indices (x fastest) returned in a
 * random order (Fisher–Yates with the caller's generator), ready for {@link VoxelPatches#extract}.
 */
public final class CascadeCandidates {
    /** Default candidate threshold on the normalised FLAIR, SD units. */
    public static final double DEFAULT_FLAIR_THRESHOLD_SD = 1.5;
    /** Default stage-1 probability above which a negative is hard. */
    public static final double DEFAULT_HARD_THRESHOLD = 0.5;

    private CascadeCandidates() {
    }

    /** Candidates with {@link #DEFAULT_FLAIR_THRESHOLD_SD}. */
    public static Mask candidates(TrainingSubject normalised) {
        return candidates(normalised, DEFAULT_FLAIR_THRESHOLD_SD);
    }

    /** Brain voxels of the (normalised) FLAIR channel strictly above {@code thresholdSd}. */
    public static Mask candidates(TrainingSubject normalised, double thresholdSd) {
        Objects.requireNonNull(normalised, "normalised");
        int c = normalised.channelIndex("FLAIR");
        return candidates(normalised.channels().get(Math.max(c, 0)), normalised.brain(), thresholdSd);
    }

    /** Voxels of {@code brain} where the normalised {@code flair} is strictly above {@code thresholdSd}. */
    public static Mask candidates(ScalarVolume flair, Mask brain, double thresholdSd) {
        flair.geometry().requireSameGrid(brain.geometry(), Tolerance.DEFAULT, "FLAIR and brain mask");
        if (!Double.isFinite(thresholdSd)) {
            throw new IllegalArgumentException("candidate threshold must be finite, got " + thresholdSd);
        }
        Mask.Builder b = Mask.builder(flair.geometry());
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = brain.get(i) && flair.get(i) > thresholdSd;
        }
        return b.build();
    }

    /**
     * Stage-1 samples: every lesion voxel and an equal number of random candidate non-lesion voxels (all
     * when fewer), shuffled.
     */
    public static int[] sampleTraining(TrainingSubject subject, Mask candidates, SplittableRandom rnd) {
        Objects.requireNonNull(subject, "subject");
        int[] positives = PatchSampler.indices(subject.lesion());
        int[] negatives = PatchSampler.indices(minus(candidates, subject.lesion()));
        return balanced(positives, negatives, rnd);
    }

    /** Candidate voxels outside {@code lesion} whose stage-1 {@code probability} is above {@code threshold}. */
    public static Mask hardNegatives(Mask candidates, Mask lesion, ScalarVolume probability, double threshold) {
        candidates.geometry().requireSameGrid(lesion.geometry(), Tolerance.DEFAULT, "candidates and lesion mask");
        candidates.geometry().requireSameGrid(probability.geometry(), Tolerance.DEFAULT,
            "candidates and probability map");
        Mask.Builder b = Mask.builder(candidates.geometry());
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = candidates.get(i) && !lesion.get(i) && probability.get(i) > threshold;
        }
        return b.build();
    }

    /**
     * Stage-2 samples: every lesion voxel and an equal number of hard negatives (probability above
     * {@code threshold}; all when fewer), shuffled.
     */
    public static int[] sampleStage2(TrainingSubject subject, Mask candidates, ScalarVolume probability,
                                     double threshold, SplittableRandom rnd) {
        int[] positives = PatchSampler.indices(subject.lesion());
        int[] negatives = PatchSampler.indices(hardNegatives(candidates, subject.lesion(), probability, threshold));
        return balanced(positives, negatives, rnd);
    }

    /** The lesion label (1 or 0) of each sample voxel, for the 2-way softmax. */
    public static float[] labels(Mask lesion, int[] centres) {
        float[] out = new float[centres.length];
        for (int i = 0; i < centres.length; i++) {
            out[i] = lesion.get(centres[i]) ? 1f : 0f;
        }
        return out;
    }

    private static int[] balanced(int[] positives, int[] negatives, SplittableRandom rnd) {
        Objects.requireNonNull(rnd, "rnd");
        if (positives.length == 0) {
            throw new InvalidInputException("cascade training needs lesion voxels, the subject has none");
        }
        int take = Math.min(positives.length, negatives.length);
        // Partial Fisher–Yates: the first `take` entries become a uniform sample without replacement.
        int[] neg = negatives.clone();
        for (int i = 0; i < take; i++) {
            int j = i + rnd.nextInt(neg.length - i);
            int t = neg[i];
            neg[i] = neg[j];
            neg[j] = t;
        }
        int[] out = new int[positives.length + take];
        System.arraycopy(positives, 0, out, 0, positives.length);
        System.arraycopy(neg, 0, out, positives.length, take);
        for (int i = out.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    private static Mask minus(Mask a, Mask b) {
        a.geometry().requireSameGrid(b.geometry(), Tolerance.DEFAULT, "candidates and lesion mask");
        Mask.Builder m = Mask.builder(a.geometry());
        boolean[] out = m.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i) && !b.get(i);
        }
        return m.build();
    }
}

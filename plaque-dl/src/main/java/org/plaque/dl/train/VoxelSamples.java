package org.plaque.dl.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.plaque.InvalidInputException;
import org.plaque.dl.data.TrainingSubject;
import org.plaque.dl.data.VoxelPatches;
import org.plaque.image.ScalarVolume;

/**
 * The training voxels of one cascade stage, split into lesion (positive) and non-lesion (negative) voxels of
 * several subjects, and the mini-batches drawn from them: input (N, C, s, s, s) voxel-centred patches, target
 * (N) class indices. Random batches are balanced: even slots hold a positive, odd slots a negative, each drawn
 * uniformly with replacement from its class.
 */
final class VoxelSamples {
    private final List<List<ScalarVolume>> channels;
    private final int[] posSubject;
    private final int[] posVoxel;
    private final int[] negSubject;
    private final int[] negVoxel;

    private VoxelSamples(List<List<ScalarVolume>> channels, int[] posSubject, int[] posVoxel, int[] negSubject,
                         int[] negVoxel) {
        this.channels = channels;
        this.posSubject = posSubject;
        this.posVoxel = posVoxel;
        this.negSubject = negSubject;
        this.negVoxel = negVoxel;
    }

    /**
     * The samples: voxel indices per subject ({@code samples.get(k)} of {@code subjects.get(k)}), labelled by
     * the subject's lesion mask.
     */
    static VoxelSamples of(List<TrainingSubject> subjects, List<int[]> samples) {
        IntList ps = new IntList();
        IntList pv = new IntList();
        IntList ns = new IntList();
        IntList nv = new IntList();
        List<List<ScalarVolume>> channels = new ArrayList<>();
        for (int k = 0; k < subjects.size(); k++) {
            TrainingSubject s = subjects.get(k);
            channels.add(s.channels());
            for (int v : samples.get(k)) {
                if (s.lesion().get(v)) {
                    ps.add(k);
                    pv.add(v);
                } else {
                    ns.add(k);
                    nv.add(v);
                }
            }
        }
        return new VoxelSamples(channels, ps.toArray(), pv.toArray(), ns.toArray(), nv.toArray());
    }

    int positives() {
        return posVoxel.length;
    }

    int negatives() {
        return negVoxel.length;
    }

    /** Balanced random batches of {@code batch} patches of edge {@code patch}. */
    BatchSource batches(int batch, int patch) {
        if (positives() == 0 || negatives() == 0) {
            throw new InvalidInputException("cascade training needs lesion and non-lesion candidate voxels, got "
                + positives() + " lesion and " + negatives() + " non-lesion samples");
        }
        return random -> {
            int[] subject = new int[batch];
            int[] voxel = new int[batch];
            float[] label = new float[batch];
            for (int i = 0; i < batch; i++) {
                boolean positive = (i & 1) == 0;
                int j = random.nextInt(positive ? posVoxel.length : negVoxel.length);
                subject[i] = positive ? posSubject[j] : negSubject[j];
                voxel[i] = positive ? posVoxel[j] : negVoxel[j];
                label[i] = positive ? 1f : 0f;
            }
            return batch(subject, voxel, label, patch);
        };
    }

    /** Every sample once, positives first, in batches of at most {@code batch} (validation). */
    List<Batch> fixed(int batch, int patch) {
        int n = positives() + negatives();
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            int[] subject = new int[to - from];
            int[] voxel = new int[to - from];
            float[] label = new float[to - from];
            for (int i = from; i < to; i++) {
                boolean positive = i < positives();
                int j = positive ? i : i - positives();
                subject[i - from] = positive ? posSubject[j] : negSubject[j];
                voxel[i - from] = positive ? posVoxel[j] : negVoxel[j];
                label[i - from] = positive ? 1f : 0f;
            }
            out.add(batch(subject, voxel, label, patch));
        }
        return out;
    }

    private Batch batch(int[] subject, int[] voxel, float[] label, int patch) {
        int n = voxel.length;
        int c = channels.get(0).size();
        int size = c * patch * patch * patch;
        float[] input = new float[n * size];
        int[] one = new int[1];
        for (int i = 0; i < n; i++) {
            one[0] = voxel[i];
            float[] p = VoxelPatches.extract(channels.get(subject[i]), one, patch);
            System.arraycopy(p, 0, input, i * size, size);
        }
        return new Batch(input, new long[] {n, c, patch, patch, patch}, label, new long[] {n});
    }

    /** A growable int array (avoids boxing for millions of voxels). */
    static final class IntList {
        private int[] a = new int[16];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }

    /** Fisher–Yates shuffle of a copy, then its first {@code k} entries (all when fewer). */
    static int[] randomSubset(int[] values, int k, SplittableRandom rnd) {
        int[] a = values.clone();
        int take = Math.min(k, a.length);
        for (int i = 0; i < take; i++) {
            int j = i + rnd.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, take);
    }
}

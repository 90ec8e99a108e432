package org.plaque.dl.train;

import java.util.List;
import java.util.Objects;
import org.plaque.dl.data.VoxelPatches;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.ScalarVolume;

/**
 * Lesion probabilities of single voxels from a patch classifier (a stage of the cascade of Valverde et al. 2017,
 * doi:10.1016/j.neuroimage.2017.04.034): the voxel-centred patches ({@link VoxelPatches}) are extracted and
 * scored a batch at a time, so memory stays at {@code batch · C · s³} floats however many voxels are scored
 * (256 patches of 3 × 15³ are 10 MB). Reports progress and checks cancellation between batches.
 */
public final class PatchClassifier {
    /** Default patches per forward pass at inference. */
    public static final int DEFAULT_BATCH = 256;

    /** Scores a batch of patches. */
    @FunctionalInterface
    public interface Scorer {
        /**
         * The lesion probability of each patch.
         *
         * @param patches (n, C, s, s, s) floats
         * @param n       number of patches
         * @return n probabilities in [0, 1]
         */
        float[] lesionProbability(float[] patches, int n);
    }

    private PatchClassifier() {
    }

    /**
     * The scorer of a two-way softmax network (output (n, 2), column 1 = lesion) run by {@code forward}.
     *
     * @param channels  input channels C
     * @param patchSize patch edge s
     */
    public static Scorer softmax(BlockForward forward, int channels, int patchSize) {
        Objects.requireNonNull(forward, "forward");
        return (patches, n) -> {
            float[] out = forward.apply(patches, new long[] {n, channels, patchSize, patchSize, patchSize});
            float[] p = new float[n];
            for (int i = 0; i < n; i++) {
                p[i] = out[2 * i + 1];
            }
            return p;
        };
    }

    /**
     * The lesion probability of every voxel in {@code centres}.
     *
     * @param channels  normalised images on one grid
     * @param centres   linear voxel indices
     * @param patchSize patch edge
     * @param batch     patches per forward pass (memory bound), ≥ 1
     * @param stage     the progress stage name
     * @param ctx       progress and cancellation (the scorer itself decides its threads)
     * @return one probability per centre, in [0, 1]
     */
    public static float[] score(List<ScalarVolume> channels, int[] centres, int patchSize, int batch, Scorer scorer,
                                String stage, ExecutionContext ctx) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be ≥ 1, got " + batch);
        }
        float[] out = new float[centres.length];
        for (int from = 0; from < centres.length; from += batch) {
            ctx.checkCancelled();
            int to = Math.min(centres.length, from + batch);
            float[] patches = VoxelPatches.extract(channels, centres, from, to, patchSize);
            float[] p = scorer.lesionProbability(patches, to - from);
            if (p.length != to - from) {
                throw new IllegalStateException("scorer returned " + p.length + " values for " + (to - from)
                    + " patches");
            }
            for (int i = 0; i < p.length; i++) {
                // clamp: softmax output may round a hair outside [0, 1]
                out[from + i] = Math.min(1f, Math.max(0f, p[i]));
            }
            ctx.progress().update(stage, (double) to / centres.length);
        }
        return out;
    }
}

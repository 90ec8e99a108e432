package org.plaque.dl.infer;

/** Predicts lesion probabilities for a batch of patches: input (n, C, D, H, W), output (n, D, H, W). */
@FunctionalInterface
public interface PatchPredictor {
    /** Probabilities in [0, 1] for each voxel of each patch. */
    float[] predict(float[] batch, int n, int channels, int[] shape);
}

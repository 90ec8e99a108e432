package org.plaque.dl.infer;

/**
 * A network seen from inference: a batch of intensity-normalised patches in, lesion probabilities out.
 *
 * <p>Layout (DL_CONTRACT): the input {@code batch} holds {@code n} patches of shape {@code (C, D, H, W)} =
 * (channels, z, y, x), channel-major and x-fastest, i.e. an array of shape {@code (n, C, D, H, W)}; the result
 * holds {@code n * D * H * W} probabilities in [0, 1] of shape {@code (n, D, H, W)}. For 2-D slice networks
 * {@code shape} is {@code {H, W}} and the arrays are {@code (n, C, H, W)} and {@code (n, H, W)}.
 *
 * <p>The caller may reuse {@code batch} for the next call, so an implementation must not keep it; the
 * returned array is only read. Implemented with DJL by the training/inference code; tests use plain Java fakes.
 */
@FunctionalInterface
public interface PatchPredictor {
    /**
     * Predicts one batch.
     *
     * @param batch    input of shape (n, C, D, H, W) (or (n, C, H, W) in 2-D)
     * @param n        number of patches in the batch
     * @param channels number of channels C
     * @param shape    {D, H, W} (z, y, x) voxels, or {H, W} for 2-D slices
     * @return probabilities of shape (n, D, H, W) (or (n, H, W))
     */
    float[] predict(float[] batch, int n, int channels, int[] shape);
}

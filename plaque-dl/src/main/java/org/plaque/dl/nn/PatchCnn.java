package org.plaque.dl.nn;

import ai.djl.nn.Block;

/**
 * The 3D patch classifier of one stage of the two-stage cascade of Valverde et al. 2017, "Improving automated
 * multiple sclerosis lesion segmentation with a cascaded 3D convolutional neural network approach",
 * doi:10.1016/j.neuroimage.2017.04.034. Input (N, C, p, p, p) float32 patches of every modality around a
 * candidate voxel; output (N, 2) with the softmax probabilities (non-lesion, lesion) or logits.
 *
 * <p>Layers, with the default p = 15 and 'same' zero padding: conv 5³ × 32 + ReLU → 15³; max-pool 2 → 7³ (the odd
 * row is dropped); conv 5³ × 64 + ReLU → 7³; max-pool 2 → 3³; flatten 64·27 = 1728; dropout (default 0.5);
 * dense 256 + ReLU; dense 2; softmax. In general the flattened size is 64·⌊⌊p/2⌋/2⌋³. He initialisation.
 */
public final class PatchCnn {
    private PatchCnn() {
    }

    /** A new, uninitialised patch CNN ending in probabilities. */
    public static Block newBlock(PatchCnnSpec spec) {
        return newBlock(spec, Output.PROBABILITIES);
    }

    /** A new, uninitialised patch CNN. */
    public static Block newBlock(PatchCnnSpec spec, Output output) {
        return Networks.withHeInit(new PatchCnnBlock(spec, output));
    }
}

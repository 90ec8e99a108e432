package org.plaque.dl.nn;

import ai.djl.nn.Block;

/**
 * The candidate filter of the longitudinal change detector (issue 7, item 2; after the MSSEG-2 style
 * "candidates + CNN filter" pipelines): a fully convolutional network without pooling, so it takes candidate
 * patches of any size, and gives a per-voxel probability of real change.
 *
 * <p>Input (N, 5, D, H, W): baseline FLAIR, follow-up FLAIR, three distance maps ({@link NewLesionFilterSpec}).
 * Seven blocks of conv 3³ (padding 1, stride 1) + normalisation + ReLU, all of {@code width} channels:
 * <pre>
 *   b1 ← FLAIRs (2 ch)        b2 ← b1        b3 ← b2
 *   b4 ← concat(b3, distance maps)           (width + 3 ch)
 *   b5 ← b4 + b2                             (short skip, added)
 *   b6 ← b5
 *   b7 ← concat(b6, follow-up FLAIR)         (long skip, width + 1 ch)
 *   out = sigmoid(conv 1³(b7))               (N, 1, D, H, W)
 * </pre>
 * The receptive field is 15 voxels per axis. The distance maps and the follow-up FLAIR enter without the
 * normalisation of the earlier blocks, so absolute position and brightness (which instance normalisation of a
 * small patch would remove) stay available to the last blocks. He initialisation.
 */
public final class NewLesionFilter {
    private NewLesionFilter() {
    }

    /** A new, uninitialised filter network ending in probabilities. */
    public static Block newBlock(NewLesionFilterSpec spec) {
        return newBlock(spec, Output.PROBABILITIES);
    }

    /** A new, uninitialised filter network. */
    public static Block newBlock(NewLesionFilterSpec spec, Output output) {
        return Networks.withHeInit(new NewLesionFilterBlock(spec, output));
    }
}

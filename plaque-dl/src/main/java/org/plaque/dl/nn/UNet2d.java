package org.plaque.dl.nn;

import ai.djl.nn.Block;

/**
 * The 2D U-Net on axial FLAIR slices ("FLAIR-slice U-Net" of issue 6): input (N, C, H, W) float32, output
 * (N, classes, H, W) probabilities (sigmoid for the default single class) or logits.
 *
 * <p>Defaults ({@link UNet2dSpec#defaults(int)}) follow the paper: 4 down levels of two 3×3 convolutions with
 * batch norm and ReLU and a 2×2 max pooling, filters doubling from 32 (32…512 at the bottleneck); an up path of
 * 2×2 stride-2 transposed convolutions (emulated, see {@link Upsampling#TRANSPOSED}) with skip concatenation and
 * two 3×3 convolutions per level; a final 1×1 convolution and sigmoid; dropout 0.1 after the bottleneck and the
 * coarser decoder levels; He initialisation. The paper trains it with binary cross-entropy and Adam (learning
 * rate 1e-3 decayed to 1e-5 on a 5-epoch plateau, early stopping after 10) — that lives in the training code.
 * Every spatial size must be a multiple of 2^depth (16 by default).
 *
 * <p>U-Net: Ronneberger, Fischer, Brox 2015, doi:10.1007/978-3-319-24574-4_28.
 */
public final class UNet2d {
    private UNet2d() {
    }

    /** A new, uninitialised U-Net ending in probabilities. */
    public static Block newBlock(UNet2dSpec spec) {
        return newBlock(spec, Output.PROBABILITIES);
    }

    /** A new, uninitialised U-Net. */
    public static Block newBlock(UNet2dSpec spec, Output output) {
        return Networks.withHeInit(new UNetBlock(UNet2dSpec.ARCHITECTURE, 2, spec.inputChannels(), spec.classes(),
                spec.depth(), spec.baseWidth(), spec.dropout(), spec.normalization(), spec.upsampling(), output));
    }
}

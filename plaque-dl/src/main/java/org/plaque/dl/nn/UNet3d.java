package org.plaque.dl.nn;

import ai.djl.nn.Block;

/**
 * A configurable 3D U-Net for lesion segmentation of multi-channel patches: input (N, C, D, H, W) float32, output
 * (N, classes, D, H, W) probabilities (sigmoid for one class, softmax over the channels for several) or logits.
 *
 * <p>Each of the {@code depth} encoder levels applies two 3×3×3 convolution–normalisation–ReLU layers and a
 * 2×2×2 max pooling; level l has {@code baseWidth·2^l} channels. The bottleneck (two more conv layers) is
 * followed by dropout. Each decoder level upsamples ×2 (by default a 1×1×1 convolution and nearest-neighbour
 * repetition, see {@link Upsampling}), concatenates the encoder features of the same level, applies two conv
 * layers and (except at the finest level) dropout; a 1×1×1 convolution gives the classes. Weights use He
 * initialisation ({@link Networks#heNormal()}). Every spatial size must be a multiple of 2^depth.
 *
 * <p>Normalisation defaults to instance norm: training batches here hold 2 patches, too few for stable batch
 * statistics, and inference slides a window over whole brains whose statistics differ from lesion-centred
 * training patches; instance norm avoids both and leaves Monte-Carlo dropout (forward in training mode) free of
 * running-statistics updates. {@link Normalization#BATCH} remains selectable.
 *
 * <p>Çiçek et al. 2016, "3D U-Net: Learning Dense Volumetric Segmentation from Sparse Annotation",
 * doi:10.1007/978-3-319-46723-8_49; Ronneberger et al. 2015, doi:10.1007/978-3-319-24574-4_28.
 */
public final class UNet3d {
    private UNet3d() {
    }

    /** A new, uninitialised U-Net ending in probabilities. */
    public static Block newBlock(UNet3dSpec spec) {
        return newBlock(spec, Output.PROBABILITIES);
    }

    /** A new, uninitialised U-Net. */
    public static Block newBlock(UNet3dSpec spec, Output output) {
        return Networks.withHeInit(new UNetBlock(UNet3dSpec.ARCHITECTURE, 3, spec.inputChannels(), spec.classes(),
                spec.depth(), spec.baseWidth(), spec.dropout(), spec.normalization(), spec.upsampling(), output));
    }
}

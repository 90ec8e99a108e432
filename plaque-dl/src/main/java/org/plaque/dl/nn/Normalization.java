package org.plaque.dl.nn;

/**
 * The feature normalisation after each convolution of a U-Net.
 *
 * <p>{@link #INSTANCE} normalises every sample and channel over its own spatial extent; it behaves the same in
 * training and inference, does not depend on the batch size (patch training here uses batches of 2, where batch
 * statistics are noisy), and keeps Monte-Carlo dropout (a forward pass in training mode) free of side effects.
 * {@link #BATCH} uses batch statistics while training and running averages at inference, as in the FLAIR-slice
 * U-Net paper. Because its inference does not depend on the window, a network trained on small patches can
 * predict with much larger windows — on the CPU the whole-brain sliding window then costs several times less
 * than with the training patch, which is why the 3D U-Net defaults to it despite batches of 2; instance norm
 * ties inference to windows of about the training size. Both carry a learnable per-channel scale and shift.
 */
public enum Normalization {
    /** DJL {@link ai.djl.nn.norm.BatchNorm} (momentum 0.9, epsilon 1e-5). */
    BATCH,
    /** Per-sample, per-channel normalisation ({@link InstanceNorm}, epsilon 1e-5). */
    INSTANCE,
    /** No normalisation; convolutions then carry a bias. */
    NONE
}

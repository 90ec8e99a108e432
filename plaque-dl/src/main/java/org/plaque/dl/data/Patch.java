package org.plaque.dl.data;

import java.util.Objects;

/**
 * One training or validation patch: image channels and the lesion label on a box of D × H × W voxels
 * (z, y, x). The arrays are handed over, not copied; callers treat them as read-only.
 *
 * @param image    intensities, shape (C, D, H, W) channel-major, x fastest; length {@code channels·D·H·W}
 * @param label    lesion label 0/1 (float), shape (D, H, W); length {@code D·H·W}
 * @param channels number of image channels C, ≥ 1
 * @param shape    {D, H, W}, each ≥ 1 (D = 1 for an axial 2-D slice patch)
 */
public record Patch(float[] image, float[] label, int channels, int[] shape) {
    /** @throws IllegalArgumentException when the array lengths do not match the channels and shape */
    public Patch {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(shape, "shape");
        if (shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
            throw new IllegalArgumentException("patch shape must be {D, H, W} with each >= 1");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("a patch needs at least one channel, got " + channels);
        }
        int voxels = shape[0] * shape[1] * shape[2];
        if (label.length != voxels || image.length != channels * voxels) {
            throw new IllegalArgumentException("patch arrays of length " + image.length + " / " + label.length
                + " do not fit " + channels + " channels of " + shape[0] + "x" + shape[1] + "x" + shape[2]);
        }
    }

    /** Voxels per channel, D·H·W. */
    public int voxels() {
        return shape[0] * shape[1] * shape[2];
    }

    /** Number of label voxels above 0.5. */
    public int lesionVoxels() {
        int n = 0;
        for (float v : label) {
            if (v > 0.5f) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}

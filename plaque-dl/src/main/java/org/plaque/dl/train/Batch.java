package org.plaque.dl.train;

import java.util.Arrays;

/**
 * One mini-batch as plain arrays: the network input of shape {@code inputShape} (e.g. N, C, D, H, W) and the
 * target of shape {@code targetShape} (e.g. N, D, H, W for a probability map, or N for class indices).
 */
public record Batch(float[] input, long[] inputShape, float[] target, long[] targetShape) {
    public Batch {
        if (input.length != product(inputShape) || target.length != product(targetShape)) {
            throw new IllegalArgumentException("batch arrays do not match their shapes: input " + input.length
                + " vs " + Arrays.toString(inputShape) + ", target " + target.length + " vs "
                + Arrays.toString(targetShape));
        }
    }

    /** Number of samples (the first dimension). */
    public int size() {
        return (int) inputShape[0];
    }

    static long product(long[] shape) {
        long p = 1;
        for (long s : shape) {
            p *= s;
        }
        return p;
    }
}

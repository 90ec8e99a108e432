package org.plaque.dl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/** Builders for the layers shared by the networks, in 2 or 3 spatial dimensions. */
final class Layers {
    private Layers() {
    }

    /** A shape of {@code dims} equal sizes. */
    static Shape cube(int dims, long size) {
        long[] s = new long[dims];
        Arrays.fill(s, size);
        return new Shape(s);
    }

    /** A convolution with an odd cubic kernel, stride 1 and 'same' zero padding. */
    static Block conv(int dims, int filters, int kernel, boolean bias) {
        Shape k = cube(dims, kernel);
        Shape pad = cube(dims, kernel / 2);
        if (dims == 3) {
            return Conv3d.builder().setKernelShape(k).setFilters(filters).optPadding(pad).optBias(bias).build();
        }
        return Conv2d.builder().setKernelShape(k).setFilters(filters).optPadding(pad).optBias(bias).build();
    }

    /** The normalisation block, or null for {@link Normalization#NONE}. */
    static Block norm(Normalization normalization) {
        return switch (normalization) {
            case BATCH -> BatchNorm.builder().build();
            case INSTANCE -> new InstanceNorm();
            case NONE -> null;
        };
    }

    /** Max pooling with window and stride 2, dropping a trailing odd row. */
    static NDArray maxPool2(NDArray x, int dims) {
        Shape two = cube(dims, 2);
        Shape zero = cube(dims, 0);
        return dims == 3 ? Pool.maxPool3d(x, two, two, zero, false) : Pool.maxPool2d(x, two, two, zero, false);
    }

    /** Spatial shape after a max pooling with window and stride 2. */
    static Shape pooledShape(Shape s) {
        long[] out = s.getShape().clone(); // getShape() exposes the internal array
        for (int i = 2; i < out.length; i++) {
            out[i] /= 2;
        }
        return new Shape(out);
    }

    /** The same shape with another channel count (axis 1). */
    static Shape withChannels(Shape s, long channels) {
        long[] out = s.getShape().clone(); // getShape() exposes the internal array
        out[1] = channels;
        return new Shape(out);
    }
}

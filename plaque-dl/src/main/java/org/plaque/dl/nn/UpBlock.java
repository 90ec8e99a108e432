package org.plaque.dl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Doubles every spatial size and maps to {@code filters} channels, as described by {@link Upsampling}. */
final class UpBlock extends AbstractBlock {
    private final int dims;
    private final int filters;
    private final Upsampling mode;
    private final Block conv;

    UpBlock(int dims, int filters, Upsampling mode) {
        this.dims = dims;
        this.filters = filters;
        this.mode = mode;
        int convFilters = mode == Upsampling.TRANSPOSED ? filters << dims : filters;
        conv = addChildBlock("conv", Layers.conv(dims, convFilters, 1, true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray y = conv.forward(ps, inputs, training, params).singletonOrThrow();
        if (mode == Upsampling.NEAREST) {
            for (int axis = 2; axis < 2 + dims; axis++) {
                y = y.repeat(axis, 2);
            }
            return new NDList(y);
        }
        return new NDList(shuffle(y));
    }

    /** (N, F·2^dims, S...) → (N, F, 2·S...): channel f·2^dims + sub-position becomes that output sub-voxel. */
    private NDArray shuffle(NDArray y) {
        Shape s = y.getShape();
        long n = s.get(0);
        if (dims == 3) {
            long d = s.get(2);
            long h = s.get(3);
            long w = s.get(4);
            return y.reshape(n, filters, 2, 2, 2, d, h, w).transpose(0, 1, 5, 2, 6, 3, 7, 4)
                    .reshape(n, filters, 2 * d, 2 * h, 2 * w);
        }
        long h = s.get(2);
        long w = s.get(3);
        return y.reshape(n, filters, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, filters, 2 * h, 2 * w);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long[] out = inputShapes[0].getShape().clone(); // getShape() exposes the internal array
        out[1] = filters;
        for (int i = 2; i < out.length; i++) {
            out[i] *= 2;
        }
        return new Shape[] {new Shape(out)};
    }
}

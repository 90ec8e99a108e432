package org.plaque.dl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Two 'same'-padded 3×3(×3) convolutions, each followed by normalisation and ReLU, then optional dropout: the
 * building block of every U-Net level. Keeps the spatial size; outputs {@code filters} channels.
 */
final class ConvUnit extends AbstractBlock {
    private final Block conv1;
    private final Block norm1;
    private final Block conv2;
    private final Block norm2;
    private final Block dropout;
    private final int filters;

    ConvUnit(int dims, int filters, Normalization normalization, float dropoutRate) {
        this.filters = filters;
        // a bias right before a normalisation is cancelled by it
        boolean bias = normalization == Normalization.NONE;
        conv1 = addChildBlock("conv1", Layers.conv(dims, filters, 3, bias));
        norm1 = addOptional("norm1", Layers.norm(normalization));
        conv2 = addChildBlock("conv2", Layers.conv(dims, filters, 3, bias));
        norm2 = addOptional("norm2", Layers.norm(normalization));
        dropout = dropoutRate > 0 ? addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build()) : null;
    }

    private Block addOptional(String name, Block block) {
        return block == null ? null : addChildBlock(name, block);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList x = conv1.forward(ps, inputs, training, params);
        x = activate(ps, norm1, x, training, params);
        x = conv2.forward(ps, x, training, params);
        x = activate(ps, norm2, x, training, params);
        return dropout == null ? x : dropout.forward(ps, x, training, params);
    }

    private static NDList activate(ParameterStore ps, Block norm, NDList x, boolean training,
            PairList<String, Object> params) {
        NDList normed = norm == null ? x : norm.forward(ps, x, training, params);
        NDArray relu = Activation.relu(normed.singletonOrThrow());
        return new NDList(relu);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape out = Layers.withChannels(inputShapes[0], filters);
        conv1.initialize(manager, dataType, inputShapes[0]);
        if (norm1 != null) {
            norm1.initialize(manager, dataType, out);
        }
        conv2.initialize(manager, dataType, out);
        if (norm2 != null) {
            norm2.initialize(manager, dataType, out);
        }
        if (dropout != null) {
            dropout.initialize(manager, dataType, out);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Layers.withChannels(inputShapes[0], filters)};
    }
}

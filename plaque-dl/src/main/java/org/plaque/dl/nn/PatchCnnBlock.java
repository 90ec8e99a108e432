package org.plaque.dl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.plaque.InvalidInputException;

/** The patch CNN described by {@link PatchCnnSpec}; see {@link PatchCnn} for the layer sizes. */
final class PatchCnnBlock extends AbstractBlock {
    private final PatchCnnSpec spec;
    private final Output output;
    private final Block conv1;
    private final Block conv2;
    private final Block dropout;
    private final Block dense;
    private final Block classifier;

    PatchCnnBlock(PatchCnnSpec spec, Output output) {
        this.spec = spec;
        this.output = output;
        conv1 = addChildBlock("conv1", Layers.conv(3, spec.filters1(), 5, true));
        conv2 = addChildBlock("conv2", Layers.conv(3, spec.filters2(), 5, true));
        dropout = addChildBlock("dropout", Dropout.builder().optRate(spec.dropout()).build());
        dense = addChildBlock("dense", Linear.builder().setUnits(spec.denseUnits()).build());
        classifier = addChildBlock("classifier", Linear.builder().setUnits(2).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        checkInput(x.getShape());
        x = Activation.relu(conv1.forward(ps, new NDList(x), training, params).singletonOrThrow());
        x = Layers.maxPool2(x, 3);
        x = Activation.relu(conv2.forward(ps, new NDList(x), training, params).singletonOrThrow());
        x = Layers.maxPool2(x, 3);
        x = dropout.forward(ps, new NDList(Blocks.batchFlatten(x)), training, params).singletonOrThrow();
        x = Activation.relu(dense.forward(ps, new NDList(x), training, params).singletonOrThrow());
        NDArray logits = classifier.forward(ps, new NDList(x), training, params).singletonOrThrow();
        return new NDList(output == Output.LOGITS ? logits : logits.softmax(1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        checkInput(in);
        long n = in.get(0);
        long pooled1 = spec.patchSize() / 2;
        conv1.initialize(manager, dataType, in);
        conv2.initialize(manager, dataType, new Shape(n, spec.filters1(), pooled1, pooled1, pooled1));
        Shape flat = new Shape(n, spec.flattenedFeatures());
        dropout.initialize(manager, dataType, flat);
        dense.initialize(manager, dataType, flat);
        classifier.initialize(manager, dataType, new Shape(n, spec.denseUnits()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInput(inputShapes[0]);
        return new Shape[] {new Shape(inputShapes[0].get(0), 2)};
    }

    private void checkInput(Shape shape) {
        long p = spec.patchSize();
        Shape expected = new Shape(shape.get(0), spec.inputChannels(), p, p, p);
        if (!shape.equals(expected)) {
            throw new InvalidInputException("patchcnn: input of shape " + shape + " does not fit, expected (N, "
                    + spec.inputChannels() + ", " + p + ", " + p + ", " + p + ")");
        }
    }
}

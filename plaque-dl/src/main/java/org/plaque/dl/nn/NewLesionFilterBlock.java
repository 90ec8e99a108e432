package org.plaque.dl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.plaque.InvalidInputException;

/** The network described by {@link NewLesionFilterSpec}; see {@link NewLesionFilter} for the wiring. */
final class NewLesionFilterBlock extends AbstractBlock {
    private static final int MAPS = NewLesionFilterSpec.INPUT_CHANNELS - NewLesionFilterSpec.IMAGE_CHANNELS;
    private final NewLesionFilterSpec spec;
    private final Output output;
    private final Block[] convs = new Block[NewLesionFilterSpec.BLOCKS];
    private final Block[] norms = new Block[NewLesionFilterSpec.BLOCKS];
    private final Block head;

    NewLesionFilterBlock(NewLesionFilterSpec spec, Output output) {
        this.spec = spec;
        this.output = output;
        boolean bias = spec.normalization() == Normalization.NONE;
        for (int b = 0; b < convs.length; b++) {
            convs[b] = addChildBlock("conv" + (b + 1), Layers.conv(3, spec.width(), 3, bias));
            Block n = Layers.norm(spec.normalization());
            norms[b] = n == null ? null : addChildBlock("norm" + (b + 1), n);
        }
        head = addChildBlock("head", Layers.conv(3, 1, 1, true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        checkInput(x.getShape());
        NDArray flairs = x.get(":, 0:2");
        NDArray maps = x.get(":, 2:5");
        NDArray followup = x.get(":, 1:2");
        NDArray h1 = unit(0, flairs, ps, training, params);
        NDArray h2 = unit(1, h1, ps, training, params);
        NDArray h3 = unit(2, h2, ps, training, params);
        NDArray h4 = unit(3, h3.concat(maps, 1), ps, training, params);
        NDArray h5 = unit(4, h4.add(h2), ps, training, params);
        NDArray h6 = unit(5, h5, ps, training, params);
        NDArray h7 = unit(6, h6.concat(followup, 1), ps, training, params);
        NDArray logits = head.forward(ps, new NDList(h7), training, params).singletonOrThrow();
        return new NDList(output == Output.LOGITS ? logits : Activation.sigmoid(logits));
    }

    private NDArray unit(int b, NDArray in, ParameterStore ps, boolean training, PairList<String, Object> params) {
        NDList y = convs[b].forward(ps, new NDList(in), training, params);
        if (norms[b] != null) {
            y = norms[b].forward(ps, y, training, params);
        }
        return Activation.relu(y.singletonOrThrow());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        checkInput(in);
        int w = spec.width();
        long[] inChannels = {NewLesionFilterSpec.IMAGE_CHANNELS, w, w, w + MAPS, w, w, w + 1};
        Shape out = Layers.withChannels(in, w);
        for (int b = 0; b < convs.length; b++) {
            convs[b].initialize(manager, dataType, Layers.withChannels(in, inChannels[b]));
            if (norms[b] != null) {
                norms[b].initialize(manager, dataType, out);
            }
        }
        head.initialize(manager, dataType, out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInput(inputShapes[0]);
        return new Shape[] {Layers.withChannels(inputShapes[0], 1)};
    }

    private void checkInput(Shape shape) {
        if (shape.dimension() != 5 || shape.get(1) != NewLesionFilterSpec.INPUT_CHANNELS) {
            throw new InvalidInputException("newlesion-filter: input of shape " + shape + " does not fit, expected"
                + " (N, " + NewLesionFilterSpec.INPUT_CHANNELS + ", D, H, W)");
        }
    }
}

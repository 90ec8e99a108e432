package org.plaque.dl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.plaque.InvalidInputException;

/**
 * A U-Net in 2 or 3 spatial dimensions: {@code depth} encoder levels of {@link ConvUnit} + max-pool 2, a
 * bottleneck {@link ConvUnit} with dropout, and {@code depth} decoder levels of {@link UpBlock}, concatenation
 * with the encoder output of the same level and a {@link ConvUnit}; a final 1×1(×1) convolution gives
 * {@code classes} channels. Level l has {@code baseWidth·2^l} channels. Dropout follows the bottleneck and every
 * decoder level but the finest. Input (N, C, spatial...) with every spatial size a multiple of 2^depth.
 */
final class UNetBlock extends AbstractBlock {
    private final String architecture;
    private final int dims;
    private final int inputChannels;
    private final int classes;
    private final int depth;
    private final Normalization normalization;
    private final Output output;
    private final List<Block> encoders = new ArrayList<>();
    private final Block bottleneck;
    private final List<Block> ups = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Block head;

    UNetBlock(String architecture, int dims, int inputChannels, int classes, int depth, int baseWidth,
            float dropout, Normalization normalization, Upsampling upsampling, Output output) {
        this.architecture = architecture;
        this.dims = dims;
        this.inputChannels = inputChannels;
        this.classes = classes;
        this.depth = depth;
        this.normalization = normalization;
        this.output = output;
        for (int l = 0; l < depth; l++) {
            encoders.add(addChildBlock("enc" + l, new ConvUnit(dims, baseWidth << l, normalization, 0f)));
        }
        bottleneck = addChildBlock("bottleneck", new ConvUnit(dims, baseWidth << depth, normalization, dropout));
        for (int l = depth - 1; l >= 0; l--) {
            ups.add(addChildBlock("up" + l, new UpBlock(dims, baseWidth << l, upsampling)));
            float rate = l > 0 ? dropout : 0f;
            decoders.add(addChildBlock("dec" + l, new ConvUnit(dims, baseWidth << l, normalization, rate)));
        }
        head = addChildBlock("head", Layers.conv(dims, classes, 1, true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        checkInput(x.getShape());
        NDArray[] skips = new NDArray[depth];
        for (int l = 0; l < depth; l++) {
            x = encoders.get(l).forward(ps, new NDList(x), training, params).singletonOrThrow();
            skips[l] = x;
            x = Layers.maxPool2(x, dims);
        }
        x = bottleneck.forward(ps, new NDList(x), training, params).singletonOrThrow();
        for (int i = 0; i < depth; i++) {
            int l = depth - 1 - i;
            NDArray up = ups.get(i).forward(ps, new NDList(x), training, params).singletonOrThrow();
            NDArray joined = NDArrays.concat(new NDList(up, skips[l]), 1);
            x = decoders.get(i).forward(ps, new NDList(joined), training, params).singletonOrThrow();
        }
        NDArray logits = head.forward(ps, new NDList(x), training, params).singletonOrThrow();
        if (output == Output.LOGITS) {
            return new NDList(logits);
        }
        return new NDList(classes == 1 ? Activation.sigmoid(logits) : logits.softmax(1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        checkInput(s);
        Shape[] skipShapes = new Shape[depth];
        for (int l = 0; l < depth; l++) {
            s = initialize(encoders.get(l), manager, dataType, s);
            skipShapes[l] = s;
            s = Layers.pooledShape(s);
        }
        s = initialize(bottleneck, manager, dataType, s);
        for (int i = 0; i < depth; i++) {
            int l = depth - 1 - i;
            s = initialize(ups.get(i), manager, dataType, s);
            s = Layers.withChannels(s, s.get(1) + skipShapes[l].get(1));
            s = initialize(decoders.get(i), manager, dataType, s);
        }
        head.initialize(manager, dataType, s);
    }

    private static Shape initialize(Block block, NDManager manager, DataType dataType, Shape in) {
        block.initialize(manager, dataType, in);
        return block.getOutputShapes(new Shape[] {in})[0];
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInput(inputShapes[0]);
        return new Shape[] {Layers.withChannels(inputShapes[0], classes)};
    }

    private void checkInput(Shape shape) {
        if (shape.dimension() != dims + 2 || shape.get(1) != inputChannels) {
            throw new InvalidInputException(architecture + ": input of shape " + shape + " does not fit, expected (N, "
                    + inputChannels + (dims == 3 ? ", D, H, W)" : ", H, W)"));
        }
        UNetShapes.checkSpatial(architecture, depth, normalization, shape.slice(2).getShape());
    }
}

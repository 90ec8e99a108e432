package org.plaque.dl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;

class UNet3dTest {
    private static final UNet3dSpec TINY = new UNet3dSpec(1, 1, 2, 4, 0.1f, Normalization.INSTANCE,
            Upsampling.NEAREST);

    static float[] forward(Block block, NDManager manager, Shape shape, float[] input) {
        NDArray x = manager.create(input, shape);
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow()
                .toFloatArray();
    }

    static float[] ramp(long size) {
        float[] a = new float[(int) size];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.sin(0.37 * i);
        }
        return a;
    }

    @Test
    void outputKeepsTheSpatialShapeForSeveralDepthsWidthsAndOptions() {
        int[][] cases = {{1, 2, 8, 8, 8}, {2, 4, 16, 8, 12}, {3, 2, 16, 16, 8}, {3, 4, 8, 16, 24}};
        try (NDManager m = DlEngine.newManager()) {
            for (int[] c : cases) {
                for (Normalization norm : Normalization.values()) {
                    for (Upsampling up : Upsampling.values()) {
                        UNet3dSpec spec = new UNet3dSpec(2, 1, c[0], c[1], 0.1f, norm, up);
                        Shape in = spec.inputShape(2, c[2], c[3], c[4]);
                        Block block = spec.newBlock();
                        block.initialize(m, DataType.FLOAT32, in);
                        NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)),
                                false).singletonOrThrow();
                        assertThat(out.getShape()).isEqualTo(new Shape(2, 1, c[2], c[3], c[4]));
                        assertThat(block.getOutputShapes(new Shape[] {in})[0]).isEqualTo(out.getShape());
                        assertThat(spec.outputShape(2, c[2], c[3], c[4])).isEqualTo(out.getShape());
                        assertThat(out.min().getFloat()).isGreaterThanOrEqualTo(0f);
                        assertThat(out.max().getFloat()).isLessThanOrEqualTo(1f);
                    }
                }
            }
        }
    }

    @Test
    void severalClassesGiveASoftmaxOverTheChannelAxis() {
        UNet3dSpec spec = new UNet3dSpec(1, 3, 2, 4, 0f, Normalization.INSTANCE, Upsampling.NEAREST);
        try (NDManager m = DlEngine.newManager()) {
            Shape in = spec.inputShape(1, 8, 8, 8);
            Block block = spec.newBlock();
            block.initialize(m, DataType.FLOAT32, in);
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(1, 3, 8, 8, 8));
            NDArray sums = out.sum(new int[] {1});
            assertThat(sums.size()).isEqualTo(512);
            assertThat(sums.sub(1).abs().max().getFloat()).isLessThan(1e-5f);
            assertThat(out.min().getFloat()).isGreaterThanOrEqualTo(0f);
        }
    }

    @Test
    void sizesThatAreNoMultipleOfTwoToTheDepthAreRejected() {
        assertThatThrownBy(() -> TINY.inputShape(1, 16, 15, 16)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("multiple of 4");
        assertThatThrownBy(() -> TINY.inputShape(1, 16, 16)).isInstanceOf(InvalidInputException.class);
        // a single bottleneck voxel cannot be instance-normalised
        assertThatThrownBy(() -> TINY.inputShape(1, 4, 4, 4)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bottleneck");
        try (NDManager m = DlEngine.newManager()) {
            Block block = TINY.newBlock();
            assertThatThrownBy(() -> block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 6, 8, 8)))
                    .isInstanceOf(InvalidInputException.class);
            block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 8, 8, 8));
            NDArray odd = m.zeros(new Shape(1, 1, 10, 8, 8));
            assertThatThrownBy(() -> block.forward(new ParameterStore(m, false), new NDList(odd), false))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("[10, 8, 8]");
            NDArray twoChannels = m.zeros(new Shape(1, 2, 8, 8, 8));
            assertThatThrownBy(() -> block.forward(new ParameterStore(m, false), new NDList(twoChannels), false))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("(N, 1, D, H, W)");
        }
        assertThatThrownBy(() -> new UNet3dSpec(1, 1, 0, 4, 0.1f, Normalization.BATCH, Upsampling.NEAREST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth");
        assertThatThrownBy(() -> new UNet3dSpec(1, 1, 2, 4, 1f, Normalization.BATCH, Upsampling.NEAREST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout");
    }

    @Test
    void theSameSeedGivesTheSameInitialOutputAndAnotherSeedDoesNot() {
        Shape in = TINY.inputShape(1, 8, 8, 8);
        float[] input = ramp(in.size());
        float[][] outs = new float[3][];
        long[] seeds = {11, 11, 12};
        for (int i = 0; i < 3; i++) {
            try (NDManager m = DlEngine.newManager()) {
                DlEngine.seed(seeds[i]);
                Block block = TINY.newBlock();
                block.initialize(m, DataType.FLOAT32, in);
                outs[i] = forward(block, m, in, input);
            }
        }
        assertThat(outs[1]).containsExactly(outs[0]);
        assertThat(outs[2]).isNotEqualTo(outs[0]);
    }

    @Test
    void parameterCountMatchesTheLayerArithmetic() {
        int c = 2;
        int w = 3;
        int depth = 2;
        UNet3dSpec spec = new UNet3dSpec(c, 1, depth, w, 0.1f, Normalization.INSTANCE, Upsampling.NEAREST);
        long expected = 0;
        int in = c;
        for (int l = 0; l <= depth; l++) {
            int f = w << l;
            expected += unit(in, f);
            in = f;
        }
        for (int l = depth - 1; l >= 0; l--) {
            int f = w << l;
            expected += (long) (2 * f) * f + f; // 1x1x1 up convolution with bias
            expected += unit(2 * f, f);
        }
        expected += w + 1; // head
        try (NDManager m = DlEngine.newManager()) {
            Block block = spec.newBlock();
            block.initialize(m, DataType.FLOAT32, spec.inputShape(1, 8, 8, 8));
            assertThat(Networks.parameterCount(block)).isEqualTo(expected);
        }
    }

    /** Two 3x3x3 convolutions without bias, each with a norm scale and shift per channel. */
    private static long unit(int in, int f) {
        return 27L * in * f + 2L * f + 27L * f * f + 2L * f;
    }

    @Test
    void logitWeightsLoadIntoAProbabilityBlock() throws Exception {
        Shape in = TINY.inputShape(1, 8, 8, 8);
        float[] input = ramp(in.size());
        try (NDManager m = DlEngine.newManager()) {
            DlEngine.seed(3);
            Block logits = TINY.newBlock(Output.LOGITS);
            logits.initialize(m, DataType.FLOAT32, in);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            logits.saveParameters(new java.io.DataOutputStream(bytes));
            Block probabilities = NetworkSpec.fromMap(TINY.toMap()).newBlock(Output.PROBABILITIES);
            probabilities.loadParameters(m, new java.io.DataInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray())));
            float[] z = forward(logits, m, in, input);
            float[] p = forward(probabilities, m, in, input);
            for (int i = 0; i < z.length; i++) {
                assertThat((double) p[i]).isCloseTo(1 / (1 + Math.exp(-z[i])), within(1e-5));
            }
        }
    }

    @Test
    void overfitsOneTinyBatch() {
        int[] spatial = {16, 16, 16};
        float[][] data = TinyTraining.brightBoxes(2, spatial, 5);
        UNet3dSpec spec = new UNet3dSpec(1, 1, 2, 4, 0.1f, Normalization.INSTANCE, Upsampling.NEAREST);
        Shape in = spec.inputShape(2, spatial);
        TinyTraining.Result r = TinyTraining.overfit(spec.newBlock(), data[0], in, data[1], in,
                TinyTraining.binaryCrossEntropy(), 50, 0.01f, 9);
        System.out.printf("unet3d overfit: loss %.4f -> %.4f, dice %.3f%n", r.firstLoss(), r.lastLoss(),
                TinyTraining.dice(r.prediction(), data[1]));
        assertThat(r.lastLoss()).isLessThan(0.3f * r.firstLoss());
        assertThat(TinyTraining.dice(r.prediction(), data[1])).isGreaterThan(0.8);
    }
}

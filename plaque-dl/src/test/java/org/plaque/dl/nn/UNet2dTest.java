package org.plaque.dl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class UNet2dTest {
    /** The paper's layout (4 levels, batch norm, transposed convolutions) at base width 4. */
    private static final UNet2dSpec SMALL = UNet2dSpec.defaults(1).withSize(4, 4);

    @Test
    void outputKeepsTheSliceShape() {
        try (NDManager m = DlEngine.newManager()) {
            int[][] sizes = {{16, 16}, {32, 48}};
            for (int[] hw : sizes) {
                for (Upsampling up : Upsampling.values()) {
                    UNet2dSpec spec = new UNet2dSpec(3, 1, 4, 4, 0.1f, Normalization.BATCH, up);
                    Shape in = spec.inputShape(2, hw);
                    Block block = spec.newBlock();
                    block.initialize(m, DataType.FLOAT32, in);
                    NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), false)
                            .singletonOrThrow();
                    assertThat(out.getShape()).isEqualTo(new Shape(2, 1, hw[0], hw[1]));
                    assertThat(spec.outputShape(2, hw)).isEqualTo(out.getShape());
                    assertThat(out.min().getFloat()).isGreaterThanOrEqualTo(0f);
                    assertThat(out.max().getFloat()).isLessThanOrEqualTo(1f);
                }
            }
        }
    }

    @Test
    void defaultsAreThePapersNetwork() {
        UNet2dSpec d = UNet2dSpec.defaults(1);
        assertThat(d.depth()).isEqualTo(4);
        assertThat(d.baseWidth()).isEqualTo(32);
        assertThat(d.dropout()).isEqualTo(0.1f);
        assertThat(d.normalization()).isEqualTo(Normalization.BATCH);
        assertThat(d.upsampling()).isEqualTo(Upsampling.TRANSPOSED);
        assertThat(d.classes()).isEqualTo(1);
    }

    @Test
    void slicesThatAreNoMultipleOfSixteenAreRejected() {
        assertThatThrownBy(() -> SMALL.inputShape(1, 24, 32)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("multiple of 16");
        assertThatThrownBy(() -> SMALL.inputShape(1, 16, 16, 16)).isInstanceOf(InvalidInputException.class);
        try (NDManager m = DlEngine.newManager()) {
            Block block = SMALL.newBlock();
            assertThatThrownBy(() -> block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 16, 16, 16)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("(N, 1, H, W)");
        }
    }

    @Test
    void transposedUpsamplingPlacesEachChannelGroupInItsOwnSubPixel() {
        // with the 1x1 convolution set to the identity, output (y, x) must come from channel 2*(y%2) + x%2
        try (NDManager m = DlEngine.newManager()) {
            UpBlock up = new UpBlock(2, 1, Upsampling.TRANSPOSED);
            Shape in = new Shape(1, 4, 2, 3);
            up.initialize(m, DataType.FLOAT32, in);
            float[] identity = new float[16];
            for (int i = 0; i < 4; i++) {
                identity[5 * i] = 1f;
            }
            up.getParameters().forEach(p -> {
                boolean weight = p.getValue().getType() == ai.djl.nn.Parameter.Type.WEIGHT;
                p.getValue().getArray().set(weight ? identity : new float[4]);
            });
            NDArray x = m.arange(24f).reshape(in);
            float[] y = up.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
            for (int row = 0; row < 4; row++) {
                for (int col = 0; col < 6; col++) {
                    int channel = 2 * (row % 2) + col % 2;
                    float expected = channel * 6 + (row / 2) * 3 + col / 2;
                    assertThat(y[row * 6 + col]).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void overfitsOneTinyBatch() {
        int[] spatial = {32, 32};
        float[][] data = TinyTraining.brightBoxes(4, spatial, 21);
        Shape in = SMALL.inputShape(4, spatial);
        TinyTraining.Result r = TinyTraining.overfit(SMALL.newBlock(), data[0], in, data[1], in,
                TinyTraining.binaryCrossEntropy(), 30, 0.01f, 4);
        double dice = TinyTraining.dice(r.prediction(), data[1]);
        System.out.printf("unet2d overfit: loss %.4f -> %.4f, dice %.3f%n", r.firstLoss(), r.lastLoss(), dice);
        assertThat(r.lastLoss()).isLessThan(0.3f * r.firstLoss());
        assertThat(dice).isGreaterThan(0.8);
    }
}

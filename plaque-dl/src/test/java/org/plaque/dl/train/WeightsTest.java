package org.plaque.dl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;
import org.plaque.dl.nn.Normalization;
import org.plaque.dl.nn.UNet3dSpec;
import org.plaque.dl.nn.Upsampling;

class WeightsTest {
    private static final UNet3dSpec NET = new UNet3dSpec(2, 1, 2, 4, 0f, Normalization.BATCH, Upsampling.NEAREST);
    private static final Shape IN = NET.inputShape(1, 8, 8, 8);

    /**
     * A block whose every parameter holds seeded values, batch-norm running statistics included: variances in
     * [0.5, 1.5), everything else in [-0.3, 0.3).
     */
    private static Block randomised(NDManager m, long seed) {
        Block block = NET.newBlock();
        block.initialize(m, DataType.FLOAT32, IN);
        SplittableRandom random = new SplittableRandom(seed);
        ParameterList params = block.getParameters();
        for (int i = 0; i < params.size(); i++) {
            float[] values = new float[Math.toIntExact(params.valueAt(i).getArray().size())];
            boolean variance = params.keyAt(i).endsWith("runningVar");
            for (int j = 0; j < values.length; j++) {
                values[j] = variance ? 0.5f + (float) random.nextDouble() : 0.6f * (float) random.nextDouble() - 0.3f;
            }
            params.valueAt(i).getArray().set(FloatBuffer.wrap(values));
        }
        return block;
    }

    private static float[] predict(Block block, NDManager m) {
        float[] input = new float[Math.toIntExact(IN.size())];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(0.3 * i);
        }
        return block.forward(new ParameterStore(m, false), new NDList(m.create(input, IN)), false)
            .singletonOrThrow().toFloatArray();
    }

    private static Block loaded(NDManager m, byte[] weights) {
        Block block = NET.newBlock();
        Weights.load(block, m, IN, weights, "test weights");
        return block;
    }

    /** A weights file whose only parameter, {@code w}, claims {@code dims} dimensions. */
    private static byte[] oneParameterWithDims(int dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBytes("PLQW");
            out.writeInt(1);
            out.writeInt(1);
            out.writeUTF("w");
            out.writeByte(32);
            out.writeInt(dims);
            out.write(new byte[64]);
        }
        return bytes.toByteArray();
    }

    @Test
    void float32WeightsRestoreTheNetworkExactly() {
        try (NDManager m = DlEngine.newManager()) {
            Block source = randomised(m, 1);
            byte[] weights = Weights.of(source);
            float[] expected = predict(source, m);
            assertThat(Arrays.equals(predict(randomised(m, 2), m), expected)).isFalse();
            Block copy = loaded(m, weights);
            assertThat(Arrays.equals(predict(copy, m), expected)).isTrue();
            assertThat(Weights.of(copy)).isEqualTo(weights);
        }
    }

    @Test
    void halfPrecisionHalvesTheFileAndKeepsEveryValueWithinItsRounding() {
        try (NDManager m = DlEngine.newManager()) {
            Block source = randomised(m, 1);
            byte[] full = Weights.of(source);
            byte[] half = Weights.toHalfPrecision(full);
            assertThat(half.length).isLessThan(full.length * 6 / 10);
            assertThat(Weights.toHalfPrecision(half)).isEqualTo(half);
            ParameterList a = source.getParameters();
            ParameterList b = loaded(m, half).getParameters();
            for (int i = 0; i < a.size(); i++) {
                float[] x = a.valueAt(i).getArray().toFloatArray();
                float[] y = b.valueAt(i).getArray().toFloatArray();
                for (int j = 0; j < x.length; j++) {
                    // relative rounding 2⁻¹¹, or half the smallest subnormal step (2⁻²⁴) for tiny values
                    float bound = Math.max(Math.abs(x[j]) * 0x1p-11f, 0x1p-25f);
                    assertThat(Math.abs(x[j] - y[j])).isLessThanOrEqualTo(bound);
                }
            }
        }
    }

    @Test
    void aParameterBeyondTheHalfRangeStaysFloat32() {
        try (NDManager m = DlEngine.newManager()) {
            Block source = randomised(m, 1);
            ParameterList params = source.getParameters();
            float[] values = params.valueAt(0).getArray().toFloatArray();
            values[0] = 1e6f;
            values[1] = 0.1f;
            params.valueAt(0).getArray().set(FloatBuffer.wrap(values));
            ParameterList back = loaded(m, Weights.toHalfPrecision(Weights.of(source))).getParameters();
            assertThat(back.valueAt(0).getArray().toFloatArray()).isEqualTo(values);
            assertThat(back.valueAt(1).getArray().toFloatArray())
                .isNotEqualTo(params.valueAt(1).getArray().toFloatArray());
        }
    }

    @Test
    void weightsOfAnotherArchitectureOrDamagedBytesAreRejectedClearly() {
        try (NDManager m = DlEngine.newManager()) {
            byte[] weights = Weights.of(randomised(m, 1));
            UNet3dSpec wider = new UNet3dSpec(2, 1, 2, 8, 0f, Normalization.BATCH, Upsampling.NEAREST);
            assertThatThrownBy(() -> Weights.load(wider.newBlock(), m, IN, weights, "w.params"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("w.params: weights do not fit");
            UNet3dSpec deeper = new UNet3dSpec(2, 1, 3, 4, 0f, Normalization.BATCH, Upsampling.NEAREST);
            assertThatThrownBy(() -> Weights.load(deeper.newBlock(), m, IN, weights, "w.params"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parameters stored");
            assertThatThrownBy(() -> loaded(m, Arrays.copyOf(weights, weights.length - 3)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("damaged");
            assertThatThrownBy(() -> loaded(m, Arrays.copyOf(weights, weights.length + 3)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("3 bytes after");
            assertThatThrownBy(() -> loaded(m, Arrays.copyOf(weights, 30)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated");
            assertThatThrownBy(() -> loaded(m, "DJL@ not ours".getBytes()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a Plaque weights file");
            for (int dims : new int[] {-1, 9}) {
                assertThatThrownBy(() -> loaded(m, oneParameterWithDims(dims)))
                    .isInstanceOf(InvalidInputException.class).hasMessage("test weights: weights file is damaged"
                        + " at parameter w");
            }
        }
    }
}

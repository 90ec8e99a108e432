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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;

class PatchCnnTest {
    @Test
    void defaultNetworkMapsPatchesToTwoClassProbabilities() {
        PatchCnnSpec spec = PatchCnnSpec.defaults(3);
        try (NDManager m = DlEngine.newManager()) {
            Shape in = spec.inputShape(4);
            assertThat(in).isEqualTo(new Shape(4, 3, 15, 15, 15));
            Block block = spec.newBlock();
            block.initialize(m, DataType.FLOAT32, in);
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(4, 2));
            assertThat(spec.outputShape(4, 15, 15, 15)).isEqualTo(out.getShape());
            assertThat(out.sum(new int[] {1}).sub(1).abs().max().getFloat()).isLessThan(1e-6f);
            // conv 5^3 x32, conv 5^3 x64 on 7^3, dense from 64*3^3 = 1728 features, dense 256 -> 2
            long expected = (125L * 3 * 32 + 32) + (125L * 32 * 64 + 64) + (1728L * 256 + 256) + (256L * 2 + 2);
            assertThat(spec.flattenedFeatures()).isEqualTo(1728);
            assertThat(Networks.parameterCount(block)).isEqualTo(expected);
        }
    }

    @Test
    void otherOddPatchSizesWork() {
        try (NDManager m = DlEngine.newManager()) {
            for (int p : new int[] {5, 9, 11}) {
                PatchCnnSpec spec = new PatchCnnSpec(1, p, 4, 8, 16, 0.5f);
                Block block = spec.newBlock();
                block.initialize(m, DataType.FLOAT32, spec.inputShape(2));
                NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.randomNormal(
                        spec.inputShape(2))), false).singletonOrThrow();
                assertThat(out.getShape()).isEqualTo(new Shape(2, 2));
                long edge = p / 4;
                assertThat(spec.flattenedFeatures()).isEqualTo(8 * edge * edge * edge);
            }
        }
    }

    @Test
    void wrongPatchesAreRejected() {
        assertThatThrownBy(() -> new PatchCnnSpec(1, 16, 32, 64, 256, 0.5f)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("odd");
        assertThatThrownBy(() -> new PatchCnnSpec(1, 3, 32, 64, 256, 0.5f)).isInstanceOf(
                IllegalArgumentException.class);
        PatchCnnSpec spec = PatchCnnSpec.defaults(2);
        assertThatThrownBy(() -> spec.inputShape(1, 15, 15, 13)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("15³");
        try (NDManager m = DlEngine.newManager()) {
            Block block = spec.newBlock();
            assertThatThrownBy(() -> block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 15, 15, 15)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("(N, 2, 15, 15, 15)");
        }
    }

    @Test
    void theSameSeedGivesTheSameInitialOutput() {
        PatchCnnSpec spec = new PatchCnnSpec(1, 9, 4, 8, 16, 0.5f);
        Shape in = spec.inputShape(3);
        float[] input = UNet3dTest.ramp(in.size());
        float[][] outs = new float[2][];
        for (int i = 0; i < 2; i++) {
            try (NDManager m = DlEngine.newManager()) {
                DlEngine.seed(5);
                Block block = spec.newBlock();
                block.initialize(m, DataType.FLOAT32, in);
                outs[i] = UNet3dTest.forward(block, m, in, input);
            }
        }
        assertThat(outs[1]).containsExactly(outs[0]);
    }

    @Test
    void overfitsOneBatchOfLesionAndBackgroundPatches() {
        PatchCnnSpec spec = new PatchCnnSpec(2, 15, 8, 16, 32, 0.5f);
        int n = 16;
        int voxels = 15 * 15 * 15;
        Random random = new Random(8);
        float[] input = new float[n * 2 * voxels];
        float[] label = new float[n * 2];
        for (int b = 0; b < n; b++) {
            boolean lesion = b % 2 == 0;
            label[2 * b + (lesion ? 1 : 0)] = 1f;
            for (int c = 0; c < 2; c++) {
                for (int v = 0; v < voxels; v++) {
                    int x = v % 15 - 7;
                    int y = v / 15 % 15 - 7;
                    int z = v / 225 - 7;
                    boolean blob = x * x + y * y + z * z <= 9;
                    input[(b * 2 + c) * voxels + v] = (float) random.nextGaussian() + (lesion && blob ? 1.5f : 0f);
                }
            }
        }
        TinyTraining.Result r = TinyTraining.overfit(spec.newBlock(), input, spec.inputShape(n), label,
                new Shape(n, 2), TinyTraining.categoricalCrossEntropy(), 30, 0.003f, 2);
        System.out.printf("patchcnn overfit: loss %.4f -> %.4f%n", r.firstLoss(), r.lastLoss());
        assertThat(r.lastLoss()).isLessThan(0.3f * r.firstLoss());
        for (int b = 0; b < n; b++) {
            assertThat(r.prediction()[2 * b + 1] > 0.5f).as("patch %d", b).isEqualTo(b % 2 == 0);
        }
    }
}

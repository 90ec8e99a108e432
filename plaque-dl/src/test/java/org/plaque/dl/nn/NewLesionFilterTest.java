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
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;

class NewLesionFilterTest {
    @Test
    void takesPatchesOfAnySizeAndGivesOneProbabilityPerVoxel() {
        NewLesionFilterSpec spec = NewLesionFilterSpec.defaults();
        try (NDManager m = DlEngine.newManager()) {
            Block block = spec.newBlock();
            block.initialize(m, DataType.FLOAT32, spec.inputShape(1, 6, 9, 7));
            ParameterStore ps = new ParameterStore(m, false);
            // one initialised block, patches of other sizes (no pooling: any size works)
            for (int[] size : new int[][] {{6, 9, 7}, {5, 5, 5}, {3, 17, 11}, {1, 6, 6}, {12, 4, 20}}) {
                NDArray out = block.forward(ps, new NDList(m.randomNormal(spec.inputShape(2, size))), false)
                        .singletonOrThrow();
                assertThat(out.getShape()).isEqualTo(spec.outputShape(2, size))
                        .isEqualTo(new Shape(2, 1, size[0], size[1], size[2]));
                assertThat(out.min().getFloat()).isGreaterThanOrEqualTo(0f);
                assertThat(out.max().getFloat()).isLessThanOrEqualTo(1f);
            }
            // 7 convolutions 3^3 without bias (instance norm follows), inputs 2, w, w, w+3, w, w, w+1; norms 2w
            // each; head 1x1x1 conv w -> 1 with bias
            long w = 16;
            long convs = 27 * w * (2 + w + w + (w + 3) + w + w + (w + 1));
            assertThat(Networks.parameterCount(block)).isEqualTo(convs + 7 * 2 * w + w + 1);
        }
    }

    @Test
    void theMapsAndTheFollowUpReachTheOutput() {
        // changing only a distance map, or only the follow-up FLAIR, changes the output: both skips are wired
        NewLesionFilterSpec spec = new NewLesionFilterSpec(4, Normalization.INSTANCE);
        int[] size = {4, 6, 6};
        try (NDManager m = DlEngine.newManager()) {
            DlEngine.seed(3);
            Block block = spec.newBlock();
            block.initialize(m, DataType.FLOAT32, spec.inputShape(1, size));
            ParameterStore ps = new ParameterStore(m, false);
            float[] base = UNet3dTest.ramp(spec.inputShape(1, size).size());
            float[] ref = run(block, ps, m, base, spec.inputShape(1, size));
            int vox = 4 * 6 * 6;
            for (int channel = 0; channel < 5; channel++) {
                float[] changed = base.clone();
                for (int i = 0; i < vox; i++) {
                    changed[channel * vox + i] += 0.5f * (i % 3);
                }
                assertThat(maxDiff(run(block, ps, m, changed, spec.inputShape(1, size)), ref)).as("channel " + channel)
                        .isGreaterThan(1e-5f);
            }
        }
    }

    @Test
    void overfitsAFewPatchesInAFewSteps() {
        // the "real change" is where the follow-up is bright and the baseline is not
        NewLesionFilterSpec spec = new NewLesionFilterSpec(8, Normalization.INSTANCE);
        int[] size = {6, 10, 10};
        int n = 2;
        int vox = 600;
        Random random = new Random(7);
        float[] input = new float[n * 5 * vox];
        float[] label = new float[n * vox];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < vox; i++) {
                int x = i % 10;
                int y = i / 10 % 10;
                boolean lesion = x >= 3 + b && x < 7 + b && y >= 2 && y < 6;
                boolean old = x < 2 && y < 3;
                input[(b * 5) * vox + i] = (float) (0.2 * random.nextGaussian()) + (old ? 3f : 0f);
                input[(b * 5 + 1) * vox + i] = (float) (0.2 * random.nextGaussian()) + (lesion || old ? 3f : 0f);
                input[(b * 5 + 2) * vox + i] = x * 0.5f;
                input[(b * 5 + 3) * vox + i] = y * 0.1f;
                input[(b * 5 + 4) * vox + i] = 0.5f;
                label[b * vox + i] = lesion ? 1f : 0f;
            }
        }
        TinyTraining.Result r = TinyTraining.overfit(spec.newBlock(), input, spec.inputShape(n, size), label,
                spec.outputShape(n, size), TinyTraining.binaryCrossEntropy(), 40, 1e-2f, 11);
        assertThat(r.lastLoss()).isLessThan(r.firstLoss() * 0.3f);
        assertThat(TinyTraining.dice(r.prediction(), label)).isGreaterThan(0.9);
    }

    @Test
    void badSpecsAndInputsAreRejected() {
        assertThatThrownBy(() -> new NewLesionFilterSpec(0, Normalization.BATCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
        assertThatThrownBy(() -> NetworkSpec.fromMap(Map.of("architecture", "newlesion-filter", "inputChannels", 3)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("inputChannels must be 5");
        assertThat(NetworkSpec.fromMap(Map.of("architecture", "newlesion-filter")))
                .isEqualTo(NewLesionFilterSpec.defaults());
        NewLesionFilterSpec spec = NewLesionFilterSpec.defaults();
        assertThatThrownBy(() -> spec.inputShape(1, 1, 1, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least 2");
        try (NDManager m = DlEngine.newManager()) {
            Block block = spec.newBlock();
            assertThatThrownBy(() -> block.initialize(m, DataType.FLOAT32, new Shape(1, 2, 5, 5, 5)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("(N, 5, D, H, W)");
        }
    }

    private static float[] run(Block block, ParameterStore ps, NDManager m, float[] input, Shape shape) {
        try (NDManager scope = m.newSubManager()) {
            return block.forward(ps, new NDList(scope.create(input, shape)), false).singletonOrThrow().toFloatArray();
        }
    }

    private static float maxDiff(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}

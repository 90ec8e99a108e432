package org.plaque.dl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.dl.DlEngine;

class InstanceNormTest {
    @Test
    void normalisesEverySampleAndChannelOverItsOwnVoxelsInTrainingAndInference() {
        int n = 2;
        int c = 3;
        int voxels = 4 * 5 * 6;
        Random random = new Random(1);
        float[] input = new float[n * c * voxels];
        for (int i = 0; i < input.length; i++) {
            int sc = i / voxels;
            input[i] = (float) (sc * 10 + (sc + 1) * random.nextGaussian()); // own mean and spread per (n, c)
        }
        try (NDManager m = DlEngine.newManager()) {
            Shape shape = new Shape(n, c, 4, 5, 6);
            InstanceNorm norm = new InstanceNorm();
            norm.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.create(input, shape);
            float[] inference = norm.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
            float[] training = norm.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow()
                    .toFloatArray();
            assertThat(training).containsExactly(inference);
            for (int sc = 0; sc < n * c; sc++) {
                double mean = 0;
                double inMean = 0;
                for (int v = 0; v < voxels; v++) {
                    inMean += input[sc * voxels + v] / voxels;
                }
                double inVar = 0;
                for (int v = 0; v < voxels; v++) {
                    double d = input[sc * voxels + v] - inMean;
                    inVar += d * d / voxels;
                }
                for (int v = 0; v < voxels; v++) {
                    double expected = (input[sc * voxels + v] - inMean) / Math.sqrt(inVar + 1e-5);
                    assertThat((double) inference[sc * voxels + v]).isCloseTo(expected, within(1e-4));
                    mean += inference[sc * voxels + v];
                }
                assertThat(mean / voxels).isCloseTo(0, within(1e-5));
            }
            // the input array is not modified
            assertThat(x.toFloatArray()).containsExactly(input);
        }
    }

    @Test
    void scaleAndShiftAreLearnedPerChannel() {
        try (NDManager m = DlEngine.newManager()) {
            Shape shape = new Shape(2, 2, 3, 3);
            InstanceNorm norm = new InstanceNorm();
            norm.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.randomNormal(shape);
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray y = norm.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                // weight channel 1 only: the gradient must reach channel 1's gamma and beta, not channel 0's
                NDArray weight = m.create(new float[] {0f, 1f}).reshape(1, 2, 1, 1);
                collector.backward(y.mul(y).mul(weight).sum().add(y.mul(weight).sum()));
            }
            float[] betaGrad = norm.getParameters().get("beta").getArray().getGradient().toFloatArray();
            float[] gammaGrad = norm.getParameters().get("gamma").getArray().getGradient().toFloatArray();
            assertThat(betaGrad[0]).isZero();
            assertThat(betaGrad[1]).isCloseTo(18f, within(1e-3f)); // d/dbeta of sum(y) over 2·9 values
            assertThat(gammaGrad[0]).isZero();
            assertThat(gammaGrad[1]).isCloseTo(36f, within(1e-2f)); // d/dgamma of sum(y²) = 2·sum(xhat²) = 2·18
        }
    }
}

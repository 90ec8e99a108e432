package org.plaque.dl.nn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import org.plaque.dl.DlEngine;

/** Trains a block on one fixed batch with Adam: the overfit check of the network tests. */
final class TinyTraining {
    private TinyTraining() {
    }

    /** Losses of the first and last step and the final inference-mode prediction on the batch. */
    record Result(float firstLoss, float lastLoss, float[] prediction) {
    }

    static Result overfit(Block block, float[] input, Shape inputShape, float[] label, Shape labelShape, Loss loss,
            int steps, float learningRate, long seed) {
        DlEngine.seed(seed);
        try (Model model = Model.newInstance("overfit", DlEngine.device(), "PyTorch")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(learningRate)).build())
                    .optDevices(new Device[] {DlEngine.device()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShape);
                float first = Float.NaN;
                float last = Float.NaN;
                for (int i = 0; i < steps; i++) {
                    // a manager per step frees the activations of that step
                    try (NDManager step = trainer.getManager().newSubManager();
                            GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray x = step.create(input, inputShape);
                        NDArray y = step.create(label, labelShape);
                        NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray value = loss.evaluate(new NDList(y), new NDList(prediction));
                        collector.backward(value);
                        last = value.getFloat();
                        if (i == 0) {
                            first = last;
                        }
                    }
                    trainer.step();
                }
                try (NDManager eval = trainer.getManager().newSubManager()) {
                    NDArray x = eval.create(input, inputShape);
                    float[] prediction = trainer.evaluate(new NDList(x)).singletonOrThrow().toFloatArray();
                    return new Result(first, last, prediction);
                }
            }
        }
    }

    /** Binary cross-entropy on probabilities clipped to [1e-6, 1 − 1e-6], averaged over all elements. */
    static Loss binaryCrossEntropy() {
        return new Loss("bce") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray p = predictions.singletonOrThrow().clip(1e-6, 1 - 1e-6);
                NDArray y = labels.singletonOrThrow();
                NDArray positive = y.mul(p.log());
                NDArray negative = y.neg().add(1).mul(p.neg().add(1).log());
                return positive.add(negative).mean().neg();
            }
        };
    }

    /** Cross-entropy of softmax probabilities (N, K) against one-hot labels (N, K), clipped like the BCE. */
    static Loss categoricalCrossEntropy() {
        return new Loss("ce") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray p = predictions.singletonOrThrow().clip(1e-6, 1 - 1e-6);
                return labels.singletonOrThrow().mul(p.log()).sum(new int[] {1}).mean().neg();
            }
        };
    }

    /** Dice of the prediction thresholded at 0.5 against a 0/1 label. */
    static double dice(float[] prediction, float[] label) {
        long both = 0;
        long sum = 0;
        for (int i = 0; i < label.length; i++) {
            boolean p = prediction[i] > 0.5f;
            boolean l = label[i] > 0.5f;
            both += p && l ? 1 : 0;
            sum += (p ? 1 : 0) + (l ? 1 : 0);
        }
        return sum == 0 ? 1.0 : 2.0 * both / sum;
    }

    /**
     * A batch of noisy images with a bright box per sample at a sample-dependent place; the label is the input
     * thresholded at 1 (the box, up to noise). Returns {input, label}, both of n·∏spatial values.
     */
    static float[][] brightBoxes(int n, int[] spatial, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int voxels = 1;
        for (int s : spatial) {
            voxels *= s;
        }
        float[] input = new float[n * voxels];
        float[] label = new float[n * voxels];
        for (int b = 0; b < n; b++) {
            int[] lo = new int[spatial.length];
            int[] hi = new int[spatial.length];
            for (int a = 0; a < spatial.length; a++) {
                int size = spatial[a] / 4 + random.nextInt(spatial[a] / 4);
                lo[a] = random.nextInt(spatial[a] - size);
                hi[a] = lo[a] + size;
            }
            int[] idx = new int[spatial.length];
            for (int v = 0; v < voxels; v++) {
                int rest = v;
                boolean inside = true;
                for (int a = spatial.length - 1; a >= 0; a--) {
                    idx[a] = rest % spatial[a];
                    rest /= spatial[a];
                    inside &= idx[a] >= lo[a] && idx[a] < hi[a];
                }
                float value = (float) (0.3 * random.nextGaussian()) + (inside ? 2f : 0f);
                input[b * voxels + v] = value;
                label[b * voxels + v] = value > 1f ? 1f : 0f;
            }
        }
        return new float[][] {input, label};
    }
}

package org.plaque.dl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Cross-entropy for a two-way softmax output (N, 2) against class indices (N) in {0, 1}, computed on the
 * probabilities (clipped to [1e-30, 1]) — the loss of the patch CNNs of the cascade.
 *
 * <p>The floor is far below any probability a network should be trusted with, because the clip has no gradient:
 * with a floor of 1e-6 a sample misclassified with a logit gap above 14 stops contributing, and a patch CNN that
 * overshoots early in training (seen on the Lesjak data) stays collapsed onto one class. 1e-30 keeps the
 * gradient up to a gap of 69 while staying a normal float32.
 */
public final class ClassProbabilityLoss extends Loss {
    private static final float EPS = 1e-30f;

    /** The loss. */
    public ClassProbabilityLoss() {
        super("cross-entropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray p = predictions.singletonOrThrow();
        NDArray classes = labels.singletonOrThrow().toType(DataType.INT64, false).reshape(-1, 1);
        NDArray picked = p.gather(classes, 1).clip(EPS, 1);
        return picked.log().mean().neg();
    }
}

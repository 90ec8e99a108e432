package org.plaque.dl.train;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Validation on a fixed set of batches: the pooled Dice of the thresholded (> 0.5) prediction over all of
 * them. For a two-way softmax output (N, 2) the lesion probability is column 1 and the target holds class
 * indices, so the same pooled Dice measures voxel classification.
 */
public final class Validation {
    private final List<Batch> batches;

    /** Validation on {@code batches} (a fixed, deterministic list). */
    public Validation(List<Batch> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("validation needs at least one batch");
        }
        this.batches = List.copyOf(batches);
    }

    /** The batches. */
    public List<Batch> batches() {
        return batches;
    }

    /**
     * Pooled Dice of {@code predict} (input batch → flat probabilities, one per target element, or two per
     * element for a softmax output). 1 when both prediction and target are empty.
     */
    public double dice(UnaryOperator<Batch> predict) {
        long overlap = 0;
        long predicted = 0;
        long truth = 0;
        for (Batch b : batches) {
            float[] out = predict.apply(b).target();
            float[] y = b.target();
            int stride = out.length / y.length;
            for (int i = 0; i < y.length; i++) {
                boolean p = out[i * stride + stride - 1] > 0.5f;
                boolean t = y[i] > 0.5f;
                predicted += p ? 1 : 0;
                truth += t ? 1 : 0;
                overlap += p && t ? 1 : 0;
            }
        }
        return predicted + truth == 0 ? 1 : 2.0 * overlap / (predicted + truth);
    }
}

package org.plaque.eval;

import java.util.Objects;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;

/**
 * Voxel-wise overlap of a predicted mask with a reference mask: Dice, IoU (Jaccard), precision (PPV),
 * recall (sensitivity), specificity and volume differences, as in EVALUATION.md and Anima's
 * {@code animaSegPerfAnalyzer}.
 *
 * <p>Both masks must share the grid within {@link Tolerance#EVALUATION} (1e-6 mm), else
 * {@link org.plaque.InvalidInputException}. Undefined ratios follow {@link EmptyPolicy#DEFAULT} (NaN)
 * unless another policy is given.
 */
public final class OverlapMetrics {
    private OverlapMetrics() {
    }

    /** Overlap metrics under {@link EmptyPolicy#DEFAULT}. */
    public static OverlapResult compute(Mask pred, Mask truth) {
        return compute(pred, truth, EmptyPolicy.DEFAULT);
    }

    /** Overlap metrics; {@code policy} decides the value of undefined ratios. */
    public static OverlapResult compute(Mask pred, Mask truth, EmptyPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        pred.geometry().requireSameGrid(truth.geometry(), Tolerance.EVALUATION, "prediction and reference");
        int n = pred.geometry().voxelCount();
        int tp = 0;
        for (int i = 0; i < n; i++) {
            if (pred.get(i) && truth.get(i)) {
                tp++;
            }
        }
        int p = pred.count();
        int t = truth.count();
        int fp = p - tp;
        int fn = t - tp;
        int tn = n - tp - fp - fn;
        double voxelVolumeMm3 = truth.geometry().voxelVolumeMm3();
        double volumePred = p * voxelVolumeMm3;
        double volumeTruth = t * voxelVolumeMm3;
        boolean bothEmpty = p == 0 && t == 0;
        double dice = policy.similarity(2.0 * tp, (double) p + t, bothEmpty);
        double iou = policy.similarity(tp, (double) tp + fp + fn, bothEmpty);
        double precision = policy.similarity(tp, p, bothEmpty);
        double recall = policy.similarity(tp, t, bothEmpty);
        // Specificity is recall of the background: undefined only when T leaves no background.
        double specificity = policy.similarity(tn, (double) tn + fp, n - p == 0 && n - t == 0);
        double difference = volumePred - volumeTruth;
        double differencePct = t == 0 ? policy.undefinedDistance(bothEmpty) : 100.0 * (p - t) / t;
        return new OverlapResult(dice, iou, precision, recall, specificity, volumePred, volumeTruth, difference,
            differencePct, tp, fp, fn, tn);
    }
}

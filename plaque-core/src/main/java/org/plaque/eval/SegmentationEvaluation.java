package org.plaque.eval;

import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;

/**
 * Every figure of EVALUATION.md for one prediction against one reference: voxel-wise overlap
 * ({@link OverlapMetrics}), surface distances ({@link SurfaceDistances}) and lesion-wise detection
 * ({@link LesionWiseEvaluation}).
 *
 * <p>The masks must be on the same grid within {@link Tolerance#EVALUATION} (1e-6 mm: size, spacing,
 * origin and direction, checked on the grid's corner voxels); otherwise an
 * {@link org.plaque.InvalidInputException} names both images. Inputs are not modified.
 */
public final class SegmentationEvaluation {
    private SegmentationEvaluation() {
    }

    /** All figures under {@link EmptyPolicy#DEFAULT} (undefined values are NaN). */
    public static EvaluationResult evaluate(Mask pred, Mask truth, LesionWiseRule rule, ExecutionContext ctx) {
        return evaluate(pred, truth, rule, ctx, EmptyPolicy.DEFAULT);
    }

    /** All figures; {@code policy} decides the values of undefined metrics. */
    public static EvaluationResult evaluate(Mask pred, Mask truth, LesionWiseRule rule, ExecutionContext ctx,
                                            EmptyPolicy policy) {
        Objects.requireNonNull(pred, "pred");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(policy, "policy");
        pred.geometry().requireSameGrid(truth.geometry(), Tolerance.EVALUATION, "prediction and reference");
        ctx.progress().update("evaluation", 0.0);
        OverlapResult overlap = OverlapMetrics.compute(pred, truth, policy);
        ctx.checkCancelled();
        ctx.progress().update("evaluation", 0.2);
        SurfaceDistanceResult surface = SurfaceDistances.compute(pred, truth, ctx, policy);
        ctx.checkCancelled();
        ctx.progress().update("evaluation", 0.6);
        LesionWiseResult lesions = LesionWiseEvaluation.evaluate(pred, truth, rule, policy);
        ctx.progress().update("evaluation", 1.0);
        return EvaluationResult.of(overlap, surface, lesions);
    }
}

package org.plaque.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.plaque.segment.components.TestMasks.ball;
import static org.plaque.segment.components.TestMasks.box;
import static org.plaque.segment.components.TestMasks.grid;
import static org.plaque.segment.components.TestMasks.shift;
import static org.plaque.segment.components.TestMasks.union;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;

class SegmentationEvaluationTest {
    private static final ImageGeometry G = grid(30, 30, 20, 0.8, 0.47, 0.47);

    @Test
    void identicalMasksScorePerfectly() {
        Mask m = union(ball(G, 8, 8, 8, 4), box(G, 20, 20, 10, 24, 26, 14));
        EvaluationResult r = SegmentationEvaluation.evaluate(m, m, LesionWiseRule.MSSEG, ExecutionContext.singleThreaded());
        assertThat(r.dice()).isEqualTo(1.0);
        assertThat(r.iou()).isEqualTo(1.0);
        assertThat(r.precision()).isEqualTo(1.0);
        assertThat(r.recall()).isEqualTo(1.0);
        assertThat(r.hausdorffMm()).isZero();
        assertThat(r.hd95Mm()).isZero();
        assertThat(r.assdMm()).isZero();
        assertThat(r.volumeDifferencePct()).isZero();
        assertThat(r.truthLesions()).isEqualTo(2);
        assertThat(r.lesionF1()).isEqualTo(1.0);
    }

    @Test
    void combinesThePartsAndReportsProgress() {
        Mask truth = union(ball(G, 8, 8, 8, 4), box(G, 20, 20, 10, 24, 26, 14));
        Mask pred = shift(ball(G, 8, 8, 8, 4), 1, 0, 0);
        List<Double> progress = new ArrayList<>();
        ProgressListener listener = (stage, f) -> progress.add(f);
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, listener)) {
            EvaluationResult r = SegmentationEvaluation.evaluate(pred, truth, LesionWiseRule.MSSEG, ctx);
            OverlapResult o = OverlapMetrics.compute(pred, truth);
            SurfaceDistanceResult s = SurfaceDistances.compute(pred, truth, ctx);
            LesionWiseResult l = LesionWiseEvaluation.evaluate(pred, truth, LesionWiseRule.MSSEG);
            assertThat(r).isEqualTo(EvaluationResult.of(o, s, l));
            assertThat(r.truthLesions()).isEqualTo(2);
            assertThat(r.predLesions()).isEqualTo(1);
            assertThat(r.lesionTpr()).isEqualTo(0.5);
            assertThat(r.lesionPpv()).isEqualTo(1.0);
            assertThat(r.hausdorffMm()).isGreaterThan(0);
            assertThat(r.volumeDifferenceMm3()).isCloseTo(r.volumePredMm3() - r.volumeTruthMm3(), within(1e-9));
        }
        assertThat(progress).first().isEqualTo(0.0);
        assertThat(progress).last().isEqualTo(1.0);
    }

    @Test
    void gridMismatchIsAOneLineError() {
        ImageGeometry other = ImageGeometry.axisAligned(30, 30, 20, new double[] {0.8, 0.47, 0.47},
            new double[] {0, 0, 2e-6});
        assertThatThrownBy(() -> SegmentationEvaluation.evaluate(Mask.empty(G), Mask.empty(other),
            LesionWiseRule.MSSEG, ExecutionContext.singleThreaded()))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith("prediction and reference are not on the same grid (tolerance 1.0E-6 mm)")
            .hasMessageNotContaining("\n");
    }

    @Test
    void bothEmptyUnderEachPolicy() {
        Mask empty = Mask.empty(G);
        EvaluationResult nan = SegmentationEvaluation.evaluate(empty, empty, LesionWiseRule.MSSEG,
            ExecutionContext.singleThreaded());
        assertThat(nan.dice()).isNaN();
        assertThat(nan.hausdorffMm()).isNaN();
        assertThat(nan.lesionF1()).isNaN();
        assertThat(nan.volumePredMm3()).isZero();
        EvaluationResult perfect = SegmentationEvaluation.evaluate(empty, empty, LesionWiseRule.MSSEG,
            ExecutionContext.singleThreaded(), EmptyPolicy.BOTH_EMPTY_IS_PERFECT);
        assertThat(perfect.dice()).isEqualTo(1.0);
        assertThat(perfect.hausdorffMm()).isZero();
        assertThat(perfect.lesionF1()).isEqualTo(1.0);
    }
}

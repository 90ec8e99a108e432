package org.plaque.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.plaque.segment.components.TestMasks.box;
import static org.plaque.segment.components.TestMasks.grid;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.segment.components.TestMasks;

class OverlapMetricsTest {
    /** 10³ voxels of 0.5 × 0.5 × 2 mm = 0.5 mm³. */
    private static final ImageGeometry G = grid(10, 10, 10, 0.5, 0.5, 2.0);

    @Test
    void twoOverlappingCubes() {
        Mask pred = box(G, 0, 0, 0, 2, 2, 2);      // 27 voxels
        Mask truth = box(G, 1, 0, 0, 3, 2, 2);     // 27 voxels, 18 shared
        OverlapResult r = OverlapMetrics.compute(pred, truth);
        assertThat(r.truePositives()).isEqualTo(18);
        assertThat(r.falsePositives()).isEqualTo(9);
        assertThat(r.falseNegatives()).isEqualTo(9);
        assertThat(r.trueNegatives()).isEqualTo(964);
        assertThat(r.dice()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(r.iou()).isCloseTo(0.5, within(1e-15));
        assertThat(r.precision()).isCloseTo(18.0 / 27, within(1e-15));
        assertThat(r.recall()).isCloseTo(18.0 / 27, within(1e-15));
        assertThat(r.specificity()).isCloseTo(964.0 / 973, within(1e-15));
        assertThat(r.volumePredMm3()).isCloseTo(13.5, within(1e-12));
        assertThat(r.volumeTruthMm3()).isCloseTo(13.5, within(1e-12));
        assertThat(r.volumeDifferenceMm3()).isZero();
        assertThat(r.volumeDifferencePct()).isZero();
    }

    @Test
    void predictionInsideLargerReference() {
        Mask pred = box(G, 0, 0, 0, 1, 1, 1);      // 8 voxels
        Mask truth = box(G, 0, 0, 0, 3, 1, 1);     // 16 voxels
        OverlapResult r = OverlapMetrics.compute(pred, truth);
        assertThat(r.dice()).isCloseTo(16.0 / 24, within(1e-15));
        assertThat(r.iou()).isCloseTo(0.5, within(1e-15));
        assertThat(r.precision()).isEqualTo(1.0);
        assertThat(r.recall()).isEqualTo(0.5);
        assertThat(r.specificity()).isEqualTo(1.0);
        assertThat(r.volumeDifferenceMm3()).isCloseTo(-4.0, within(1e-12));
        assertThat(r.volumeDifferencePct()).isCloseTo(-50.0, within(1e-12));
    }

    @Test
    void emptyMasksFollowThePolicy() {
        Mask empty = Mask.empty(G);
        Mask some = box(G, 0, 0, 0, 1, 1, 1);

        OverlapResult bothNan = OverlapMetrics.compute(empty, empty);
        assertThat(bothNan.dice()).isNaN();
        assertThat(bothNan.iou()).isNaN();
        assertThat(bothNan.precision()).isNaN();
        assertThat(bothNan.recall()).isNaN();
        assertThat(bothNan.specificity()).isEqualTo(1.0);
        assertThat(bothNan.volumeDifferencePct()).isNaN();
        assertThat(bothNan.volumeDifferenceMm3()).isZero();

        OverlapResult bothPerfect = OverlapMetrics.compute(empty, empty, EmptyPolicy.BOTH_EMPTY_IS_PERFECT);
        assertThat(bothPerfect.dice()).isEqualTo(1.0);
        assertThat(bothPerfect.iou()).isEqualTo(1.0);
        assertThat(bothPerfect.precision()).isEqualTo(1.0);
        assertThat(bothPerfect.recall()).isEqualTo(1.0);
        assertThat(bothPerfect.volumeDifferencePct()).isZero();

        OverlapResult missed = OverlapMetrics.compute(empty, some);
        assertThat(missed.dice()).isZero();
        assertThat(missed.iou()).isZero();
        assertThat(missed.precision()).isNaN();
        assertThat(missed.recall()).isZero();
        assertThat(missed.volumeDifferencePct()).isEqualTo(-100.0);
        assertThat(OverlapMetrics.compute(empty, some, EmptyPolicy.BOTH_EMPTY_IS_PERFECT).precision()).isZero();

        OverlapResult falseAlarm = OverlapMetrics.compute(some, empty);
        assertThat(falseAlarm.dice()).isZero();
        assertThat(falseAlarm.precision()).isZero();
        assertThat(falseAlarm.recall()).isNaN();
        assertThat(falseAlarm.volumeDifferencePct()).isNaN();
        OverlapResult falseAlarmStrict = OverlapMetrics.compute(some, empty, EmptyPolicy.BOTH_EMPTY_IS_PERFECT);
        assertThat(falseAlarmStrict.recall()).isZero();
        assertThat(falseAlarmStrict.volumeDifferencePct()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void specificityIsUndefinedOnlyWithoutReferenceBackground() {
        ImageGeometry g = grid(2, 2, 2);
        Mask full = box(g, 0, 0, 0, 1, 1, 1);
        assertThat(OverlapMetrics.compute(full, full).specificity()).isNaN();
        assertThat(OverlapMetrics.compute(full, full, EmptyPolicy.BOTH_EMPTY_IS_PERFECT).specificity()).isEqualTo(1.0);
        Mask half = box(g, 0, 0, 0, 0, 1, 1);
        assertThat(OverlapMetrics.compute(half, full, EmptyPolicy.BOTH_EMPTY_IS_PERFECT).specificity()).isZero();
    }

    @Test
    void rejectsDifferentGridsAndAcceptsRoundingNoise() {
        ImageGeometry moved = ImageGeometry.axisAligned(10, 10, 10, new double[] {0.5, 0.5, 2.0},
            new double[] {1e-3, 0, 0});
        Mask a = box(G, 0, 0, 0, 2, 2, 2);
        assertThatThrownBy(() -> OverlapMetrics.compute(a, Mask.empty(moved)))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("prediction and reference")
            .hasMessageNotContaining("\n");
        ImageGeometry nearly = ImageGeometry.axisAligned(10, 10, 10, new double[] {0.5, 0.5, 2.0},
            new double[] {1e-7, 0, 0});
        assertThat(OverlapMetrics.compute(a, box(nearly, 0, 0, 0, 2, 2, 2)).dice()).isEqualTo(1.0);
        assertThatThrownBy(() -> OverlapMetrics.compute(a, Mask.empty(grid(10, 10, 9, 0.5, 0.5, 2.0))))
            .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void diceIsSymmetricBoundedAndConsistentWithIou() {
        qt().withFixedSeed(3L).withExamples(200)
            .forAll(longs().all(), doubles().between(0.0, 1.0), doubles().between(0.0, 1.0))
            .checkAssert((seed, dp, dt) -> {
                ImageGeometry g = grid(7, 6, 5);
                Mask p = TestMasks.random(g, seed, dp);
                Mask t = TestMasks.random(g, ~seed, dt);
                OverlapResult pt = OverlapMetrics.compute(p, t);
                OverlapResult tp = OverlapMetrics.compute(t, p);
                if (p.count() + t.count() == 0) {
                    assertThat(pt.dice()).isNaN();
                    return;
                }
                assertThat(pt.dice()).isEqualTo(tp.dice()).isBetween(0.0, 1.0);
                assertThat(pt.iou()).isEqualTo(tp.iou()).isBetween(0.0, 1.0);
                assertThat(pt.dice()).isCloseTo(2 * pt.iou() / (1 + pt.iou()), within(1e-12));
                if (p.count() > 0 && t.count() > 0) {
                    assertThat(pt.precision()).isEqualTo(tp.recall());
                }
                assertThat(pt.truePositives() + pt.falsePositives() + pt.falseNegatives() + pt.trueNegatives())
                    .isEqualTo(g.voxelCount());
            });
    }
}

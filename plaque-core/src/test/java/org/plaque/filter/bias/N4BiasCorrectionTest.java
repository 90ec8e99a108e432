package org.plaque.filter.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class N4BiasCorrectionTest {
    private static SyntheticHead head;
    private static N4BiasCorrection.Result withMask;

    /** The phantom is small (72×80×64), so shrink by 2 instead of 4; everything else at the defaults. */
    private static final N4BiasCorrection N4 =
        new N4BiasCorrection(N4BiasCorrection.Params.DEFAULTS.withShrinkFactor(2));

    @BeforeAll
    static void correctThePhantom() {
        head = new SyntheticHead(17);
        withMask = N4.apply(head.biased, head.brain, ExecutionContext.singleThreaded());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        N4BiasCorrection.Params p = N4BiasCorrection.Params.DEFAULTS;
        assertThat(p.shrinkFactor()).isEqualTo(4);
        assertThat(p.maximumIterations()).containsExactly(50, 50, 50, 50);
        assertThat(p.convergenceThreshold()).isEqualTo(0.001);
        assertThat(p.splineDistanceMm()).isEqualTo(200.0);
        assertThat(p.histogramBins()).isEqualTo(200);
        assertThat(p.biasFieldFwhm()).isEqualTo(0.15);
        assertThat(p.wienerNoise()).isEqualTo(0.01);
        assertThat(N4BiasCorrection.withDefaults().params()).isEqualTo(p);
    }

    @Test
    void recoversAKnownSmoothField() {
        double r = SyntheticHead.logCorrelation(withMask.biasField(), head.trueField, head.brain);
        assertThat(r).isGreaterThan(0.95);
    }

    @Test
    void whiteMatterBecomesMoreUniform() {
        double before = SyntheticHead.coefficientOfVariation(head.biased, head.whiteMatter);
        double after = SyntheticHead.coefficientOfVariation(withMask.corrected(), head.whiteMatter);
        double clean = SyntheticHead.coefficientOfVariation(head.clean, head.whiteMatter);
        assertThat(after).isLessThan(before);
        // Most of the field's share of the WM spread is removed.
        assertThat(after - clean).isLessThan(0.35 * (before - clean));
    }

    @Test
    void withoutAMaskOtsuForegroundIsUsed() {
        N4BiasCorrection.Result r = N4.apply(head.biased, ExecutionContext.singleThreaded());
        assertThat(SyntheticHead.logCorrelation(r.biasField(), head.trueField, head.brain)).isGreaterThan(0.9);
    }

    @Test
    void correctedTimesBiasIsTheInputAndGeometryIsKept() {
        assertThat(withMask.corrected().geometry()).isEqualTo(head.biased.geometry());
        assertThat(withMask.biasField().geometry()).isEqualTo(head.biased.geometry());
        for (int i = 0; i < head.biased.geometry().voxelCount(); i += 97) {
            assertThat((double) withMask.corrected().get(i) * withMask.biasField().get(i))
                .isCloseTo(head.biased.get(i), org.assertj.core.data.Offset.offset(1e-3 + 1e-5 * head.biased.get(i)));
        }
        assertThat(withMask.iterationsPerLevel()).hasSize(4);
        assertThat(withMask.iterationsPerLevel()).allSatisfy(it -> assertThat(it).isBetween(1, 50));
        assertThat(withMask.finalConvergence()).isBetween(0.0, 0.001);
    }

    @Test
    void inputIsNotModified() {
        SyntheticHead fresh = new SyntheticHead(17);
        float[] before = fresh.biased.toArray();
        boolean[] mask = fresh.brain.toArray();
        N4.apply(fresh.biased, fresh.brain, ExecutionContext.singleThreaded());
        assertThat(fresh.biased.toArray()).isEqualTo(before);
        assertThat(fresh.brain.toArray()).isEqualTo(mask);
    }

    @Test
    void sameOutputWithOneAndTwoThreads() {
        List<Double> progress = new ArrayList<>();
        try (ExecutionContext two = ExecutionContext.of(2, 7, (stage, f) -> {
            synchronized (progress) {
                progress.add(f);
            }
        })) {
            N4BiasCorrection.Result r = N4.apply(head.biased, head.brain, two);
            assertThat(r.corrected().toArray()).isEqualTo(withMask.corrected().toArray());
            assertThat(r.biasField().toArray()).isEqualTo(withMask.biasField().toArray());
            assertThat(r.iterationsPerLevel()).isEqualTo(withMask.iterationsPerLevel());
        }
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
    }

    @Test
    void controlPointsFollowTheSplineDistanceRuleOfTheYardstick() {
        ImageGeometry mni = ImageGeometry.axisAligned(182, 218, 182, new double[] {1, 1, 1}, new double[3]);
        assertThat(N4BiasCorrection.controlPoints(mni, 200)).containsExactly(4, 5, 4);
        ImageGeometry thick = ImageGeometry.axisAligned(320, 320, 36, new double[] {0.72, 0.72, 4}, new double[3]);
        assertThat(N4BiasCorrection.controlPoints(thick, 200)).containsExactly(5, 5, 4);
        assertThat(N4BiasCorrection.controlPoints(mni, 50)).containsExactly(7, 8, 7);
    }

    @Test
    void rejectsAMaskOnAnotherGrid() {
        Mask other = Mask.empty(ImageGeometry.axisAligned(10, 10, 10, new double[] {1, 1, 1}, new double[3]));
        assertThatThrownBy(() -> N4.apply(head.biased, other, ExecutionContext.singleThreaded()))
            .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void rejectsAMaskWithoutPositiveVoxels() {
        Mask empty = Mask.empty(head.biased.geometry());
        assertThatThrownBy(() -> N4.apply(head.biased, empty, ExecutionContext.singleThreaded()))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("mask");
    }

    @Test
    void rejectsInvalidParams() {
        N4BiasCorrection.Params d = N4BiasCorrection.Params.DEFAULTS;
        assertThatThrownBy(() -> d.withShrinkFactor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaximumIterations(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaximumIterations(List.of(5, -1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withConvergenceThreshold(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withSplineDistanceMm(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroIterationsLeaveTheImageUnchanged() {
        N4BiasCorrection none = new N4BiasCorrection(
            N4BiasCorrection.Params.DEFAULTS.withShrinkFactor(2).withMaximumIterations(List.of(0)));
        N4BiasCorrection.Result r = none.apply(head.biased, head.brain, ExecutionContext.singleThreaded());
        assertThat(r.corrected().toArray()).isEqualTo(head.biased.toArray());
        assertThat(r.iterationsPerLevel()).containsExactly(0);
        assertThat(r.finalConvergence()).isNaN();
    }

    @Test
    void worksOnASingleSliceImage() {
        ImageGeometry g = ImageGeometry.axisAligned(40, 30, 1, new double[] {1, 1, 1}, new double[3]);
        float[] v = new float[g.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 50f + (i % 40) * 0.5f + ((i / 40) % 2) * 20f;
        }
        ScalarVolume img = ScalarVolume.of(g, v);
        N4BiasCorrection.Result r = new N4BiasCorrection(N4BiasCorrection.Params.DEFAULTS.withShrinkFactor(1))
            .apply(img, ExecutionContext.singleThreaded());
        for (int i = 0; i < v.length; i++) {
            assertThat(r.corrected().get(i)).isFinite();
        }
    }
}

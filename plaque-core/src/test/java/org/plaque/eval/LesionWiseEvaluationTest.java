package org.plaque.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.plaque.segment.components.TestMasks.box;
import static org.plaque.segment.components.TestMasks.grid;
import static org.plaque.segment.components.TestMasks.union;
import static org.plaque.segment.components.TestMasks.voxels;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;

class LesionWiseEvaluationTest {
    /** 1 mm³ voxels. */
    private static final ImageGeometry G = grid(20, 12, 16);
    /** MSSEG α, β, γ and 6-connectivity without the size filter, for hand-sized lesions. */
    private static final LesionWiseRule RULE = LesionWiseRule.MSSEG.withMinLesionVolumeMm3(0);

    private static LesionWiseResult eval(Mask pred, Mask truth) {
        return LesionWiseEvaluation.evaluate(pred, truth, RULE);
    }

    @Test
    void msssegConstantMatchesEvaluationMd() {
        assertThat(LesionWiseRule.MSSEG).isEqualTo(new LesionWiseRule(0.10, 0.70, 0.65, 3.0, Connectivity.SIX));
    }

    @Test
    void alphaCoverageMustBeStrictlyLarger() {
        Mask truth = box(G, 0, 0, 0, 9, 9, 0);                                 // 100 voxels
        Mask tenPercent = box(G, 0, 0, 0, 9, 0, 0);                           // 10 inside
        LesionWiseResult r = eval(tenPercent, truth);
        assertThat(r.detectedTruthLesions()).isZero();
        assertThat(r.lesionTpr()).isZero();
        Mask elevenPercent = union(tenPercent, voxels(G, new int[] {0, 1, 0}));
        LesionWiseResult s = eval(elevenPercent, truth);
        assertThat(s.detectedTruthLesions()).isEqualTo(1);
        assertThat(s.lesionTpr()).isEqualTo(1.0);
        // Swapped roles: the prediction is fully covered, but the reference lesion it overlaps lies 89 %
        // outside every predicted lesion (> β), so the predicted lesion is not matched.
        assertThat(s.matchedPredLesions()).isZero();
        assertThat(s.lesionPpv()).isZero();
        assertThat(s.lesionF1()).isZero();
    }

    @Test
    void betaOutsideFractionOfAnOverlappingPrediction() {
        Mask truth = box(G, 0, 0, 0, 3, 3, 3);                                 // 64 voxels
        Mask tooBig = box(G, 0, 0, 0, 3, 3, 13);                              // 224 voxels, 160/224 = 0.714 outside
        LesionWiseResult r = eval(tooBig, truth);
        assertThat(r.detectedTruthLesions()).isZero();
        assertThat(r.matchedPredLesions()).isEqualTo(1);                       // reference lies fully inside it
        Mask bigEnough = box(G, 0, 0, 0, 3, 3, 12);                           // 208 voxels, 144/208 = 0.692
        assertThat(eval(bigEnough, truth).detectedTruthLesions()).isEqualTo(1);
        LesionWiseRule strict = new LesionWiseRule(0.1, 0.6, 0.65, 0, Connectivity.SIX);
        assertThat(LesionWiseEvaluation.evaluate(bigEnough, truth, strict).detectedTruthLesions()).isZero();
    }

    @Test
    void gammaStopsTheWalkBeforeAStrayPrediction() {
        Mask truth = box(G, 0, 0, 0, 9, 3, 0);                                 // 40 voxels in one plane
        // P1 inside (24 voxels), P2 a column mostly outside (12 of 120 voxels inside, 0.9 outside).
        Mask p1 = box(G, 0, 0, 0, 5, 3, 0);
        Mask p2 = box(G, 7, 0, 0, 9, 3, 9);
        LesionWiseResult r = eval(union(p1, p2), truth);
        // P1 brings 24/36 = 0.667 ≥ γ of the covered part: the walk stops before P2.
        assertThat(r.detectedTruthLesions()).isEqualTo(1);
        assertThat(r.predLesions()).isEqualTo(2);
        // P1 is matched; P2 is covered only 12/120 = 0.1, not more than α.
        assertThat(r.matchedPredLesions()).isEqualTo(1);
        assertThat(r.lesionPpv()).isEqualTo(0.5);
        assertThat(r.lesionF1()).isCloseTo(2 * 0.5 / 1.5, within(1e-15));

        // P1 smaller (20 voxels, 20/36 = 0.556 < γ): the walk reaches P2, which is 0.9 outside.
        Mask q1 = box(G, 0, 0, 0, 4, 3, 0);
        Mask q2 = box(G, 6, 0, 0, 9, 3, 9);
        assertThat(eval(union(q1, q2), truth).detectedTruthLesions()).isZero();
        LesionWiseRule lowGamma = new LesionWiseRule(0.1, 0.7, 0.5, 0, Connectivity.SIX);
        assertThat(LesionWiseEvaluation.evaluate(union(q1, q2), truth, lowGamma).detectedTruthLesions()).isEqualTo(1);
    }

    @Test
    void outsideFractionIsMeasuredAgainstAllReferenceLesions() {
        // One predicted bar over three reference lesions: 8 of its 56 voxels lie in no reference lesion
        // (0.14), although 40/56 = 0.71 > β lie outside each single reference lesion.
        Mask truth = union(box(G, 0, 0, 0, 3, 3, 0), box(G, 5, 0, 0, 8, 3, 0), box(G, 10, 0, 0, 13, 3, 0));
        Mask pred = box(G, 0, 0, 0, 13, 3, 0);
        LesionWiseResult r = eval(pred, truth);
        assertThat(r.truthLesions()).isEqualTo(3);
        assertThat(r.detectedTruthLesions()).isEqualTo(3);
        assertThat(r.matchedPredLesions()).isEqualTo(1);
        assertThat(r.lesionF1()).isEqualTo(1.0);
    }

    @Test
    void swappedRolesGivePrecision() {
        // A small prediction inside a big reference lesion detects it (TPR 1) but is not matched by it,
        // because 80 % of the reference lesion lies outside every prediction (> β).
        Mask truth = box(G, 0, 0, 0, 9, 9, 0);                                 // 100 voxels
        Mask small = box(G, 0, 0, 0, 9, 1, 0);                                // 20 voxels
        LesionWiseResult r = eval(small, truth);
        assertThat(r.lesionTpr()).isEqualTo(1.0);
        assertThat(r.lesionPpv()).isZero();
        LesionWiseResult swapped = eval(truth, small);
        assertThat(swapped.lesionTpr()).isZero();
        assertThat(swapped.lesionPpv()).isEqualTo(1.0);
        Mask larger = box(G, 0, 0, 0, 9, 3, 0);                               // 40 voxels: 60 % outside
        assertThat(eval(larger, truth).lesionPpv()).isEqualTo(1.0);
    }

    @Test
    void lesionsUpToTheMinimumVolumeAreRemovedFromBothSides() {
        Mask big = box(G, 0, 0, 0, 2, 2, 2);                                   // 27 mm³
        Mask tiny = box(G, 10, 0, 0, 12, 0, 0);                                // 3 mm³: removed
        Mask truth = union(big, tiny);
        // The prediction covers the removed reference lesion with a 5-voxel lesion: that one is kept, and
        // all of it lies outside every (kept) reference lesion.
        Mask pred = union(big, box(G, 10, 0, 0, 14, 0, 0));
        LesionWiseResult r = LesionWiseEvaluation.evaluate(pred, truth, LesionWiseRule.MSSEG);
        assertThat(r.truthLesions()).isEqualTo(1);
        assertThat(r.predLesions()).isEqualTo(2);
        assertThat(r.detectedTruthLesions()).isEqualTo(1);
        assertThat(r.matchedPredLesions()).isEqualTo(1);
        assertThat(r.truthLesionVolumeMm3()).isCloseTo(27, within(1e-12));
        assertThat(r.predLesionVolumeMm3()).isCloseTo(32, within(1e-12));
        LesionWiseResult all = LesionWiseEvaluation.evaluate(pred, truth, RULE);
        assertThat(all.truthLesions()).isEqualTo(2);
        assertThat(all.lesionTpr()).isEqualTo(1.0);
    }

    @Test
    void connectivityDefinesTheLesions() {
        Mask truth = union(box(G, 0, 0, 0, 1, 1, 1), box(G, 2, 2, 2, 3, 3, 3));   // touch at a corner
        Mask pred = box(G, 0, 0, 0, 1, 1, 1);
        LesionWiseResult six = eval(pred, truth);
        assertThat(six.truthLesions()).isEqualTo(2);
        assertThat(six.lesionTpr()).isEqualTo(0.5);
        LesionWiseResult corner = LesionWiseEvaluation.evaluate(pred, truth, RULE.withConnectivity(Connectivity.TWENTY_SIX));
        assertThat(corner.truthLesions()).isEqualTo(1);
        assertThat(corner.lesionTpr()).isEqualTo(1.0);                         // 8 of 16 covered, nothing outside
    }

    @Test
    void referenceWithoutLesionsReportsPredictedCountAndVolume() {
        Mask pred = union(box(G, 0, 0, 0, 1, 1, 1), box(G, 5, 5, 5, 7, 5, 5));
        Mask empty = Mask.empty(G);
        LesionWiseResult r = eval(pred, empty);
        assertThat(r.truthLesions()).isZero();
        assertThat(r.lesionTpr()).isNaN();
        assertThat(r.lesionPpv()).isZero();
        assertThat(r.lesionF1()).isNaN();
        assertThat(r.predLesions()).isEqualTo(2);
        assertThat(r.predLesionVolumeMm3()).isCloseTo(11, within(1e-12));
        LesionWiseResult strict = LesionWiseEvaluation.evaluate(pred, empty, RULE, EmptyPolicy.BOTH_EMPTY_IS_PERFECT);
        assertThat(strict.lesionTpr()).isZero();
        assertThat(strict.lesionF1()).isZero();

        LesionWiseResult none = eval(empty, empty);
        assertThat(none.lesionTpr()).isNaN();
        assertThat(none.lesionPpv()).isNaN();
        assertThat(none.lesionF1()).isNaN();
        LesionWiseResult nonePerfect = LesionWiseEvaluation.evaluate(empty, empty, RULE, EmptyPolicy.BOTH_EMPTY_IS_PERFECT);
        assertThat(nonePerfect.lesionTpr()).isEqualTo(1.0);
        assertThat(nonePerfect.lesionF1()).isEqualTo(1.0);

        LesionWiseResult missedAll = eval(empty, pred);
        assertThat(missedAll.lesionTpr()).isZero();
        assertThat(missedAll.lesionPpv()).isNaN();
    }

    @Test
    void rejectsInvalidRulesAndGrids() {
        assertThatThrownBy(() -> new LesionWiseRule(1.1, 0.7, 0.65, 3, Connectivity.SIX))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new LesionWiseRule(0.1, Double.NaN, 0.65, 3, Connectivity.SIX))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
        assertThatThrownBy(() -> new LesionWiseRule(0.1, 0.7, -0.1, 3, Connectivity.SIX))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new LesionWiseRule(0.1, 0.7, 0.6, -3, Connectivity.SIX))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> eval(Mask.empty(G), Mask.empty(grid(20, 12, 16, 1, 1, 1.5))))
            .isInstanceOf(InvalidInputException.class);
    }

    /** Lesion-like masks: a few random boxes. */
    private static Mask randomBoxes(ImageGeometry g, Random r, int boxes, int maxSide) {
        Mask.Builder b = Mask.builder(g);
        for (int k = 0; k < boxes; k++) {
            int sx = 1 + r.nextInt(maxSide);
            int sy = 1 + r.nextInt(maxSide);
            int sz = 1 + r.nextInt(Math.max(1, maxSide / 2));
            int x0 = r.nextInt(g.nx());
            int y0 = r.nextInt(g.ny());
            int z0 = r.nextInt(g.nz());
            for (int z = z0; z < Math.min(g.nz(), z0 + sz); z++) {
                for (int y = y0; y < Math.min(g.ny(), y0 + sy); y++) {
                    for (int x = x0; x < Math.min(g.nx(), x0 + sx); x++) {
                        b.set(x, y, z, true);
                    }
                }
            }
        }
        return b.build();
    }

    @Test
    void agreesWithADenseTableReference() {
        qt().withFixedSeed(2018L).withExamples(300)
            .forAll(longs().all(), doubles().between(0, 1), doubles().between(0, 1), integers().between(0, 3))
            .checkAssert((seed, beta, gamma, variant) -> {
                Random r = new Random(seed);
                ImageGeometry g = grid(14, 12, 6);
                Mask truth = randomBoxes(g, r, 1 + r.nextInt(8), 7);
                Mask pred = randomBoxes(g, r, 2 + r.nextInt(14), 4);
                double alpha = r.nextDouble() * 0.5;
                Connectivity conn = Connectivity.values()[variant % 3];
                LesionWiseRule rule = new LesionWiseRule(alpha, beta, gamma, variant == 3 ? 3.0 : 0.0, conn);
                LesionWiseResult got = LesionWiseEvaluation.evaluate(pred, truth, rule);
                int[] expected = BruteForceLesionWise.counts(pred, truth, rule);
                assertThat(new int[] {got.detectedTruthLesions(), got.matchedPredLesions(), got.truthLesions(),
                    got.predLesions()}).as("rule %s seed %d", rule, seed).isEqualTo(expected);
            });
    }

    @Test
    void swappingPredictionAndReferenceSwapsTprAndPpv() {
        qt().withFixedSeed(13L).withExamples(150)
            .forAll(longs().all(), integers().between(1, 9))
            .checkAssert((seed, boxes) -> {
                Random r = new Random(seed);
                ImageGeometry g = grid(16, 16, 6);
                Mask a = randomBoxes(g, r, boxes, 5);
                Mask b = randomBoxes(g, r, boxes, 5);
                LesionWiseResult ab = LesionWiseEvaluation.evaluate(a, b, LesionWiseRule.MSSEG);
                LesionWiseResult ba = LesionWiseEvaluation.evaluate(b, a, LesionWiseRule.MSSEG);
                assertThat(ba.detectedTruthLesions()).isEqualTo(ab.matchedPredLesions());
                assertThat(ba.matchedPredLesions()).isEqualTo(ab.detectedTruthLesions());
                // Double.compare treats NaN (no lesion on one side) as equal to itself.
                assertThat(Double.compare(ba.lesionTpr(), ab.lesionPpv())).isZero();
                assertThat(Double.compare(ba.lesionPpv(), ab.lesionTpr())).isZero();
                assertThat(Double.compare(ba.lesionF1(), ab.lesionF1())).isZero();
                LesionWiseResult same = LesionWiseEvaluation.evaluate(a, a, LesionWiseRule.MSSEG);
                if (same.truthLesions() > 0) {
                    assertThat(same.lesionF1()).isEqualTo(1.0);
                }
            });
    }
}

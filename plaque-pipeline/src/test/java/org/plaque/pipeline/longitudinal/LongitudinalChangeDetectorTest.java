package org.plaque.pipeline.longitudinal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.LabelVolume;
import org.plaque.pipeline.testing.SyntheticHead;

/** The classical detector on a synthetic pair with one lesion of each kind of change (see the pair's doc). */
class LongitudinalChangeDetectorTest {
    private static LongitudinalPhantomPair pair;
    private static LongitudinalResult result;
    private static float[] baselineBefore;
    private static float[] followupBefore;

    @BeforeAll
    static void run() {
        ExecutionContext ctx = ExecutionContext.of(2, 42, (s, f) -> { });
        pair = new LongitudinalPhantomPair();
        baselineBefore = pair.baseline.toArray();
        followupBefore = pair.followup.toArray();
        result = new LongitudinalChangeDetector(ChangeParams.DEFAULTS).detect(pair.baseline, pair.baselineBrain,
            pair.followup, pair.followupBrain, ctx);
    }

    /** The distinct labels of change voxels within 4 voxels of a point (world mm). */
    private static List<Integer> labelsNear(double[] c) {
        LabelVolume l = result.changeLabels();
        ImageGeometry g = l.geometry();
        Affine w2v = g.voxelToWorld().inverse();
        double[] v = w2v.apply(c[0], c[1], c[2]);
        List<Integer> found = new ArrayList<>();
        int r = 4;
        for (int dz = -r; dz <= r; dz++) {
            for (int dy = -r; dy <= r; dy++) {
                for (int dx = -r; dx <= r; dx++) {
                    int x = (int) Math.round(v[0]) + dx;
                    int y = (int) Math.round(v[1]) + dy;
                    int z = (int) Math.round(v[2]) + dz;
                    int lab = l.get(x, y, z);
                    if (lab != 0 && !found.contains(lab)) {
                        found.add(lab);
                    }
                }
            }
        }
        return found;
    }

    @Test
    void registrationRecoversTheShift() {
        double[] got = result.followupToBaseline().apply(0, 0, 0);
        double[] want = LongitudinalPhantomPair.trueFollowupToBaseline().apply(0, 0, 0);
        for (int d = 0; d < 3; d++) {
            assertThat(got[d]).isCloseTo(want[d], org.assertj.core.data.Offset.offset(0.5));
        }
        assertThat((Double) result.registration().get("brain_correlation")).isGreaterThan(0.8);
    }

    @Test
    void eachChangeGetsItsLabel() {
        List<double[]> c = LongitudinalPhantomPair.CENTRES;
        assertThat(labelsNear(c.get(0))).as("new N").containsExactly(ChangeLabel.NEW.code());
        assertThat(labelsNear(c.get(1))).as("vanished V").containsExactly(ChangeLabel.VANISHED.code());
        assertThat(labelsNear(c.get(2))).as("enlarging E").containsExactly(ChangeLabel.ENLARGING.code());
        assertThat(labelsNear(c.get(3))).as("shrinking S").containsExactly(ChangeLabel.SHRINKING.code());
        for (double[] stable : SyntheticHead.LESIONS) {
            assertThat(labelsNear(stable)).as("stable lesion").isEmpty();
        }
    }

    @Test
    void noChangeAwayFromThePaintedLesions() {
        for (LesionChange ch : result.changes()) {
            double best = Double.MAX_VALUE;
            for (double[] c : LongitudinalPhantomPair.CENTRES) {
                double[] p = ch.centroidMm();
                best = Math.min(best, Math.sqrt(Math.pow(p[0] - c[0], 2) + Math.pow(p[1] - c[1], 2)
                    + Math.pow(p[2] - c[2], 2)));
            }
            assertThat(best).as("change %s far from every painted lesion", ch).isLessThan(8.0);
        }
        assertThat(result.changes()).hasSize(4);
        assertThat(result.newLesionMask().count()).isGreaterThan(0).isLessThan(result.changeMask().count());
    }

    @Test
    void volumesFollowTheRules() {
        double min = ChangeParams.DEFAULTS.minLesionVolumeMm3();
        for (LesionChange ch : result.changes()) {
            switch (ch.label()) {
                case NEW -> assertThat(ch.baselineVolumeMm3()).isLessThan(min).isLessThan(ch.followupVolumeMm3());
                case VANISHED -> assertThat(ch.followupVolumeMm3()).isLessThan(min)
                    .isLessThan(ch.baselineVolumeMm3());
                case ENLARGING -> assertThat(ch.baselineVolumeMm3()).isGreaterThanOrEqualTo(min)
                    .isLessThan(ch.followupVolumeMm3());
                case SHRINKING -> assertThat(ch.followupVolumeMm3()).isGreaterThanOrEqualTo(min)
                    .isLessThan(ch.baselineVolumeMm3());
                default -> throw new AssertionError(ch);
            }
        }
    }

    @Test
    void crossSectionalMasksGateTheCandidates() {
        ExecutionContext ctx = ExecutionContext.of(2, 42, (s, f) -> { });
        LongitudinalChangeDetector d = new LongitudinalChangeDetector(ChangeParams.DEFAULTS);
        var none = d.detect(pair.baseline, pair.baselineBrain, org.plaque.image.Mask.empty(pair.baseline.geometry()),
            pair.followup, pair.followupBrain, org.plaque.image.Mask.empty(pair.followup.geometry()), ctx);
        assertThat(none.changes()).as("no lesion at either visit: nothing changed").isEmpty();
        assertThat(none.candidates()).hasSameSizeAs(result.candidates());
        var all = d.detect(pair.baseline, pair.baselineBrain, pair.baselineBrain, pair.followup, pair.followupBrain,
            pair.followupBrain, ctx);
        assertThat(all.changeMask().toArray()).isEqualTo(result.changeMask().toArray());
    }

    @Test
    void inputsAreUnchanged() {
        assertThat(pair.baseline.toArray()).isEqualTo(baselineBefore);
        assertThat(pair.followup.toArray()).isEqualTo(followupBefore);
    }
}

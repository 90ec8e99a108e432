package org.plaque.pipeline.longitudinal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plaque.dl.data.CandidatePatch;
import org.plaque.dl.train.FilterTraining;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Affine;
import org.plaque.image.Mask;
import org.plaque.pipeline.testing.SyntheticHead;

/**
 * The filter's training patches on the synthetic pair (reference = the detector's own change mask): judged
 * candidates plus the extra false-positive (stable lesion) and infratentorial patches.
 */
class FilterPatchesTest {
    private static LongitudinalResult result;
    private static Mask reference;
    private static final ExecutionContext CTX = ExecutionContext.of(2, 42, (s, f) -> { });

    @BeforeAll
    static void detect() {
        LongitudinalPhantomPair pair = new LongitudinalPhantomPair();
        result = new LongitudinalChangeDetector(ChangeParams.DEFAULTS).detect(pair.baseline, pair.baselineBrain,
            pair.followup, pair.followupBrain, CTX);
        reference = result.changeMask();
    }

    private static List<Candidate> judged() {
        return result.candidates().stream().filter(c -> CnnChangeFilter.judged(c, ChangeParams.DEFAULTS)).toList();
    }

    @Test
    void stableLesionsAreFalsePositivePatches() {
        List<Candidate> stable = FilterPatches.stableLesions(result, judged(), reference, ChangeParams.DEFAULTS);
        Affine w2v = result.brain().geometry().voxelToWorld().inverse();
        for (double[] c : SyntheticHead.LESIONS) {
            double[] v = w2v.apply(c[0], c[1], c[2]);
            int centre = result.brain().geometry().index((int) Math.round(v[0]), (int) Math.round(v[1]),
                (int) Math.round(v[2]));
            assertThat(stable).as("a region at the stable lesion %s", java.util.Arrays.toString(c))
                .anySatisfy(r -> assertThat(r.voxels()).contains(centre));
        }
        boolean[] taken = new boolean[result.brain().geometry().voxelCount()];
        for (Candidate c : judged()) {
            for (int i : c.voxels()) {
                taken[i] = true;
            }
        }
        for (Candidate r : stable) {
            int inReference = 0;
            for (int i : r.voxels()) {
                assertThat(taken[i]).as("overlaps a judged candidate").isFalse();
                inReference += reference.get(i) ? 1 : 0;
            }
            assertThat(inReference).isLessThan((int) Math.ceil(FilterTraining.TRUE_FRACTION * r.voxels().length));
            assertThat(r.volumeMm3()).isBetween(ChangeParams.DEFAULTS.minLesionVolumeMm3(), Candidate.MAX_VOLUME_MM3);
        }
    }

    @Test
    void infratentorialRegionsLieLowInTheBrainAndAreSeeded() {
        Mask brain = result.brain();
        var maps = CandidatePatches.distanceMaps(brain, CTX);
        List<Candidate> a = FilterPatches.infratentorial(brain, maps.vertexToNeck(), 7);
        assertThat(a).hasSize(FilterPatches.INFRATENTORIAL_PATCHES);
        for (Candidate r : a) {
            assertThat(r.voxels()).isNotEmpty();
            double mean = 0;
            for (int i : r.voxels()) {
                assertThat(brain.get(i)).isTrue();
                mean += maps.vertexToNeck().get(i);
            }
            // centred in the lowest quarter; the 16 mm box reaches a little above it
            assertThat(mean / r.voxels().length).isGreaterThan(0.6);
        }
        List<Candidate> again = FilterPatches.infratentorial(brain, maps.vertexToNeck(), 7);
        List<Candidate> other = FilterPatches.infratentorial(brain, maps.vertexToNeck(), 8);
        for (int k = 0; k < a.size(); k++) {
            assertThat(again.get(k).voxels()).isEqualTo(a.get(k).voxels());
        }
        assertThat(java.util.stream.IntStream.range(0, a.size())
            .anyMatch(k -> !java.util.Arrays.equals(other.get(k).voxels(), a.get(k).voxels())))
            .as("another seed draws other centres").isTrue();
    }

    @Test
    void trainingHasTheJudgedCandidatesThenTheExtras() {
        List<CandidatePatch> patches = FilterPatches.training(result, reference, ChangeParams.DEFAULTS, CTX);
        int stable = FilterPatches.stableLesions(result, judged(), reference, ChangeParams.DEFAULTS).size();
        assertThat(patches).hasSize(judged().size() + stable + FilterPatches.INFRATENTORIAL_PATCHES);
        assertThat(patches.stream().filter(FilterTraining::isTrue).count()).as("the detected changes")
            .isEqualTo(result.changes().size());
        for (CandidatePatch p : patches.subList(judged().size(), patches.size())) {
            assertThat(FilterTraining.isTrue(p)).as("an extra patch is a negative here").isFalse();
        }
    }
}

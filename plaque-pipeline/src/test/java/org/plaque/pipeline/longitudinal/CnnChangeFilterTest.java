package org.plaque.pipeline.longitudinal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.dl.data.CandidatePatch;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * The pieces of the CNN filter stage that need no network: nearest-centre stitching of overlapping patch
 * outputs, the keep rules, the volume range the network judges, and the conversion of candidate patches to
 * plaque-dl's training record.
 */
class CnnChangeFilterTest {
    private static ImageGeometry grid(int nx, int ny, int nz, double sx, double sy, double sz) {
        return ImageGeometry.axisAligned(nx, ny, nz, new double[] {sx, sy, sz}, new double[] {0, 0, 0});
    }

    private static NearestCentre.Box box(int[] origin, int[] size, float value) {
        float[] v = new float[size[0] * size[1] * size[2]];
        java.util.Arrays.fill(v, value);
        return new NearestCentre.Box(origin, size, v);
    }

    @Test
    void eachVoxelTakesTheOutputOfTheNearestPatchCentre() {
        ImageGeometry g = grid(20, 5, 5, 1, 1, 1);
        // A spans x 0..9 (centre 4.5), B spans x 6..15 (centre 10.5); both span y, z 0..4
        NearestCentre.Box a = box(new int[] {0, 0, 0}, new int[] {10, 5, 5}, 1f);
        NearestCentre.Box b = box(new int[] {6, 0, 0}, new int[] {10, 5, 5}, 2f);
        int[] row = new int[20];
        for (int x = 0; x < 20; x++) {
            row[x] = g.index(x, 2, 2);
        }
        float[] v = NearestCentre.assign(g, List.of(a, b), new int[][] {row})[0];
        for (int x = 0; x < 20; x++) {
            // x = 7.5 would be the tie; voxel 7 is 2.5 from A and 3.5 from B; no patch holds x ≥ 16
            if (x < 16) {
                assertThat(v[x]).as("x=" + x).isEqualTo(x <= 7 ? 1f : 2f);
            } else {
                assertThat(Float.isNaN(v[x])).as("x=" + x).isTrue();
            }
        }
        // a tie goes to the earlier patch
        NearestCentre.Box c = box(new int[] {0, 0, 0}, new int[] {10, 5, 5}, 3f);
        assertThat(NearestCentre.assign(g, List.of(c, a), new int[][] {{g.index(4, 2, 2)}})[0][0]).isEqualTo(3f);
    }

    @Test
    void distancesAreInMillimetres() {
        ImageGeometry g = grid(10, 10, 10, 1, 1, 4);
        NearestCentre.Box wide = box(new int[] {0, 0, 4}, new int[] {7, 10, 3}, 5f);      // centre x 3, z 5
        NearestCentre.Box flat = box(new int[] {0, 0, 3}, new int[] {9, 10, 3}, 7f);      // centre x 4, z 4
        // voxel (6, 5, 5): wide is 3 mm away (x), flat is 2 mm in x and 4 mm in z = sqrt(20) mm
        assertThat(NearestCentre.assign(g, List.of(flat, wide), new int[][] {{g.index(6, 5, 5)}})[0][0])
            .isEqualTo(5f);
        // with isotropic 1 mm voxels flat (sqrt 5) would win
        ImageGeometry iso = grid(10, 10, 10, 1, 1, 1);
        assertThat(NearestCentre.assign(iso, List.of(flat, wide), new int[][] {{iso.index(6, 5, 5)}})[0][0])
            .isEqualTo(7f);
    }

    @Test
    void keepRules() {
        float[] mostlyHigh = {0.9f, 0.8f, 0.8f, 0.6f};
        float[] oneHigh = {0.9f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
        assertThat(CnnChangeFilter.decide(mostlyHigh, 0.75, CnnChangeFilter.KeepRule.MEAN)).isTrue();
        assertThat(CnnChangeFilter.decide(oneHigh, 0.75, CnnChangeFilter.KeepRule.MEAN)).isFalse();
        assertThat(CnnChangeFilter.decide(oneHigh, 0.75, CnnChangeFilter.KeepRule.FRACTION)).isTrue();
        assertThat(CnnChangeFilter.decide(new float[] {0.1f, 0.2f}, 0.75, CnnChangeFilter.KeepRule.FRACTION))
            .isFalse();
        assertThat(CnnChangeFilter.decide(new float[0], 0.75, CnnChangeFilter.KeepRule.MEAN)).isFalse();
        Candidate small = new Candidate(true, new int[] {1}, 29.9, 3, 0, 2, 1, 1);
        Candidate ok = new Candidate(true, new int[] {1}, 30, 0, 0, 1, 0, 0);
        Candidate huge = new Candidate(true, new int[] {1}, Candidate.MAX_VOLUME_MM3 + 1, 3, 0, 2, 1, 1);
        assertThat(CnnChangeFilter.judged(small, ChangeParams.DEFAULTS)).isFalse();
        assertThat(CnnChangeFilter.judged(ok, ChangeParams.DEFAULTS)).as("other cues do not matter").isTrue();
        assertThat(CnnChangeFilter.judged(huge, ChangeParams.DEFAULTS)).isFalse();
    }

    @Test
    void patchesBecomeTrainingRecordsWithReferenceAndCandidateMasks() {
        ImageGeometry g = grid(12, 10, 8, 1, 1, 2);
        ScalarVolume.Builder fb = ScalarVolume.builder(g);
        ScalarVolume.Builder bb = ScalarVolume.builder(g);
        Mask.Builder brain = Mask.builder(g);
        Mask.Builder ref = Mask.builder(g);
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < g.voxelCount(); i++) {
            fb.array()[i] = 100 + (float) random.nextGaussian() * 5;
            bb.array()[i] = 100 + (float) random.nextGaussian() * 5;
            brain.array()[i] = true;
        }
        int[] vox = {g.index(5, 5, 4), g.index(6, 5, 4), g.index(6, 6, 4), g.index(6, 6, 5)};
        for (int i : vox) {
            fb.array()[i] = 200;
        }
        ref.array()[vox[0]] = true;
        ref.array()[g.index(4, 5, 4)] = true; // reference outside the candidate but inside its box
        Mask brainMask = brain.build();
        Candidate c = new Candidate(true, vox, 8, 5, 0, 2, 1, 1);
        ScalarVolume f = fb.build();
        Mask reference = ref.build();
        List<CandidatePatches.Patch> patches = CandidatePatches.of(List.of(c), bb.build(), f, brainMask,
            CandidatePatches.distanceMaps(brainMask, org.plaque.exec.ExecutionContext.of(1, 1, (s, x) -> { })),
            reference);
        CandidatePatch p = FilterPatches.toDl(patches.get(0), c, reference, g);
        // box x 3..8, y 3..8, z 2..7 -> {D, H, W} = {6, 6, 6}
        assertThat(p.shape()).containsExactly(6, 6, 6);
        assertThat(p.channelCount()).isEqualTo(5);
        assertThat(p.labelFraction()).isEqualTo(0.25);
        assertThat(sum(p.candidate())).isEqualTo(4f);
        assertThat(sum(p.label())).isEqualTo(2f);
        // patch voxel (x, y, z) = grid voxel (x + 3, y + 3, z + 2)
        assertThat(p.candidate()[(2 * 6 + 2) * 6 + 2]).isEqualTo(1f);   // (5, 5, 4)
        assertThat(p.candidate()[(3 * 6 + 3) * 6 + 3]).isEqualTo(1f);   // (6, 6, 5)
        assertThat(p.label()[(2 * 6 + 2) * 6 + 1]).isEqualTo(1f);       // (4, 5, 4)
        assertThat(p.channels()[216 + (2 * 6 + 2) * 6 + 2]).as("follow-up z at the candidate").isGreaterThan(5f);
        CandidatePatch unlabelled = FilterPatches.toDl(patches.get(0), c, null, g);
        assertThat(sum(unlabelled.label())).isZero();
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}

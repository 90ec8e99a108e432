package org.plaque.dl.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class CascadeCandidatesTest {
    private static final TrainingSubject N = InputNormalisation.ZSCORE_BRAIN.apply(
        TestSubjects.subject("a", 30, 28, 24, 1, new int[][] {{10, 10, 10}, {20, 16, 12}}));

    @Test
    void candidatesAreBrightBrainVoxelsAndCoverTheLesions() {
        Mask cand = CascadeCandidates.candidates(N);
        ScalarVolume flair = N.channels().get(0);
        int lesionCovered = 0;
        for (int i = 0; i < cand.geometry().voxelCount(); i++) {
            assertThat(cand.get(i)).isEqualTo(N.brain().get(i) && flair.get(i) > 1.5f);
            if (N.lesion().get(i) && cand.get(i)) {
                lesionCovered++;
            }
        }
        assertThat(lesionCovered).isGreaterThan(N.lesion().count() * 9 / 10);
        assertThat(CascadeCandidates.candidates(N, 3.0).count()).isLessThan(cand.count());
    }

    @Test
    void stageOneSamplesAllLesionsAndAsManyCandidateNegatives() {
        Mask cand = CascadeCandidates.candidates(N, 0.5);
        int[] s1 = CascadeCandidates.sampleTraining(N, cand, new SplittableRandom(4));
        int[] s2 = CascadeCandidates.sampleTraining(N, cand, new SplittableRandom(4));
        assertThat(s1).isEqualTo(s2);
        int lesions = N.lesion().count();
        assertThat(s1).hasSize(2 * lesions);
        Set<Integer> seen = new HashSet<>();
        int pos = 0;
        for (int i : s1) {
            assertThat(seen.add(i)).isTrue();
            if (N.lesion().get(i)) {
                pos++;
            } else {
                assertThat(cand.get(i)).isTrue();
            }
        }
        assertThat(pos).isEqualTo(lesions);
        float[] labels = CascadeCandidates.labels(N.lesion(), s1);
        double sum = 0;
        for (float l : labels) {
            sum += l;
        }
        assertThat(sum).isEqualTo(lesions);
    }

    @Test
    void hardNegativesAreConfidentMistakes() {
        Mask cand = CascadeCandidates.candidates(N, 0.5);
        float[] p = new float[N.geometry().voxelCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i % 3 == 0) ? 0.9f : 0.1f;
        }
        ScalarVolume prob = ScalarVolume.of(N.geometry(), p);
        Mask hard = CascadeCandidates.hardNegatives(cand, N.lesion(), prob, 0.5);
        assertThat(hard.count()).isPositive();
        for (int i = 0; i < p.length; i++) {
            assertThat(hard.get(i)).isEqualTo(cand.get(i) && !N.lesion().get(i) && i % 3 == 0);
        }
        int[] s = CascadeCandidates.sampleStage2(N, cand, prob, 0.5, new SplittableRandom(1));
        int neg = 0;
        for (int i : s) {
            if (!N.lesion().get(i)) {
                assertThat(hard.get(i)).isTrue();
                neg++;
            }
        }
        assertThat(neg).isEqualTo(Math.min(N.lesion().count(), hard.count()));
    }

    @Test
    void voxelPatchesAreCentredAndZeroPadded() {
        int nx = 30;
        int ny = 28;
        int[] centres = {N.geometry().index(10, 10, 10), N.geometry().index(0, 27, 23)};
        float[] out = VoxelPatches.extract(N.channels(), centres, 5);
        assertThat(out).hasSize(2 * 3 * 125);
        for (int n = 0; n < 2; n++) {
            int c = centres[n];
            int cx = c % nx;
            int cy = (c / nx) % ny;
            int cz = c / (nx * ny);
            for (int ch = 0; ch < 3; ch++) {
                for (int z = 0; z < 5; z++) {
                    for (int y = 0; y < 5; y++) {
                        for (int x = 0; x < 5; x++) {
                            int vx = cx + x - 2;
                            int vy = cy + y - 2;
                            int vz = cz + z - 2;
                            boolean in = N.geometry().contains(vx, vy, vz);
                            float expect = in ? N.channels().get(ch).get(vx, vy, vz) : 0f;
                            assertThat(out[((n * 3 + ch) * 5 + z) * 25 + y * 5 + x]).isEqualTo(expect);
                        }
                    }
                }
            }
        }
        float[] second = VoxelPatches.extract(List.copyOf(N.channels()), centres, 1, 2, 5);
        assertThat(second).isEqualTo(java.util.Arrays.copyOfRange(out, 375, 750));
    }
}

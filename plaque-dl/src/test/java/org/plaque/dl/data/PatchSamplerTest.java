package org.plaque.dl.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PatchSamplerTest {
    private static final TrainingSubject A = InputNormalisation.ZSCORE_BRAIN.apply(
        TestSubjects.subject("a", 40, 36, 30, 1, new int[][] {{12, 14, 15}, {25, 20, 12}}));
    private static final TrainingSubject B = InputNormalisation.ZSCORE_BRAIN.apply(
        TestSubjects.subject("b", 40, 36, 30, 2, new int[][] {{20, 18, 15}}));

    @Test
    void sameSeedGivesSamePatches() {
        PatchSampler s = new PatchSampler(List.of(A, B), new int[] {16, 16, 16});
        List<Patch> p1 = s.sample(20, new SplittableRandom(9));
        List<Patch> p2 = s.sample(20, new SplittableRandom(9));
        List<Patch> p3 = s.sample(20, new SplittableRandom(10));
        boolean anyDifferent = false;
        for (int i = 0; i < 20; i++) {
            assertThat(p1.get(i).image()).isEqualTo(p2.get(i).image());
            assertThat(p1.get(i).label()).isEqualTo(p2.get(i).label());
            anyDifferent |= !java.util.Arrays.equals(p1.get(i).image(), p3.get(i).image());
        }
        assertThat(anyDifferent).isTrue();
    }

    @Test
    void lesionFractionIsCloseToTheRequestedOne() {
        // A lesion-centred patch always holds its (jittered) lesion voxel; a brain-centred one holds a lesion by
        // chance with probability p0 (measured at fraction 0). So the fraction with a lesion is f + (1 − f)·p0.
        double p0 = fractionWithLesion(0.0);
        assertThat(p0).isLessThan(0.5);
        for (double f : new double[] {0.3, 0.5, 0.9}) {
            assertThat(fractionWithLesion(f)).isCloseTo(f + (1 - f) * p0, Offset.offset(0.04));
        }
    }

    @Test
    void lesionCentresAreJitteredButStayInThePatch() {
        PatchSampler s = new PatchSampler(List.of(B), new int[] {9, 9, 9}, 1.0);
        SplittableRandom rnd = new SplittableRandom(5);
        int centre = 4 + 9 * (4 + 9 * 4);
        int offCentre = 0;
        for (int i = 0; i < 500; i++) {
            Patch p = s.sample(rnd);
            assertThat(p.lesionVoxels()).isPositive();
            offCentre += p.label()[centre] > 0.5f ? 0 : 1;
        }
        assertThat(offCentre).isPositive();
    }

    private static double fractionWithLesion(double f) {
        PatchSampler s = new PatchSampler(List.of(A, B), new int[] {9, 9, 9}, f);
        SplittableRandom rnd = new SplittableRandom(3);
        int withLesion = 0;
        int n = 3000;
        for (int i = 0; i < n; i++) {
            withLesion += s.sample(rnd).lesionVoxels() > 0 ? 1 : 0;
        }
        return withLesion / (double) n;
    }

    @Test
    void extractionCopiesVoxelsAndPadsWithZero() {
        int[] shape = {5, 6, 7};
        // Near the corner: part of the patch lies outside the volume.
        Patch p = PatchSampler.extractAt(A, -2, 33, 27, shape);
        for (int c = 0; c < 3; c++) {
            for (int z = 0; z < 5; z++) {
                for (int y = 0; y < 6; y++) {
                    for (int x = 0; x < 7; x++) {
                        int vx = x - 2;
                        int vy = y + 33;
                        int vz = z + 27;
                        boolean inside = vx >= 0 && vx < 40 && vy < 36 && vz < 30;
                        float expect = inside ? A.channels().get(c).get(vx, vy, vz) : 0f;
                        assertThat(p.image()[c * 210 + x + 7 * (y + 6 * z)]).isEqualTo(expect);
                    }
                }
            }
        }
        Patch q = PatchSampler.extract(A, A.geometry().index(12, 14, 15), new int[] {5, 5, 5});
        assertThat(q.label()[2 + 5 * (2 + 5 * 2)]).isEqualTo(1f);
        assertThat(q.image()[2 + 5 * (2 + 5 * 2)]).isEqualTo(A.channels().get(0).get(12, 14, 15));
    }

    @Test
    void twoDimensionalModeGivesAxialSlices() {
        PatchSampler s = new PatchSampler(List.of(A), new int[] {1, 36, 40}, 1.0);
        Patch p = s.sample(new SplittableRandom(4));
        assertThat(p.shape()).containsExactly(1, 36, 40);
        assertThat(p.image()).hasSize(3 * 36 * 40);
        assertThat(p.lesionVoxels()).isPositive();
        // The whole slice: find its z by matching the FLAIR values.
        int found = -1;
        for (int z = 0; z < 30 && found < 0; z++) {
            boolean same = true;
            for (int i = 0; i < 36 * 40 && same; i++) {
                same = p.image()[i] == A.channels().get(0).get(i + 36 * 40 * z);
            }
            if (same) {
                found = z;
            }
        }
        assertThat(found).isNotNegative();
    }

    @Test
    void validationPatchesAreFixed() {
        List<Patch> v1 = PatchSampler.validationPatches(A, new int[] {8, 8, 8}, 10, 77);
        List<Patch> v2 = PatchSampler.validationPatches(A, new int[] {8, 8, 8}, 10, 77);
        assertThat(v1).hasSize(10);
        int withLesion = 0;
        for (int i = 0; i < 10; i++) {
            assertThat(v1.get(i).image()).isEqualTo(v2.get(i).image());
            if (v1.get(i).lesionVoxels() > 0) {
                withLesion++;
            }
        }
        assertThat(withLesion).isGreaterThanOrEqualTo(5);
    }
}

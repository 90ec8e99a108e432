package org.plaque.dl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.morphology.BinaryMorphology;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

class SyntheticLesionsTest {
    private static final PhantomCase P = HeadPhantom.generate(PhantomParams.DEFAULTS.withSpacingMm(2.0));
    private static final PhantomCase DONOR = HeadPhantom.generate(PhantomParams.DEFAULTS.withSpacingMm(2.0)
        .withSeed(7).withLesionCount(20));
    private static final TrainingSubject S = new TrainingSubject("p", List.of("FLAIR", "T1", "T2"),
        List.of(P.flair(), P.t1(), P.t2()), P.lesionMask(), P.brainMask());

    @Test
    void pastesBrightFlairDarkT1LesionsIntoWhiteMatterOnly() {
        SyntheticLesions lib = SyntheticLesions.fromMasks(Map.of("donor", DONOR.lesionMask()), 3, 2000);
        assertThat(lib.size()).isGreaterThan(5);
        float[] flairBefore = S.channels().get(0).toArray();
        SyntheticLesions.Target t = SyntheticLesions.prepare(S);
        assertThat(t.contrastMeasured()).isTrue();
        assertThat(t.contrast()[0]).isGreaterThan(1.1);
        assertThat(t.contrast()[1]).isLessThan(0.95);
        SyntheticLesions.Result r = lib.paste(t, 8, new SplittableRandom(3));
        assertThat(S.channels().get(0).toArray()).isEqualTo(flairBefore);
        assertThat(r.pasted()).isEqualTo(8);
        assertThat(r.pastedVoxels()).isPositive();
        TrainingSubject out = r.subject();
        assertThat(out.lesion().count()).isEqualTo(S.lesion().count() + r.pastedVoxels());
        double newFlair = 0;
        double newT1 = 0;
        double wmFlair = 0;
        double wmT1 = 0;
        int n = 0;
        int nw = 0;
        for (int i = 0; i < out.geometry().voxelCount(); i++) {
            if (S.lesion().get(i)) {
                assertThat(out.lesion().get(i)).isTrue();
            } else if (out.lesion().get(i)) {
                assertThat(out.brain().get(i)).isTrue();
                newFlair += out.channels().get(0).get(i);
                newT1 += out.channels().get(1).get(i);
                n++;
            } else if (t.whiteMatter().get(i)) {
                wmFlair += S.channels().get(0).get(i);
                wmT1 += S.channels().get(1).get(i);
                nw++;
            }
        }
        assertThat((newFlair / n) / (wmFlair / nw)).isGreaterThan(1.2);
        assertThat((newT1 / n) / (wmT1 / nw)).isLessThan(0.95);
        // Far from the pasted lesions nothing changed.
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            Mask near = BinaryMorphology.dilate(out.lesion(), 4 * 2.0, ctx);
            int changedFar = 0;
            for (int i = 0; i < out.geometry().voxelCount(); i++) {
                if (!near.get(i) && out.channels().get(0).get(i) != flairBefore[i]) {
                    changedFar++;
                }
            }
            assertThat(changedFar).isZero();
        }
        // Deterministic.
        TrainingSubject again = lib.paste(t, 8, new SplittableRandom(3)).subject();
        assertThat(again.channels().get(0).toArray()).isEqualTo(out.channels().get(0).toArray());
        assertThat(again.lesion().toArray()).isEqualTo(out.lesion().toArray());
    }

    @Test
    void mostOfEachPastedLesionLiesInWhiteMatter() {
        SyntheticLesions lib = SyntheticLesions.fromMasks(Map.of("donor", DONOR.lesionMask()), 3, 2000);
        SyntheticLesions.Target t = SyntheticLesions.prepare(S);
        SyntheticLesions.Result r = lib.paste(t, 5, new SplittableRandom(11));
        int inWm = 0;
        int added = 0;
        for (int i = 0; i < S.geometry().voxelCount(); i++) {
            if (r.subject().lesion().get(i) && !S.lesion().get(i)) {
                added++;
                if (t.whiteMatter().get(i)) {
                    inWm++;
                }
            }
        }
        assertThat(inWm / (double) added).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void pastesAWholeMaskWhereItLiesInWhiteMatterAndRefusesAnotherGrid() {
        SyntheticLesions.Target t = SyntheticLesions.prepare(S);
        Mask donor = DONOR.lesionMask();
        SyntheticLesions.Result r = SyntheticLesions.pasteInPlace(t, donor, new SplittableRandom(5));
        int added = 0;
        int inDonorWm = 0;
        int donorWm = 0;
        double newFlair = 0;
        double oldFlair = 0;
        for (int i = 0; i < S.geometry().voxelCount(); i++) {
            boolean target = donor.get(i) && t.whiteMatter().get(i);
            donorWm += target ? 1 : 0;
            if (r.subject().lesion().get(i) && !S.lesion().get(i)) {
                added++;
                inDonorWm += target ? 1 : 0;
                newFlair += r.subject().channels().get(0).get(i);
                oldFlair += S.channels().get(0).get(i);
            }
        }
        assertThat(r.pasted()).isPositive();
        assertThat(added).isEqualTo(r.pastedVoxels()).isGreaterThanOrEqualTo((int) (0.8 * donorWm));
        assertThat(inDonorWm / (double) added).isGreaterThanOrEqualTo(0.95);
        assertThat(newFlair / oldFlair).isGreaterThan(1.2);
        SyntheticLesions.Result again = SyntheticLesions.pasteInPlace(t, donor, new SplittableRandom(5));
        assertThat(again.subject().channels().get(0).toArray()).isEqualTo(r.subject().channels().get(0).toArray());
        Mask coarse = HeadPhantom.generate(PhantomParams.DEFAULTS.withSpacingMm(3.0)).lesionMask();
        assertThatThrownBy(() -> SyntheticLesions.pasteInPlace(t, coarse, new SplittableRandom(5)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("grid");
    }

    @Test
    void orientationsKeepVoxelCountAndIdentity() {
        SyntheticLesions lib = SyntheticLesions.fromMasks(Map.of("donor", DONOR.lesionMask()), 3, 2000);
        LesionShape s = lib.shapes().get(0);
        assertThat(s.oriented(0).voxels()).isEqualTo(s.voxels());
        for (int o = 0; o < 48; o++) {
            LesionShape r = s.oriented(o);
            assertThat(r.count()).isEqualTo(s.count());
            assertThat(r.sizeX() * r.sizeY() * r.sizeZ()).isEqualTo(s.voxels().length);
        }
        // x flip applied twice is the identity.
        LesionShape f = s.oriented(1);
        assertThat(f.oriented(1).voxels()).isEqualTo(s.voxels());
    }

    @Test
    void excludesSubjectsAndRefusesNormalisedOrEmptyInput() {
        SyntheticLesions lib = SyntheticLesions.fromMasks(Map.of("a", DONOR.lesionMask(), "b", P.lesionMask()),
            3, 2000);
        assertThat(lib.sourceIds()).containsExactly("a", "b");
        assertThat(lib.excluding(Set.of("B")).sourceIds()).containsExactly("a");
        assertThatThrownBy(() -> lib.excluding(Set.of("a", "b"))).isInstanceOf(InvalidInputException.class);
        List<ScalarVolume> negated = S.channels().stream().map(v -> {
            float[] a = v.toArray();
            for (int i = 0; i < a.length; i++) {
                a[i] = -a[i];
            }
            return ScalarVolume.of(v.geometry(), a);
        }).toList();
        assertThatThrownBy(() -> SyntheticLesions.prepare(S.withChannels(negated)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("before normalisation");
    }
}

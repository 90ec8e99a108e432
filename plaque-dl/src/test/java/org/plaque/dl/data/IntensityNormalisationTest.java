package org.plaque.dl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

class IntensityNormalisationTest {
    @Test
    void zScoresInsideBrainAndZeroOutside() {
        PhantomCase p = HeadPhantom.generate(PhantomParams.DEFAULTS.withSpacingMm(3.0));
        float[] before = p.flair().toArray();
        ScalarVolume z = IntensityNormalisation.withDefaults().apply(p.flair(), p.brainMask());
        assertThat(p.flair().toArray()).isEqualTo(before);
        double sum = 0;
        double ss = 0;
        int n = 0;
        for (int i = 0; i < z.geometry().voxelCount(); i++) {
            if (p.brainMask().get(i)) {
                sum += z.get(i);
                ss += (double) z.get(i) * z.get(i);
                n++;
            } else {
                assertThat(z.get(i)).isZero();
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(ss / n - mean * mean);
        // Statistics come from clipped values, the output is not clipped: close to, not exactly, 0 and 1.
        assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(0.05));
        assertThat(sd).isCloseTo(1, org.assertj.core.data.Offset.offset(0.1));
        assertThat(IntensityNormalisation.withDefaults().apply(p.flair(), p.brainMask()).toArray())
            .isEqualTo(z.toArray());
    }

    @Test
    void outliersDoNotMoveTheStatistics() {
        var g = TestSubjects.grid(100, 100, 1);
        float[] a = new float[10000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (100 + 10 * r.nextGaussian());
        }
        boolean[] all = new boolean[10000];
        java.util.Arrays.fill(all, true);
        Mask brain = Mask.of(g, all);
        var clean = IntensityNormalisation.withDefaults().stats(ScalarVolume.of(g, a), brain);
        for (int i = 0; i < 20; i++) {
            a[i * 7] = 1e6f;
        }
        var dirty = IntensityNormalisation.withDefaults().stats(ScalarVolume.of(g, a), brain);
        assertThat(dirty.sd()).isLessThan(clean.sd() * 1.1);
        assertThat(dirty.mean()).isCloseTo(clean.mean(), org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void constantImageIsRefused() {
        var g = TestSubjects.grid(4, 4, 4);
        boolean[] all = new boolean[64];
        java.util.Arrays.fill(all, true);
        assertThatThrownBy(() -> IntensityNormalisation.withDefaults().apply(ScalarVolume.filled(g, 5f),
            Mask.of(g, all))).isInstanceOf(InvalidInputException.class).hasMessageContaining("constant");
    }
}

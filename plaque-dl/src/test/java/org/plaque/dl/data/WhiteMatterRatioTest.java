package org.plaque.dl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
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

class WhiteMatterRatioTest {
    private static final PhantomCase P = HeadPhantom.generate(PhantomParams.DEFAULTS.withSpacingMm(3.0));

    @Test
    void whiteMatterMapsToZeroAndLesionsAboveOne() {
        ScalarVolume r = WhiteMatterRatio.apply(P.flair(), P.brainMask(), "FLAIR");
        double wm = meanWhere(r, P.tissues().wm(), 0.9);
        double lesion = meanWhere(r, P.tissues().lesion(), 0.9);
        assertThat(wm).isCloseTo(0, within(0.25));
        assertThat(lesion).isGreaterThan(1);
        for (int i = 0; i < r.geometry().voxelCount(); i++) {
            if (!P.brainMask().get(i)) {
                assertThat(r.get(i)).isZero();
            }
        }
    }

    @Test
    void theSameContrastGivesTheSameInputWhateverTheScannerScale() {
        float[] scaled = P.flair().toArray();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 3.7f;
        }
        float[] a = WhiteMatterRatio.apply(P.flair(), P.brainMask(), "FLAIR").toArray();
        float[] b = WhiteMatterRatio.apply(ScalarVolume.of(P.flair().geometry(), scaled), P.brainMask(), "FLAIR")
            .toArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-3f));
        }
    }

    @Test
    void theWhiteMatterClassFollowsTheContrast() {
        double flair = WhiteMatterRatio.whiteMatter(P.flair(), P.brainMask(), "FLAIR");
        double t1 = WhiteMatterRatio.whiteMatter(P.t1(), P.brainMask(), "T1");
        double t2 = WhiteMatterRatio.whiteMatter(P.t2(), P.brainMask(), "T2");
        assertThat(flair).isCloseTo(mean(P.flair(), P.tissues().wm()), within(0.15 * flair));
        assertThat(t1).isCloseTo(mean(P.t1(), P.tissues().wm()), within(0.15 * t1));
        assertThat(t2).isCloseTo(mean(P.t2(), P.tissues().wm()), within(0.15 * t2));
    }

    @Test
    void aLooseBrainMaskDoesNotMoveTheWhiteMatter() {
        // An atlas brain mask overlapping some CSF and background around the brain, as in the pipeline.
        Mask loose;
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            loose = BinaryMorphology.dilate(P.brainMask(), 3.0, ctx);
        }
        double tight = WhiteMatterRatio.whiteMatter(P.flair(), P.brainMask(), "FLAIR");
        assertThat(loose.count()).isGreaterThan(P.brainMask().count() * 21 / 20);
        assertThat(WhiteMatterRatio.whiteMatter(P.flair(), loose, "FLAIR")).isCloseTo(tight, within(0.03 * tight));
    }

    @Test
    void theSplitSeparatesTwoModesAtTheMidpointOfTheirMeans() {
        float[] v = new float[2000];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (i < 1500 ? 100 + 5 * r.nextGaussian() : 300 + 5 * r.nextGaussian());
        }
        Arrays.sort(v);
        double[] prefix = new double[v.length + 1];
        for (int i = 0; i < v.length; i++) {
            prefix[i + 1] = prefix[i] + v[i];
        }
        assertThat(WhiteMatterRatio.split(v, prefix, 0, v.length)).isEqualTo(1500);
        assertThat(WhiteMatterRatio.split(v, prefix, 1500, 1501)).isEqualTo(1501);
    }

    @Test
    void refusesNonPositiveWhiteMatterAndEmptyBrains() {
        float[] negative = P.flair().toArray();
        for (int i = 0; i < negative.length; i++) {
            negative[i] = -negative[i] - 1;
        }
        assertThatThrownBy(() -> WhiteMatterRatio.apply(ScalarVolume.of(P.flair().geometry(), negative),
            P.brainMask(), "FLAIR")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("not positive").hasMessageContaining("FLAIR");
        assertThatThrownBy(() -> WhiteMatterRatio.apply(P.flair(), Mask.builder(P.flair().geometry()).build(),
            "FLAIR")).isInstanceOf(InvalidInputException.class).hasMessageContaining("brain mask has 0 voxels");
    }

    private static double meanWhere(ScalarVolume v, ScalarVolume fraction, double min) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < v.geometry().voxelCount(); i++) {
            if (fraction.get(i) >= min && P.brainMask().get(i)) {
                sum += v.get(i);
                n++;
            }
        }
        assertThat(n).isPositive();
        return sum / n;
    }

    private static double mean(ScalarVolume v, ScalarVolume wmFraction) {
        return meanWhere(v, wmFraction, 0.9);
    }
}

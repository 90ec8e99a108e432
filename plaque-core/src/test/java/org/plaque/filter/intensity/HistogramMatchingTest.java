package org.plaque.filter.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class HistogramMatchingTest {
    private final ScalarVolume source = TestImages.brainLike(7);

    /** The reference: another brain-like image with a non-linear intensity scale and a different grid. */
    private ScalarVolume reference() {
        ScalarVolume other = TestImages.brainLike(8);
        ImageGeometry g = ImageGeometry.axisAligned(40, 30, 20, new double[] {1.2, 1.2, 1.2}, new double[3]);
        float[] v = other.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.002 * v[i] * v[i] + 0.5 * v[i] + 12);
        }
        return ScalarVolume.of(g, v);
    }

    @Test
    void defaultsAreTheItkSoftwareGuideOnes() {
        HistogramMatching.Params d = HistogramMatching.Params.DEFAULTS;
        assertThat(d.histogramLevels()).isEqualTo(1024);
        assertThat(d.matchPoints()).isEqualTo(7);
        assertThat(d.lowerLimit()).isEqualTo(HistogramMatching.LowerLimit.MEAN);
        assertThat(HistogramMatching.withDefaults().params()).isEqualTo(d);
        assertThatThrownBy(() -> new HistogramMatching.Params(1, 7, HistogramMatching.LowerLimit.MEAN))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistogramMatching.Params(64, 0, HistogramMatching.LowerLimit.MEAN))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sourceLandmarksAreMappedOntoTheReferenceLandmarks() {
        ScalarVolume ref = reference();
        HistogramMatching.Result r = HistogramMatching.withDefaults()
            .apply(source, ref, ExecutionContext.singleThreaded());
        List<Double> s = r.sourceLandmarks();
        List<Double> t = r.referenceLandmarks();
        assertThat(s).hasSize(9).isSorted();
        assertThat(t).hasSize(9).isSorted();
        // Landmarks of the output, computed the same way, land on the reference's (up to the histogram binning).
        HistogramMatching.Result again = HistogramMatching.withDefaults()
            .apply(r.matched(), ref, ExecutionContext.singleThreaded());
        double range = t.get(8) - t.get(0);
        for (int j = 1; j < 9; j++) {
            assertThat(again.sourceLandmarks().get(j)).as("landmark %d", j)
                .isCloseTo(t.get(j), within(0.01 * range));
        }
        // Each source landmark maps exactly onto the reference landmark; the map is monotone in between.
        HistogramMatching hm = HistogramMatching.withDefaults();
        HistogramMatching.Mapping map = new HistogramMatching.Mapping(
            hm.landmarks(source, null, "source", ExecutionContext.singleThreaded()),
            hm.landmarks(ref, null, "reference", ExecutionContext.singleThreaded()));
        for (int j = 0; j < 8; j++) {
            assertThat(map.apply(s.get(j))).isCloseTo(t.get(j), within(1e-9 * range));
        }
        assertThat(map.apply(s.get(8))).isEqualTo(t.get(8));
        double prev = Double.NEGATIVE_INFINITY;
        for (double x = s.get(0) - 50; x < s.get(8) + 50; x += 0.5) {
            assertThat(map.apply(x)).isGreaterThanOrEqualTo(prev);
            prev = map.apply(x);
        }
    }

    @Test
    void matchingAnImageToItselfIsTheIdentity() {
        HistogramMatching.Result r = new HistogramMatching(
            new HistogramMatching.Params(256, 5, HistogramMatching.LowerLimit.MINIMUM))
            .apply(source, source, ExecutionContext.singleThreaded());
        for (int i = 0; i < source.geometry().voxelCount(); i++) {
            assertThat(r.matched().get(i)).isCloseTo(source.get(i), within(1e-3f * Math.max(1, source.get(i))));
        }
    }

    @Test
    void aLinearlyRescaledCopyIsMappedBack() {
        float[] v = source.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = 3 * v[i] + 100;
        }
        ScalarVolume scaled = ScalarVolume.of(source.geometry(), v);
        HistogramMatching.Result r = HistogramMatching.withDefaults()
            .apply(scaled, source, ExecutionContext.singleThreaded());
        Mask brain = TestImages.sphere();
        for (int i = 0; i < v.length; i++) {
            if (brain.get(i)) {
                assertThat(r.matched().get(i)).isCloseTo(source.get(i), within(0.02f * source.get(i)));
            }
        }
    }

    @Test
    void masksChooseTheStatistics() {
        Mask brain = TestImages.sphere();
        ScalarVolume ref = reference();
        Mask refBrain = Mask.of(ref.geometry(), brain.toArray());
        HistogramMatching.Result masked = HistogramMatching.withDefaults()
            .apply(source, brain, ref, refBrain, ExecutionContext.singleThreaded());
        HistogramMatching.Result whole = HistogramMatching.withDefaults()
            .apply(source, ref, ExecutionContext.singleThreaded());
        assertThat(masked.sourceLandmarks().get(0)).isGreaterThan(whole.sourceLandmarks().get(0));
    }

    @Test
    void inputUnchangedGeometryKeptAndThreadIndependent() {
        ScalarVolume ref = reference();
        float[] before = source.toArray();
        float[] refBefore = ref.toArray();
        ScalarVolume one = HistogramMatching.withDefaults().apply(source, ref, ExecutionContext.singleThreaded())
            .matched();
        assertThat(source.toArray()).isEqualTo(before);
        assertThat(ref.toArray()).isEqualTo(refBefore);
        assertThat(one.geometry()).isEqualTo(source.geometry());
        try (ExecutionContext two = ExecutionContext.of(2, 3, ProgressListener.NONE)) {
            assertThat(HistogramMatching.withDefaults().apply(source, ref, two).matched().toArray())
                .isEqualTo(one.toArray());
        }
    }

    @Test
    void quantileInterpolatesInsideTheBinReached() {
        long[] counts = {10, 30, 40, 20};
        // bins of width 1 from 0; bin 0 stretched down to min = -2, last bin up to max = 4
        assertThat(HistogramMatching.quantile(counts, 100, 0, 1, -2, 4, 0.25)).isCloseTo(1.5, within(1e-12));
        assertThat(HistogramMatching.quantile(counts, 100, 0, 1, -2, 4, 0.05)).isCloseTo(-0.5, within(1e-12));
        assertThat(HistogramMatching.quantile(counts, 100, 0, 1, -2, 4, 0.6)).isCloseTo(2.5, within(1e-12));
        assertThat(HistogramMatching.quantile(counts, 100, 0, 1, -2, 4, 0.9)).isCloseTo(3.5, within(1e-12));
    }

    @Test
    void anEmptyMaskIsRejected() {
        assertThatThrownBy(() -> HistogramMatching.withDefaults().apply(source, Mask.empty(source.geometry()),
            source, null, ExecutionContext.singleThreaded())).isInstanceOf(InvalidInputException.class);
    }
}

package org.plaque.dl.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.plaque.exec.CancelledException;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class SlidingWindowTest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();

    @Test
    void identityPredictorReproducesTheInputInsideTheRegionAndZeroOutside() {
        ImageGeometry g = Fakes.grid(37, 29, 23);
        ScalarVolume flair = Fakes.random(g, 1);
        ScalarVolume t1 = Fakes.random(g, 2);
        Mask brain = Fakes.ellipsoid(g);
        float[] before = flair.toArray();
        ScalarVolume p = new SlidingWindow(new int[] {8, 16, 12}, 0.5, 3)
            .predict(List.of(flair, t1), brain, Fakes::identity, ONE);
        assertThat(p.geometry()).isEqualTo(g);
        for (int i = 0; i < g.voxelCount(); i++) {
            if (brain.get(i)) {
                assertThat(p.get(i)).as("voxel %d", i).isCloseTo(flair.get(i), within(1e-5f));
            } else {
                assertThat(p.get(i)).isZero();
            }
        }
        assertThat(flair.toArray()).containsExactly(before);
    }

    @Test
    void identityHoldsOnAVolumeSmallerThanThePatchWithOddSizes() {
        ImageGeometry g = Fakes.grid(5, 7, 3);
        ScalarVolume v = Fakes.random(g, 3);
        ScalarVolume p = new SlidingWindow(new int[] {16, 16, 16}).predict(List.of(v), null, Fakes::identity, ONE);
        for (int i = 0; i < g.voxelCount(); i++) {
            assertThat(p.get(i)).isCloseTo(v.get(i), within(1e-5f));
        }
    }

    @Test
    void windowsLeavingTheVolumeReadZeros() {
        // all-one image smaller than the patch; the fake answers the fraction of non-zero inputs in its patch
        ImageGeometry g = Fakes.grid(5, 6, 7);
        ScalarVolume ones = ScalarVolume.filled(g, 1f);
        int[] shape = {8, 9, 10};
        ScalarVolume p = new SlidingWindow(shape).predict(List.of(ones), null, (batch, n, c, s) -> {
            int nonZero = 0;
            for (float f : batch) {
                nonZero += f != 0 ? 1 : 0;
            }
            float[] out = new float[Fakes.voxels(s)];
            java.util.Arrays.fill(out, (float) nonZero / batch.length);
            return out;
        }, ONE);
        float expected = (float) g.voxelCount() / Fakes.voxels(shape);
        for (int i = 0; i < g.voxelCount(); i++) {
            assertThat(p.get(i)).isCloseTo(expected, within(1e-6f));
        }
    }

    @Test
    void constantPredictorGivesAConstantMap() {
        ImageGeometry g = Fakes.grid(40, 33, 21);
        Mask brain = Fakes.ellipsoid(g);
        ScalarVolume p = new SlidingWindow(new int[] {16, 16, 16}, 0.25, 2)
            .predict(List.of(Fakes.random(g, 4)), brain, Fakes.constant(0.3f), ONE);
        for (int i = 0; i < g.voxelCount(); i++) {
            assertThat(p.get(i)).isCloseTo(brain.get(i) ? 0.3f : 0f, within(1e-6f));
        }
    }

    @Test
    void twoDimensionalModeCallsTheNetworkWithSlicesOfTheRegionOnly() {
        ImageGeometry g = Fakes.grid(30, 26, 12);
        ScalarVolume v = Fakes.random(g, 5);
        Mask.Builder mb = Mask.builder(g);
        for (int z = 3; z <= 8; z++) {
            for (int y = 4; y < 20; y++) {
                for (int x = 2; x < 25; x++) {
                    mb.set(x, y, z, true);
                }
            }
        }
        Mask region = mb.build();
        List<Integer> calls = new ArrayList<>();
        ScalarVolume p = new SlidingWindow(new int[] {1, 16, 16}, 0.5, 4)
            .predict(List.of(v), region, (batch, n, c, shape) -> {
                assertThat(shape).containsExactly(16, 16);
                assertThat(batch).hasSize(n * c * 16 * 16);
                calls.add(n);
                return Fakes.identity(batch, n, c, shape);
            }, ONE);
        for (int i = 0; i < g.voxelCount(); i++) {
            assertThat(p.get(i)).isCloseTo(region.get(i) ? v.get(i) : 0f, within(1e-5f));
        }
        // box 23 x 16 x 6 slices: 2 x 1 windows per slice
        int windows = calls.stream().mapToInt(Integer::intValue).sum();
        assertThat(windows).isEqualTo(6 * 2 * 1);
        // a margin grows the box in-plane only: 31 x 24 x 6 slices, 3 x 2 windows per slice
        calls.clear();
        ScalarVolume q = new SlidingWindow(new int[] {1, 16, 16}, 0.5, 4).withMarginVoxels(4)
            .predict(List.of(v), region, (batch, n, c, shape) -> {
                calls.add(n);
                return Fakes.identity(batch, n, c, shape);
            }, ONE);
        assertThat(calls.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6 * 3 * 2);
        for (int i = 0; i < g.voxelCount(); i++) {
            assertThat(q.get(i)).isCloseTo(p.get(i), within(1e-5f));
        }
    }

    @Test
    void windowStartsCoverTheRangeWithTheRequestedOverlap() {
        for (int length = 1; length < 300; length += 7) {
            for (int patch : new int[] {1, 8, 15, 64}) {
                for (double overlap : new double[] {0, 0.25, 0.5, 0.9}) {
                    int[] s = SlidingWindow.windowStarts(10, 10 + length, patch, overlap);
                    if (length <= patch) {
                        assertThat(s).hasSize(1);
                        assertThat(s[0]).isLessThanOrEqualTo(10);
                        assertThat(s[0] + patch).isGreaterThanOrEqualTo(10 + length);
                        continue;
                    }
                    assertThat(s[0]).isEqualTo(10);
                    assertThat(s[s.length - 1]).isEqualTo(10 + length - patch);
                    for (int i = 1; i < s.length; i++) {
                        int step = s[i] - s[i - 1];
                        assertThat(step).isPositive();
                        assertThat((double) step).isLessThanOrEqualTo(Math.max(1, Math.ceil(patch * (1 - overlap))));
                    }
                }
            }
        }
    }

    @Test
    void multiThreadedAndBatchedRunsGiveIdenticalOutput() {
        ImageGeometry g = Fakes.grid(33, 35, 19);
        List<ScalarVolume> in = List.of(Fakes.random(g, 6));
        Mask brain = Fakes.ellipsoid(g);
        PatchPredictor squash = (batch, n, c, shape) -> {
            float[] out = Fakes.identity(batch, n, c, shape);
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (1 / (1 + Math.exp(-out[i] * (1 + (i % 512) % 5))));
            }
            return out;
        };
        ScalarVolume a = new SlidingWindow(new int[] {8, 8, 8}).predict(in, brain, squash, ONE);
        try (ExecutionContext four = ExecutionContext.of(4, 1, (s, f) -> { })) {
            ScalarVolume b = new SlidingWindow(new int[] {8, 8, 8}, 0.5, 5).predict(in, brain, squash, four);
            assertThat(b.toArray()).containsExactly(a.toArray());
        }
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        ImageGeometry g = Fakes.grid(20, 20, 20);
        List<Double> seen = new ArrayList<>();
        try (ExecutionContext ctx = ExecutionContext.of(1, 1, (stage, f) -> seen.add(f))) {
            new SlidingWindow(new int[] {8, 8, 8}).predict(List.of(Fakes.random(g, 7)), null, Fakes.constant(1), ctx);
            assertThat(seen).isSorted().startsWith(0.0).endsWith(1.0);
            AtomicInteger calls = new AtomicInteger();
            ctx.cancel();
            assertThatThrownBy(() -> new SlidingWindow(new int[] {8, 8, 8}).predict(List.of(Fakes.random(g, 7)), null,
                (b, n, c, s) -> {
                    calls.incrementAndGet();
                    return new float[n * 512];
                }, ctx)).isInstanceOf(CancelledException.class);
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void emptyRegionNeedsNoPredictionAndShortOutputIsRefused() {
        ImageGeometry g = Fakes.grid(10, 10, 10);
        ScalarVolume p = new SlidingWindow(new int[] {4, 4, 4}).predict(List.of(Fakes.random(g, 8)), Mask.empty(g),
            (b, n, c, s) -> {
                throw new AssertionError("no window expected");
            }, ONE);
        assertThat(p.statistics().max()).isZero();
        assertThatThrownBy(() -> new SlidingWindow(new int[] {4, 4, 4}).predict(List.of(Fakes.random(g, 8)), null,
            (b, n, c, s) -> new float[3], ONE))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 values");
    }

    @Test
    void gaussianWeightsAreSymmetricPeakedAndPositive() {
        int[] shape = {7, 10, 12};
        float[] w = GaussianWeights.of(shape);
        float max = 0;
        for (int z = 0; z < 7; z++) {
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 12; x++) {
                    float v = w[x + 12 * (y + 10 * z)];
                    assertThat(v).isEqualTo(w[(11 - x) + 12 * ((9 - y) + 10 * (6 - z))]);
                    assertThat(v).isGreaterThanOrEqualTo(GaussianWeights.FLOOR).isLessThanOrEqualTo(1f);
                    max = Math.max(max, v);
                }
            }
        }
        // odd depth: the centre slice z = 3; even sizes: the four central voxels share the maximum
        assertThat(w[5 + 12 * (4 + 10 * 3)]).isEqualTo(max).isCloseTo(1f, within(1e-6f));
        int centreRow = 12 * (4 + 10 * 3);
        assertThat(w[centreRow]).isLessThan(w[centreRow + 1]).isLessThan(w[centreRow + 5]);
        assertThat(w[0]).isEqualTo(GaussianWeights.FLOOR);
        assertThat(w[5 + 12 * (4 + 10 * 2)]).isLessThan(max);
        // sigma = size / 8: two sigma from the centre along x (width 64) the 1-D factor is exp(-2)
        float[] wide = GaussianWeights.of(new int[] {1, 1, 64});
        assertThat(wide[(int) (31.5 + 16.5)] / wide[(int) 31.5 + 1]).isCloseTo((float) Math.exp(-(16.5 * 16.5 - 0.25)
            / (2 * 8.0 * 8.0)), within(1e-5f));
    }
}

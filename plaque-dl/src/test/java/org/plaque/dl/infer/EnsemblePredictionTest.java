package org.plaque.dl.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class EnsemblePredictionTest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();

    @Test
    void flipsAreSelfInverseAndMirrorTheRightAxis() {
        int nx = 4;
        int ny = 3;
        int nz = 2;
        float[] a = new float[nx * ny * nz];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        for (Flip f : Flip.values()) {
            float[] b = new float[a.length];
            float[] c = new float[a.length];
            f.apply(a, b, nx, ny, nz);
            f.apply(b, c, nx, ny, nz);
            assertThat(c).containsExactly(a);
        }
        float[] b = new float[a.length];
        Flip.X.apply(a, b, nx, ny, nz);
        assertThat(b[0]).isEqualTo(a[3]);
        Flip.Y.apply(a, b, nx, ny, nz);
        assertThat(b[0]).isEqualTo(a[nx * 2]);
        Flip.Z.apply(a, b, nx, ny, nz);
        assertThat(b[1]).isEqualTo(a[1 + nx * ny]);
        boolean[] m = {true, false, false, false};
        boolean[] mf = new boolean[4];
        Flip.X.apply(m, mf, 4, 1, 1);
        assertThat(mf).containsExactly(false, false, false, true);
    }

    @Test
    void twoConstantMembersGiveTheirMeanAndPopulationVariance() {
        ImageGeometry g = Fakes.grid(20, 18, 16);
        Mask brain = Fakes.ellipsoid(g);
        EnsemblePrediction e = new EnsemblePrediction(new SlidingWindow(new int[] {8, 8, 8}),
            List.of(Fakes.constant(0.2f), Fakes.constant(0.6f)), EnumSet.of(Flip.NONE));
        EnsemblePrediction.Prediction p = e.predict(List.of(Fakes.random(g, 1)), brain, ONE);
        for (int i = 0; i < g.voxelCount(); i++) {
            boolean in = brain.get(i);
            assertThat(p.mean().get(i)).isCloseTo(in ? 0.4f : 0f, within(1e-6f));
            assertThat(p.variance().get(i)).isCloseTo(in ? 0.04f : 0f, within(1e-6f));
        }
    }

    @Test
    void flipEquivariantPredictorHasZeroVariance() {
        // the identity commutes with every flip, so all four members agree exactly
        ImageGeometry g = Fakes.grid(19, 22, 13);
        ScalarVolume v = Fakes.random(g, 2);
        Mask brain = Fakes.ellipsoid(g);
        EnsemblePrediction e = EnsemblePrediction.withAllFlips(new SlidingWindow(new int[] {8, 8, 8}), Fakes::identity);
        assertThat(e.memberCount()).isEqualTo(4);
        EnsemblePrediction.Prediction p = e.predict(List.of(v), brain, ONE);
        for (int i = 0; i < g.voxelCount(); i++) {
            assertThat(p.mean().get(i)).isCloseTo(brain.get(i) ? v.get(i) : 0f, within(1e-5f));
            assertThat(p.variance().get(i)).isCloseTo(0f, within(1e-9f));
        }
    }

    @Test
    void xRampPredictorAveragesWithItsMirrorUnderAnXFlip() {
        // One window covers the whole 16-wide volume exactly, so the plain prediction at x is x/16 and the x-flipped
        // member, flipped back, gives (15 - x)/16: the mean is 15/32 everywhere, the variance ((2x - 15)/32)^2.
        ImageGeometry g = Fakes.grid(16, 6, 5);
        SlidingWindow w = new SlidingWindow(new int[] {5, 6, 16});
        EnsemblePrediction e = new EnsemblePrediction(w, List.of(Fakes::xRamp), EnumSet.of(Flip.NONE, Flip.X));
        EnsemblePrediction.Prediction p = e.predict(List.of(Fakes.random(g, 3)), null, ONE);
        // y and z flips leave an x ramp unchanged: their members add no variance
        EnsemblePrediction all = new EnsemblePrediction(w, List.of(Fakes::xRamp), EnumSet.allOf(Flip.class));
        EnsemblePrediction.Prediction q = all.predict(List.of(Fakes.random(g, 3)), null, ONE);
        for (int z = 0; z < 5; z++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 16; x++) {
                    double half = (2 * x - 15) / 32.0;
                    assertThat(p.mean().get(x, y, z)).isCloseTo(15f / 32, within(1e-6f));
                    assertThat((double) p.variance().get(x, y, z)).isCloseTo(half * half, within(1e-6));
                    double meanAll = (3 * x / 16.0 + (15 - x) / 16.0) / 4;
                    assertThat((double) q.mean().get(x, y, z)).isCloseTo(meanAll, within(1e-6));
                }
            }
        }
    }

    @Test
    void progressCoversAllMembersAndInputsStayUnchanged() {
        ImageGeometry g = Fakes.grid(12, 12, 12);
        ScalarVolume v = Fakes.random(g, 4);
        float[] before = v.toArray();
        List<Double> seen = new ArrayList<>();
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, (s, f) -> {
            synchronized (seen) {
                seen.add(f);
            }
        })) {
            new EnsemblePrediction(new SlidingWindow(new int[] {8, 8, 8}), List.of(Fakes.constant(0.5f),
                Fakes::identity), EnumSet.of(Flip.Y, Flip.Z)).predict(List.of(v), null, ctx);
        }
        assertThat(seen).isSorted().endsWith(1.0);
        assertThat(v.toArray()).containsExactly(before);
        SlidingWindow small = new SlidingWindow(new int[] {2, 2, 2});
        assertThatThrownBy(() -> new EnsemblePrediction(small, List.of(), Set.of(Flip.NONE)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}

package org.plaque.filter.smoothing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

/** Gradient and curvature anisotropic diffusion: contract, known answers, parameter checks. */
class DiffusionFiltersTest {

    /** Both filters with (iterations, conductance, time step). */
    static Stream<Arguments> filters() {
        Function<double[], Denoiser> gradient = p -> new GradientAnisotropicDiffusion(
            new GradientAnisotropicDiffusion.Params((int) p[0], p[1], p[2]));
        Function<double[], Denoiser> curvature = p -> new CurvatureAnisotropicDiffusion(
            new CurvatureAnisotropicDiffusion.Params((int) p[0], p[1], p[2]));
        return Stream.of(Arguments.of("gradient", gradient), Arguments.of("curvature", curvature));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void inputUnchangedGeometryKeptAndSameOutputForAnyThreadCount(String name, Function<double[], Denoiser> make) {
        ImageGeometry g = TestVolumes.obliqueGeometry(21, 18, 19);
        ScalarVolume in = TestVolumes.noisyBlobs(g, 7, 15);
        float[] before = in.toArray();
        Denoiser f = make.apply(new double[] {5, 1.0, 0.05});
        List<float[]> outs = new ArrayList<>();
        for (int threads : new int[] {1, 2, 3}) {
            try (ExecutionContext ctx = ExecutionContext.of(threads, 1, ProgressListener.NONE)) {
                ScalarVolume out = f.apply(in, ctx);
                assertThat(out.geometry()).isEqualTo(g);
                outs.add(out.toArray());
            }
        }
        assertThat(in.toArray()).containsExactly(before);
        assertThat(outs.get(1)).containsExactly(outs.get(0));
        assertThat(outs.get(2)).containsExactly(outs.get(0));
        // It did smooth: the output differs from the input and varies less.
        assertThat(outs.get(0)).isNotEqualTo(before);
        assertThat(variance(outs.get(0))).isLessThan(variance(before));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void constantImageStaysConstant(String name, Function<double[], Denoiser> make) {
        ImageGeometry g = TestVolumes.obliqueGeometry(9, 8, 7);
        ScalarVolume in = ScalarVolume.filled(g, 42.5f);
        ScalarVolume out = make.apply(new double[] {10, 1.0, 0.0625}).apply(in, ExecutionContext.singleThreaded());
        for (int i = 0; i < g.voxelCount(); i++) {
            assertThat(out.get(i)).isEqualTo(42.5f);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void zeroIterationsCopiesTheInput(String name, Function<double[], Denoiser> make) {
        ImageGeometry g = TestVolumes.obliqueGeometry(6, 5, 4);
        ScalarVolume in = TestVolumes.noisyBlobs(g, 3, 10);
        assertThat(make.apply(new double[] {0, 1.0, 0.0625}).apply(in, ExecutionContext.singleThreaded()).toArray())
            .containsExactly(in.toArray());
    }

    /**
     * A step of height h along x on a 4-voxel-wide grid with 2 mm spacing along x. Hand computation: the
     * central differences are h/4 per mm at the two voxels beside the step and 0 elsewhere, so the mean
     * squared gradient is 2 (h/4)² / 4 and K = −2 · mean = −h²/16. The only non-zero face difference is
     * g = h/2 per mm, with no cross terms, so the flux is g·exp(g²/K) = (h/2)·e⁻⁴. After one step of dt the
     * voxel below the step gains dt·(h/2)·e⁻⁴ and the one above loses as much; the outer voxels keep their
     * values. The curvature scheme gives the same here: its normalised flux is exp(g²/K) and the upwind
     * gradient magnitude is g.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void stepEdgeKnownAnswer(String name, Function<double[], Denoiser> make) {
        ImageGeometry g = ImageGeometry.axisAligned(4, 3, 2, new double[] {2, 1, 1}, new double[3]);
        float h = 10f;
        ScalarVolume in = TestVolumes.stepX(g, 2, 0f, h);
        double dt = 0.0625;
        ScalarVolume out = make.apply(new double[] {1, 1.0, dt}).apply(in, ExecutionContext.singleThreaded());
        double moved = dt * (h / 2.0) * Math.exp(-4);
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 3; y++) {
                assertThat(out.get(0, y, z)).isEqualTo(0f);
                assertThat((double) out.get(1, y, z)).isCloseTo(moved, within(1e-6));
                assertThat((double) out.get(2, y, z)).isCloseTo(h - moved, within(1e-5));
                assertThat(out.get(3, y, z)).isEqualTo(h);
            }
        }
    }

    @Test
    void gradientDiffusionConservesTheTotalIntensity() {
        // The scheme is in flux form with zero-flux boundaries: what leaves a voxel enters its neighbour.
        ImageGeometry g = TestVolumes.obliqueGeometry(15, 14, 13);
        ScalarVolume in = TestVolumes.noisyBlobs(g, 11, 20);
        ScalarVolume out = GradientAnisotropicDiffusion.withDefaults().apply(in, ExecutionContext.singleThreaded());
        assertThat(TestVolumes.sum(out)).isCloseTo(TestVolumes.sum(in), within(1e-5 * TestVolumes.sum(in)));
    }

    @Test
    void higherConductanceSmoothsMore() {
        ImageGeometry g = TestVolumes.obliqueGeometry(15, 14, 13);
        ScalarVolume in = TestVolumes.noisyBlobs(g, 5, 20);
        double low = variance(new GradientAnisotropicDiffusion(new GradientAnisotropicDiffusion.Params(10, 0.5, 0.05))
            .apply(in, ExecutionContext.singleThreaded()).toArray());
        double high = variance(new GradientAnisotropicDiffusion(new GradientAnisotropicDiffusion.Params(10, 3, 0.05))
            .apply(in, ExecutionContext.singleThreaded()).toArray());
        assertThat(high).isLessThan(low);
    }

    @Test
    void documentedDefaults() {
        assertThat(GradientAnisotropicDiffusion.Params.DEFAULTS)
            .isEqualTo(new GradientAnisotropicDiffusion.Params(10, 1.0, 0.0625));
        assertThat(CurvatureAnisotropicDiffusion.Params.DEFAULTS)
            .isEqualTo(new CurvatureAnisotropicDiffusion.Params(10, 1.0, 0.0625));
        assertThat(GradientAnisotropicDiffusion.withDefaults().params())
            .isEqualTo(GradientAnisotropicDiffusion.Params.DEFAULTS);
        assertThat(CurvatureAnisotropicDiffusion.withDefaults().params())
            .isEqualTo(CurvatureAnisotropicDiffusion.Params.DEFAULTS);
        assertThat(GradientAnisotropicDiffusion.withDefaults().name()).isEqualTo("anisotropic");
        assertThat(CurvatureAnisotropicDiffusion.withDefaults().name()).isEqualTo("curvature");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void warnsOnceAboveTheStabilityLimitAndRunsAnyway(String name, Function<double[], Denoiser> make) {
        ImageGeometry fine = ImageGeometry.axisAligned(6, 6, 6, new double[] {0.5, 1, 1}, new double[3]);
        ImageGeometry unit = ImageGeometry.axisAligned(6, 6, 6, new double[] {1, 1, 1}, new double[3]);
        assertThat(GradientAnisotropicDiffusion.stableTimeStep(fine)).isEqualTo(0.03125);
        Denoiser f = make.apply(new double[] {3, 1.0, 0.0625});
        Filtered onFine = f.run(TestVolumes.noisyBlobs(fine, 1, 5), ExecutionContext.singleThreaded());
        assertThat(onFine.warnings()).hasSize(1);
        assertThat(onFine.warnings().get(0)).contains("0.0625").contains("0.03125");
        assertThat(f.run(TestVolumes.noisyBlobs(unit, 1, 5), ExecutionContext.singleThreaded()).warnings()).isEmpty();
    }

    @Test
    void curvatureWarnsAboveItsOwnLimitToo() {
        ImageGeometry unit = ImageGeometry.axisAligned(6, 6, 6, new double[] {2, 2, 2}, new double[3]);
        Filtered r = new CurvatureAnisotropicDiffusion(new CurvatureAnisotropicDiffusion.Params(1, 1, 0.1))
            .run(TestVolumes.noisyBlobs(unit, 1, 5), ExecutionContext.singleThreaded());
        assertThat(r.warnings()).hasSize(1);
        assertThat(r.warnings().get(0)).contains("curvature");
    }

    @Test
    void reportsProgressUpToOne() {
        List<Double> fractions = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ExecutionContext ctx = ExecutionContext.of(1, 1, (stage, f) -> fractions.add(f))) {
            GradientAnisotropicDiffusion.withDefaults().apply(TestVolumes.noisyBlobs(
                TestVolumes.obliqueGeometry(5, 5, 5), 1, 5), ctx);
        }
        assertThat(fractions).first().isEqualTo(0.0);
        assertThat(fractions).last().isEqualTo(1.0);
        assertThat(fractions).isSorted();
    }

    @Test
    void rejectsInvalidParams() {
        assertThatThrownBy(() -> new GradientAnisotropicDiffusion.Params(-1, 1, 0.05))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations");
        for (double k : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new GradientAnisotropicDiffusion.Params(1, k, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conductance");
            assertThatThrownBy(() -> new CurvatureAnisotropicDiffusion.Params(1, 1, k))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time step");
        }
    }

    static double variance(float[] a) {
        double m = 0;
        for (float v : a) {
            m += v;
        }
        m /= a.length;
        double s = 0;
        for (float v : a) {
            s += (v - m) * (v - m);
        }
        return s / a.length;
    }
}

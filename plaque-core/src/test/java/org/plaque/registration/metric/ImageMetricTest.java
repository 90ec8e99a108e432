package org.plaque.registration.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.registration.SyntheticImages;
import org.plaque.registration.transform.AffineTransform;
import org.plaque.registration.transform.BSplineTransform;
import org.plaque.registration.transform.ParametricTransform;

class ImageMetricTest {
    private static final ImageGeometry GRID = SyntheticImages.grid(36, 40, 32, 2.0);
    private static final double[] CENTRE = {1, -2, 3};
    /** A non-monotone intensity map: the moving image has another "contrast". */
    private static final DoubleUnaryOperator CONTRAST = v -> 200 - 1.5 * v + 0.004 * v * v;

    private static ScalarVolume fixed() {
        return SyntheticImages.phantom(GRID);
    }

    private static ScalarVolume moving(MetricKind kind) {
        Affine truth = SyntheticImages.rigid(0.05, -0.03, 0.08, new double[] {2, -1.5, 1}, CENTRE);
        DoubleUnaryOperator c = kind == MetricKind.MATTES_MI ? CONTRAST
            : kind == MetricKind.NORMALIZED_CORRELATION ? v -> 3 * v + 10 : DoubleUnaryOperator.identity();
        return SyntheticImages.moved(GRID, truth, c);
    }

    /** An affine a little away from identity (and from the truth) so that the gradient is not zero. */
    private static AffineTransform start() {
        return AffineTransform.identity(CENTRE).withParameters(new double[] {1.02, 0.01, -0.02, -0.015, 0.98, 0.03, 0.01, -0.02, 1.01,
            0.7, -0.4, 0.3});
    }

    private static ImageMetric metric(MetricKind kind, SamplingParams sampling) {
        ScalarVolume f = fixed();
        return ImageMetric.create(new MetricParams(kind, 50), f, null, moving(kind), null,
            Sampler.sample(f, null, sampling, 7));
    }

    @ParameterizedTest
    @EnumSource(MetricKind.class)
    void gradientMatchesCentralDifferences(MetricKind kind) {
        ImageMetric m = metric(kind, SamplingParams.regular(0.3));
        AffineTransform t = start();
        MovingMapping map = MovingMapping.linear(t);
        double[] g = new double[12];
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, org.plaque.exec.ProgressListener.NONE)) {
            m.valueAndGradient(map, g, ctx);
            double[] fd = finiteDifferences(m, map, ctx);
            double norm = 0;
            for (double v : fd) {
                norm = Math.max(norm, Math.abs(v));
            }
            assertThat(norm).isGreaterThan(0);
            for (int p = 0; p < 12; p++) {
                assertThat(g[p]).as("parameter %d of %s", p, kind).isCloseTo(fd[p],
                    org.assertj.core.data.Offset.offset(0.02 * norm));
            }
        }
    }

    private static double[] finiteDifferences(ImageMetric m, MovingMapping map, ExecutionContext ctx) {
        double[] p0 = map.transform().parameters();
        double[] fd = new double[p0.length];
        for (int p = 0; p < p0.length; p++) {
            // matrix entries move corners by ~50 mm per unit; translations by 1 mm per unit
            double h = p < 9 ? 2e-5 : 1e-3;
            double[] pp = p0.clone();
            double[] pm = p0.clone();
            pp[p] += h;
            pm[p] -= h;
            fd[p] = (m.value(map.withParameters(pp), ctx) - m.value(map.withParameters(pm), ctx)) / (2 * h);
        }
        return fd;
    }

    @ParameterizedTest
    @EnumSource(MetricKind.class)
    void affinePathEqualsPointByPointPath(MetricKind kind) {
        ImageMetric m = metric(kind, SamplingParams.regular(0.2));
        AffineTransform t = start();
        double[] fast = new double[12];
        double[] slow = new double[12];
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            double vFast = m.valueAndGradient(MovingMapping.linear(t), fast, ctx);
            double vSlow = m.valueAndGradient(MovingMapping.general(t, Affine.identity()), slow, ctx);
            assertThat(vFast).isCloseTo(vSlow, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(vSlow) + 1e-12));
            for (int p = 0; p < 12; p++) {
                assertThat(fast[p]).isCloseTo(slow[p], org.assertj.core.data.Offset.offset(1e-7 * maxAbs(slow)));
            }
        }
    }

    @Test
    void sparseGradientOfABSplineMatchesCentralDifferencesAndTheDenseJacobian() {
        ImageMetric m = metric(MetricKind.MATTES_MI, SamplingParams.regular(0.5));
        BSplineTransform grid = BSplineTransform.overDomain(GRID, 24);
        double[] coeff = new double[grid.parameterCount()];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < coeff.length; i++) {
            coeff[i] = r.nextDouble(-1.5, 1.5);
        }
        BSplineTransform warp = grid.withParameters(coeff);
        Affine outer = SyntheticImages.rigid(0.04, 0, -0.02, new double[] {1, 0.5, -0.5}, CENTRE);
        MovingMapping sparse = MovingMapping.general(warp, outer);
        // the same transform seen only through its dense Jacobian
        MovingMapping dense = MovingMapping.general(new DenseOnly(warp), outer);
        double[] gs = new double[coeff.length];
        double[] gd = new double[coeff.length];
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, org.plaque.exec.ProgressListener.NONE)) {
            m.valueAndGradient(sparse, gs, ctx);
            m.valueAndGradient(dense, gd, ctx);
            double norm = maxAbs(gs);
            assertThat(norm).isGreaterThan(0);
            for (int p = 0; p < coeff.length; p++) {
                assertThat(gd[p]).isCloseTo(gs[p], org.assertj.core.data.Offset.offset(1e-9 * norm));
            }
            // central differences on a few parameters with large gradient
            for (int p = 0; p < coeff.length; p += 7) {
                double h = 1e-3;
                double[] pp = coeff.clone();
                double[] pm = coeff.clone();
                pp[p] += h;
                pm[p] -= h;
                double fd = (m.value(sparse.withParameters(pp), ctx) - m.value(sparse.withParameters(pm), ctx)) / (2 * h);
                assertThat(gs[p]).as("parameter %d", p).isCloseTo(fd, org.assertj.core.data.Offset.offset(0.03 * norm));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MetricKind.class)
    void oneAndTwoThreadsGiveBitIdenticalResults(MetricKind kind) {
        ImageMetric m = metric(kind, SamplingParams.regular(0.9));
        assertThat(m.sampleCount()).isGreaterThan(2 * 2048);
        MovingMapping map = MovingMapping.linear(start());
        double[] g1 = new double[12];
        double[] g2 = new double[12];
        double v1;
        double v2;
        try (ExecutionContext one = ExecutionContext.singleThreaded();
             ExecutionContext two = ExecutionContext.of(2, 1, org.plaque.exec.ProgressListener.NONE)) {
            v1 = m.valueAndGradient(map, g1, one);
            v2 = m.valueAndGradient(map, g2, two);
        }
        assertThat(Double.doubleToRawLongBits(v2)).isEqualTo(Double.doubleToRawLongBits(v1));
        assertThat(g2).containsExactly(g1);
    }

    @Test
    void mutualInformationIsLargestAtTheTrueAlignment() {
        ImageMetric m = metric(MetricKind.MATTES_MI, SamplingParams.all());
        Affine truth = SyntheticImages.rigid(0.05, -0.03, 0.08, new double[] {2, -1.5, 1}, CENTRE);
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            double atTruth = m.value(MovingMapping.linear(AffineTransform.fromAffine(truth, CENTRE)), ctx);
            double atIdentity = m.value(MovingMapping.linear(AffineTransform.identity(CENTRE)), ctx);
            double atOff = m.value(MovingMapping.linear(AffineTransform.fromAffine(
                Affine.translation(1, 0, 0).multiply(truth), CENTRE)), ctx);
            assertThat(atTruth).isLessThan(atOff).isLessThan(atIdentity);
            assertThat(atTruth).isNegative();
        }
    }

    @Test
    void meanSquaresOfAnImageWithItselfIsZeroAndNccIsMinusOne() {
        ScalarVolume f = fixed();
        SamplePoints s = Sampler.sample(f, null, SamplingParams.all(), 1);
        ScalarVolume scaled = SyntheticImages.moved(GRID, Affine.identity(), v -> 2 * v + 5);
        MovingMapping id = MovingMapping.linear(AffineTransform.identity(CENTRE));
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            assertThat(ImageMetric.create(new MetricParams(MetricKind.MEAN_SQUARES, 50), f, null, f, null, s)
                .value(id, ctx)).isEqualTo(0.0);
            assertThat(ImageMetric.create(new MetricParams(MetricKind.NORMALIZED_CORRELATION, 50), f, null, scaled,
                null, s).value(id, ctx)).isCloseTo(-1.0, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @ParameterizedTest
    @EnumSource(MetricKind.class)
    void movingMaskExcludesWhatLiesOutsideIt(MetricKind kind) {
        ScalarVolume f = fixed();
        ScalarVolume mov = moving(kind);
        // the moving mask keeps the half x < 0; beyond the voxels that trilinear interpolation at points inside
        // the mask can reach, the moving image is replaced by noise
        Mask.Builder mb = Mask.builder(GRID);
        ScalarVolume.Builder noisy = mov.toBuilder();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int k = 0, i = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int x = 0; x < GRID.nx(); x++, i++) {
                    boolean in = x < GRID.nx() / 2;
                    mb.set(i, in);
                    if (x > GRID.nx() / 2) {
                        noisy.set(i, (float) r.nextDouble(-500, 500));
                    }
                }
            }
        }
        Mask mask = mb.build();
        ScalarVolume noisyMoving = noisy.build();
        SamplePoints s = Sampler.sample(f, null, SamplingParams.regular(0.5), 9);
        MetricParams p = new MetricParams(kind, 50);
        MovingMapping map = MovingMapping.linear(start());
        double[] g1 = new double[12];
        double[] g2 = new double[12];
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            ImageMetric clean = ImageMetric.create(p, f, null, mov, mask, s);
            ImageMetric dirty = ImageMetric.create(p, f, null, noisyMoving, mask, s);
            double v1 = clean.valueAndGradient(map, g1, ctx);
            double v2 = dirty.valueAndGradient(map, g2, ctx);
            // MI's histogram range comes from the moving image inside its mask, the same for both
            assertThat(v2).isEqualTo(v1);
            assertThat(g2).containsExactly(g1);
            assertThat(clean.validSampleCount()).isLessThan(s.count() * 3 / 5).isGreaterThan(s.count() / 3);
        }
    }

    @Test
    void fixedMaskRestrictsTheSamplePoints() {
        ScalarVolume f = fixed();
        Mask mask = Mask.above(f, 60);
        SamplePoints s = Sampler.sample(f, mask, SamplingParams.all(), 1);
        assertThat(s.count()).isEqualTo(mask.count());
        double[] p = new double[3];
        for (int i = 0; i < s.count(); i++) {
            assertThat(s.fixedValue(i)).isGreaterThan(60f);
        }
        SamplePoints reg = Sampler.sample(f, mask, SamplingParams.regular(0.5), 1);
        for (int i = 0; i < reg.count(); i++) {
            reg.point(i, p);
            double[] c = GRID.worldToVoxel().apply(p[0], p[1], p[2]);
            assertThat(mask.get((int) Math.floor(c[0] + 0.5), (int) Math.floor(c[1] + 0.5), (int) Math.floor(c[2] + 0.5)))
                .isTrue();
        }
    }

    @Test
    void samplingIsReproducibleFromTheSeed() {
        ScalarVolume f = fixed();
        for (SamplingParams sp : new SamplingParams[] {SamplingParams.regular(0.1), SamplingParams.random(5000)}) {
            SamplePoints a = Sampler.sample(f, null, sp, 11);
            SamplePoints b = Sampler.sample(f, null, sp, 11);
            SamplePoints c = Sampler.sample(f, null, sp, 12);
            assertThat(b.xyz()).containsExactly(a.xyz());
            assertThat(c.xyz()).isNotEqualTo(a.xyz());
        }
        assertThat(Sampler.sample(f, null, SamplingParams.random(5000), 1).count()).isEqualTo(5000);
        assertThat(Sampler.sample(f, null, SamplingParams.regular(0.25), 1).count())
            .isEqualTo((GRID.voxelCount() + 3) / 4);
    }

    @Test
    void noOverlapIsAClearFailure() {
        ImageMetric m = metric(MetricKind.MATTES_MI, SamplingParams.regular(0.2));
        double[] far = start().parameters();
        far[9] = 500;
        assertThatThrownBy(() -> {
            try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
                m.value(MovingMapping.linear(start().withParameters(far)), ctx);
            }
        }).isInstanceOf(InsufficientOverlapException.class).hasMessageContaining("do not overlap");
    }

    @Test
    void inputsAreNotModified() {
        ScalarVolume f = fixed();
        ScalarVolume mov = moving(MetricKind.MATTES_MI);
        float[] before = mov.toArray();
        float[] fixedBefore = f.toArray();
        ImageMetric m = ImageMetric.create(MetricParams.DEFAULTS, f, null, mov, null,
            Sampler.sample(f, null, SamplingParams.regular(0.3), 1));
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            m.valueAndGradient(MovingMapping.linear(start()), new double[12], ctx);
        }
        assertThat(mov.toArray()).containsExactly(before);
        assertThat(f.toArray()).containsExactly(fixedBefore);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Hides the sparse interface so the metric takes the dense-Jacobian path. */
    private record DenseOnly(ParametricTransform t) implements ParametricTransform {
        @Override
        public void transformPoint(double[] in, double[] out) {
            t.transformPoint(in, out);
        }

        @Override
        public int parameterCount() {
            return t.parameterCount();
        }

        @Override
        public double[] parameters() {
            return t.parameters();
        }

        @Override
        public ParametricTransform withParameters(double[] parameters) {
            return new DenseOnly(t.withParameters(parameters));
        }

        @Override
        public void jacobian(double[] in, double[] jacobian) {
            t.jacobian(in, jacobian);
        }
    }
}

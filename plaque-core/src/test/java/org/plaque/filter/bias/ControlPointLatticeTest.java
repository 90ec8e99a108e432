package org.plaque.filter.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;

class ControlPointLatticeTest {
    private static ControlPointLattice random(int cx, int cy, int cz, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[cx * cy * cz];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return new ControlPointLattice(cx, cy, cz, v);
    }

    @Test
    void weightsOfEverySampleSumToOne() {
        AxisBasis b = new AxisBasis(37, 5);
        for (int i = 0; i < b.samples; i++) {
            double sum = 0;
            for (int a = 0; a < 4; a++) {
                assertThat(b.weights[4 * i + a]).isGreaterThanOrEqualTo(0.0);
                sum += b.weights[4 * i + a];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-12));
            assertThat(b.base[i]).isBetween(0, b.spans - 1);
        }
        assertThat(b.base[0]).isZero();
        assertThat(b.base[b.samples - 1]).isEqualTo(b.spans - 1);
    }

    @Test
    void aConstantLatticeEvaluatesToThatConstant() {
        double[] v = new double[5 * 4 * 6];
        java.util.Arrays.fill(v, 2.5);
        ControlPointLattice lattice = new ControlPointLattice(5, 4, 6, v);
        double[] out = lattice.evaluate(lattice.basesFor(13, 9, 7), ExecutionContext.singleThreaded());
        for (double d : out) {
            assertThat(d).isCloseTo(2.5, within(1e-12));
        }
    }

    @Test
    void refinementDoublesTheSpansAndKeepsTheFunction() {
        ControlPointLattice coarse = random(4, 5, 6, 7);
        ControlPointLattice fine = coarse.refined();
        assertThat(new int[] {fine.cx, fine.cy, fine.cz}).containsExactly(5, 7, 9);
        ExecutionContext ctx = ExecutionContext.singleThreaded();
        double[] a = coarse.evaluate(coarse.basesFor(31, 17, 23), ctx);
        double[] b = fine.evaluate(fine.basesFor(31, 17, 23), ctx);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-9));
        }
    }

    @Test
    void evaluationDoesNotDependOnTheThreadCount() {
        ControlPointLattice lattice = random(6, 7, 5, 3);
        double[] one = lattice.evaluate(lattice.basesFor(40, 30, 20), ExecutionContext.singleThreaded());
        try (ExecutionContext two = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            assertThat(lattice.evaluate(lattice.basesFor(40, 30, 20), two)).isEqualTo(one);
        }
    }

    @Test
    void aSinglePointIsInterpolatedExactly() {
        // Lee et al.: with one data point the control points are z·B_k / Σ B_l², so the spline passes through it.
        int nx = 20;
        int ny = 16;
        int nz = 12;
        double[] data = new double[nx * ny * nz];
        boolean[] mask = new boolean[data.length];
        int at = 7 + nx * (5 + ny * 9);
        data[at] = -1.25;
        mask[at] = true;
        AxisBasis[] bases = {new AxisBasis(nx, 3), new AxisBasis(ny, 2), new AxisBasis(nz, 1)};
        ControlPointLattice fit = BSplineFitter.fit(data, mask, bases, ExecutionContext.singleThreaded());
        assertThat(fit.evaluate(bases, ExecutionContext.singleThreaded())[at]).isCloseTo(-1.25, within(1e-12));
    }

    @Test
    void fittingIsLinearInTheData() {
        int nx = 15;
        int ny = 14;
        int nz = 13;
        Random rnd = new Random(9);
        double[] a = new double[nx * ny * nz];
        double[] b = new double[a.length];
        double[] sum = new double[a.length];
        boolean[] mask = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
            sum[i] = 2 * a[i] - 3 * b[i];
            mask[i] = rnd.nextBoolean();
        }
        AxisBasis[] bases = {new AxisBasis(nx, 2), new AxisBasis(ny, 3), new AxisBasis(nz, 2)};
        ExecutionContext ctx = ExecutionContext.singleThreaded();
        double[] fa = BSplineFitter.fit(a, mask, bases, ctx).values;
        double[] fb = BSplineFitter.fit(b, mask, bases, ctx).values;
        double[] fs = BSplineFitter.fit(sum, mask, bases, ctx).values;
        for (int k = 0; k < fs.length; k++) {
            assertThat(fs[k]).isCloseTo(2 * fa[k] - 3 * fb[k], within(1e-9));
        }
    }

    @Test
    void fittingApproximatesASmoothFieldAndIsThreadIndependent() {
        int nx = 30;
        int ny = 26;
        int nz = 22;
        ControlPointLattice truth = random(5, 5, 5, 11);
        AxisBasis[] bases = truth.basesFor(nx, ny, nz);
        double[] data = truth.evaluate(bases, ExecutionContext.singleThreaded());
        boolean[] mask = new boolean[data.length];
        Random rnd = new Random(5);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rnd.nextDouble() < 0.7;
        }
        ControlPointLattice fit = BSplineFitter.fit(data, mask, bases, ExecutionContext.singleThreaded());
        double[] back = fit.evaluate(bases, ExecutionContext.singleThreaded());
        // One level of Lee's approximation smooths; N4 iterates it. A sanity bound, not a precision claim.
        assertThat(correlation(data, back)).isGreaterThan(0.85);
        try (ExecutionContext two = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            assertThat(BSplineFitter.fit(data, mask, bases, two).values).isEqualTo(fit.values);
        }
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}

package org.plaque.registration.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.plaque.registration.transform.Derivatives.apply;
import static org.plaque.registration.transform.Derivatives.assertClose;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;

/** The cubic B-spline deformation: grid layout, exactness, Jacobians, refinement, no allocation. */
class BSplineTransformTest {

    /** An oblique fixed-image domain with anisotropic voxels. */
    static ImageGeometry domain(Random r) {
        double a = 0.4 * r.nextGaussian();
        double b = 0.4 * r.nextGaussian();
        double[][] dir = Mat3Rows.of(Mat3.multiply(
            new double[] {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1},
            new double[] {1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)}));
        return ImageGeometry.of(new int[] {20 + r.nextInt(20), 15 + r.nextInt(20), 8 + r.nextInt(10)},
            new double[] {0.7 + r.nextDouble(), 0.8 + r.nextDouble(), 2 + r.nextDouble()},
            new double[] {r.nextGaussian() * 20, r.nextGaussian() * 20, r.nextGaussian() * 20}, dir);
    }

    static BSplineTransform randomBSpline(Random r, ImageGeometry domain, double amplitudeMm) {
        BSplineTransform t = BSplineTransform.overDomain(domain, new int[] {2 + r.nextInt(4), 2 + r.nextInt(4),
            1 + r.nextInt(3)});
        double[] p = new double[t.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = amplitudeMm * r.nextGaussian();
        }
        return t.withParameters(p);
    }

    /** A random point inside the image domain (continuous voxel index within the image). */
    static double[] pointIn(Random r, ImageGeometry g) {
        return g.voxelToWorld().apply(r.nextDouble() * (g.nx() - 1), r.nextDouble() * (g.ny() - 1),
            r.nextDouble() * (g.nz() - 1));
    }

    @Test
    void gridFollowsItksLayout() {
        ImageGeometry d = ImageGeometry.axisAligned(11, 21, 5, new double[] {1, 0.5, 3}, new double[] {10, 20, 30});
        BSplineTransform t = BSplineTransform.overDomain(d, new int[] {5, 4, 2});
        ImageGeometry g = t.controlGrid();
        assertThat(g.size()).containsExactly(8, 7, 5);
        // extent (n − 1)·spacing = 10, 10, 12 mm over 5, 4, 2 spans
        assertThat(g.spacingMm()).containsExactly(2.0, 2.5, 6.0);
        // one control spacing before the first voxel centre
        assertThat(g.originMm()).containsExactly(8.0, 17.5, 24.0);
        assertThat(t.meshSize()).containsExactly(5, 4, 2);
        assertThat(t.parameterCount()).isEqualTo(3 * 8 * 7 * 5);
        assertThat(t.maxSupport()).isEqualTo(192);
        // control spacing: ⌈extent / spacing⌉ spans
        assertThat(BSplineTransform.overDomain(d, 4.0).meshSize()).containsExactly(3, 3, 3);
        assertThatThrownBy(() -> BSplineTransform.of(ImageGeometry.axisAligned(3, 4, 4, new double[] {1, 1, 1},
            new double[3]), new double[3 * 48])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4");
        assertThatThrownBy(() -> t.withParameters(new double[5])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reproducesAnAffineDisplacementExactlyInsideTheDomain() {
        // cubic B-splines reproduce polynomials up to degree 3: coefficients sampled from a linear field give
        // that field between them
        qt().withFixedSeed(51).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ImageGeometry d = domain(r);
            BSplineTransform t = BSplineTransform.overDomain(d, new int[] {3, 4, 2});
            ImageGeometry g = t.controlGrid();
            double[] m = new double[9];
            for (int i = 0; i < 9; i++) {
                m[i] = 0.05 * r.nextGaussian();
            }
            double[] off = Derivatives.randomPoint(r, 3);
            int n = g.voxelCount();
            double[] p = new double[3 * n];
            for (int k = 0; k < g.nz(); k++) {
                for (int j = 0; j < g.ny(); j++) {
                    for (int i = 0; i < g.nx(); i++) {
                        double[] x = g.voxelToWorld().apply(i, j, k);
                        for (int a = 0; a < 3; a++) {
                            p[a * n + g.index(i, j, k)] = m[a * 3] * x[0] + m[a * 3 + 1] * x[1] + m[a * 3 + 2] * x[2] + off[a];
                        }
                    }
                }
            }
            BSplineTransform field = t.withParameters(p);
            for (int s = 0; s < 50; s++) {
                double[] x = pointIn(r, d);
                double[] expect = new double[3];
                for (int a = 0; a < 3; a++) {
                    expect[a] = x[a] + m[a * 3] * x[0] + m[a * 3 + 1] * x[1] + m[a * 3 + 2] * x[2] + off[a];
                }
                assertClose(apply(field, x), expect, 1e-9);
            }
        });
    }

    @Test
    void pointsOutsideTheDomainAreNotMoved() {
        Random r = new Random(52);
        ImageGeometry d = domain(r);
        BSplineTransform t = randomBSpline(r, d, 3);
        double[] far = d.voxelToWorld().apply(-3, d.ny() / 2.0, d.nz() / 2.0);
        assertThat(apply(t, far)).containsExactly(far);
        double[] jac = new double[9];
        t.spatialJacobian(far, jac);
        assertThat(jac).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(t.sparseJacobian(far, new int[192], new double[3 * 192])).isZero();
        // the domain's corners (first and last voxel centres) are inside and well defined
        double[] last = d.voxelToWorld().apply(d.nx() - 1, d.ny() - 1, d.nz() - 1);
        assertThat(t.sparseJacobian(last, new int[192], new double[3 * 192])).isEqualTo(192);
        double[] first = d.voxelToWorld().apply(0, 0, 0);
        assertThat(apply(t, first)).isNotEqualTo(first);
    }

    @Test
    void sparseJacobianMatchesCentralDifferencesAndTheDenseForm() {
        qt().withFixedSeed(53).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ImageGeometry d = domain(r);
            BSplineTransform t = randomBSpline(r, d, 2);
            int[] idx = new int[t.maxSupport()];
            double[] val = new double[3 * t.maxSupport()];
            double[] dense = new double[3 * t.parameterCount()];
            for (int s = 0; s < 5; s++) {
                double[] x = pointIn(r, d);
                int support = t.sparseJacobian(x, idx, val);
                assertThat(support).isEqualTo(192);
                assertThat(Arrays.stream(idx).distinct().count()).isEqualTo(192);
                t.jacobian(x, dense);
                double weightSum = 0;
                for (int k = 0; k < support; k++) {
                    double[] fd = Derivatives.parameterDerivative(t, x, idx[k], 1e-3);
                    for (int row = 0; row < 3; row++) {
                        double v = val[row * t.maxSupport() + k];
                        assertThat(v).isCloseTo(fd[row], within(1e-9));
                        assertThat(dense[row * t.parameterCount() + idx[k]]).isCloseTo(v, within(1e-15));
                    }
                    weightSum += val[k];
                }
                // the 64 weights are a partition of unity
                assertThat(weightSum).isCloseTo(1, within(1e-12));
                // parameters outside the support do not move the point
                double nonzero = Arrays.stream(dense).filter(v -> v != 0).count();
                assertThat(nonzero).isLessThanOrEqualTo(192);
            }
        });
    }

    @Test
    void spatialJacobianMatchesCentralDifferences() {
        qt().withFixedSeed(54).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ImageGeometry d = domain(r);
            BSplineTransform t = randomBSpline(r, d, 2);
            for (int s = 0; s < 5; s++) {
                Derivatives.checkSpatialJacobian(t, pointIn(r, d), 1e-5, 1e-6);
            }
        });
    }

    @Test
    void parametersAreXThenYThenZDisplacements() {
        ImageGeometry d = ImageGeometry.axisAligned(9, 9, 9, new double[] {1, 1, 1}, new double[3]);
        BSplineTransform t = BSplineTransform.overDomain(d, new int[] {2, 2, 2});
        int n = 5 * 5 * 5;
        // control point (2, 2, 2) sits on the domain centre (4, 4, 4) mm, where its weight is (4/6)³
        int cp = 2 + 5 * (2 + 5 * 2);
        for (int axis = 0; axis < 3; axis++) {
            double[] p = new double[3 * n];
            p[axis * n + cp] = 1;
            double[] out = apply(t.withParameters(p), new double[] {4, 4, 4});
            double[] expect = {4, 4, 4};
            expect[axis] += Math.pow(4.0 / 6, 3);
            assertClose(out, expect, 1e-12);
        }
    }

    @Test
    void refineKeepsTheDeformation() {
        qt().withFixedSeed(55).withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ImageGeometry d = domain(r);
            BSplineTransform t = randomBSpline(r, d, 3);
            BSplineTransform fine = t.refine();
            for (int a = 0; a < 3; a++) {
                assertThat(fine.meshSize()[a]).isEqualTo(2 * t.meshSize()[a]);
                assertThat(fine.controlGrid().spacingMm()[a]).isCloseTo(t.controlGrid().spacingMm()[a] / 2, within(1e-12));
            }
            for (int s = 0; s < 40; s++) {
                double[] x = pointIn(r, d);
                assertClose(apply(fine, x), apply(t, x), 1e-9);
            }
        });
    }

    @Test
    void evaluationAllocatesNothing() {
        Random r = new Random(56);
        ImageGeometry d = domain(r);
        BSplineTransform t = randomBSpline(r, d, 2);
        double[] in = pointIn(r, d);
        double[] out = new double[3];
        int[] idx = new int[192];
        double[] val = new double[3 * 192];
        double[] jac = new double[9];
        // one double[3] per call would be 100 000 × 40 bytes
        assertThat(Allocation.bytes(() -> t.transformPoint(in, out), 100_000)).isLessThan(64 * 1024);
        assertThat(Allocation.bytes(() -> t.sparseJacobian(in, idx, val), 20_000)).isLessThan(64 * 1024);
        assertThat(Allocation.bytes(() -> t.spatialJacobian(in, jac), 20_000)).isLessThan(64 * 1024);
    }

    @Test
    void equalityFollowsGridAndCoefficients() {
        Random r = new Random(57);
        ImageGeometry d = domain(r);
        BSplineTransform t = randomBSpline(r, d, 2);
        assertThat(t.withParameters(t.parameters())).isEqualTo(t);
        double[] p = t.parameters();
        p[0] += 1;
        assertThat(t.withParameters(p)).isNotEqualTo(t);
        assertThat(BSplineTransform.of(t.controlGrid(), t.parameters())).isEqualTo(t);
        assertThat(t.controlGrid().voxelToWorld()).isInstanceOf(Affine.class);
    }
}

package org.plaque.registration.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.plaque.registration.transform.Derivatives.apply;
import static org.plaque.registration.transform.Derivatives.assertClose;
import static org.plaque.registration.transform.Derivatives.randomPoint;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.geom.ImageGeometry;
import org.plaque.registration.transform.EulerTransform.AngleOrder;

/** Composite transforms: ITK order, flattening, affine form, inverse and the chained parameter Jacobian. */
class CompositeTransformTest {

    @Test
    void theLastAddedTransformActsFirst() {
        TranslationTransform shift = TranslationTransform.of(10, 0, 0);
        AffineTransform doubling = AffineTransform.of(new double[] {2, 0, 0, 0, 2, 0, 0, 0, 2}, new double[3],
            new double[3]);
        // T0(T1(x)) with T0 = shift, T1 = doubling: 2x + 10
        CompositeTransform c = CompositeTransform.of(shift, doubling);
        assertClose(apply(c, new double[] {1, 1, 1}), new double[] {12, 2, 2}, 0);
        assertClose(apply(CompositeTransform.empty().add(shift).add(doubling), new double[] {1, 1, 1}),
            new double[] {12, 2, 2}, 0);
        assertClose(apply(CompositeTransform.of(doubling, shift), new double[] {1, 1, 1}),
            new double[] {22, 2, 2}, 0);
        assertThat(c.toAffine().orElseThrow().apply(1, 1, 1)).containsExactly(12, 2, 2);
        assertThat(apply(CompositeTransform.empty(), new double[] {1, 2, 3})).containsExactly(1, 2, 3);
    }

    @Test
    void nestedCompositesAreFlattened() {
        Random r = new Random(61);
        LinearTransform a = LinearTransformsTest.randomAffine(r);
        LinearTransform b = LinearTransformsTest.randomEuler(r, AngleOrder.ZXY);
        LinearTransform t = LinearTransformsTest.randomTranslation(r);
        CompositeTransform nested = CompositeTransform.of(a, CompositeTransform.of(b, t));
        assertThat(nested.transforms()).containsExactly(a, b, t);
        assertThat(nested).isEqualTo(CompositeTransform.of(a, b, t));
        double[] x = randomPoint(r, 30);
        assertClose(apply(nested, x), apply(a, apply(b, apply(t, x))), 1e-9);
    }

    @Test
    void inverseOfALinearChain() {
        qt().withFixedSeed(62).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            CompositeTransform c = CompositeTransform.of(LinearTransformsTest.randomLinear(r));
            double[] x = randomPoint(r, 30);
            assertClose(apply(c.inverse(), apply(c, x)), x, 1e-8);
            assertClose(c.toAffine().orElseThrow().apply(x[0], x[1], x[2]), apply(c, x), 1e-8);
        });
        Random r = new Random(1);
        CompositeTransform withSpline = CompositeTransform.of(LinearTransformsTest.randomAffine(r),
            BSplineTransformTest.randomBSpline(r, BSplineTransformTest.domain(r), 1));
        assertThat(withSpline.toAffine()).isEmpty();
        assertThatThrownBy(withSpline::inverse).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parametersAreThoseOfTheLastTransformAndItsJacobianIsChained() {
        qt().withFixedSeed(63).withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ImageGeometry d = BSplineTransformTest.domain(r);
            BSplineTransform spline = BSplineTransformTest.randomBSpline(r, d, 2);
            AffineTransform affine = LinearTransformsTest.randomAffine(r);
            // registration layout: the affine found first, the B-spline (on the fixed domain) acting first
            CompositeTransform c = CompositeTransform.of(affine, spline);
            assertThat(c.parameterCount()).isEqualTo(spline.parameterCount());
            assertThat(c.parameters()).containsExactly(spline.parameters());
            assertThat(c.maxSupport()).isEqualTo(192);
            double[] p = spline.parameters();
            p[3] += 0.5;
            assertThat(c.withParameters(p).transforms().get(1)).isEqualTo(spline.withParameters(p));
            int[] idx = new int[192];
            double[] val = new double[3 * 192];
            double[] x = BSplineTransformTest.pointIn(r, d);
            int support = c.sparseJacobian(x, idx, val);
            assertThat(support).isEqualTo(192);
            for (int k = 0; k < support; k += 7) {
                double[] fd = Derivatives.parameterDerivative(c, x, idx[k], 1e-3);
                for (int row = 0; row < 3; row++) {
                    assertThat(val[row * 192 + k]).isCloseTo(fd[row], within(1e-8));
                }
            }
            Derivatives.checkSpatialJacobian(c, x, 1e-5, 1e-6);
            // a dense last transform behind a non-linear one: the chain rule through the B-spline's Jacobian
            CompositeTransform c2 = CompositeTransform.of(spline, LinearTransformsTest.randomEuler(r, AngleOrder.ZXY));
            Derivatives.checkDenseJacobian(c2, x, 1e-6, 1e-5);
            int[] idx2 = new int[6];
            double[] val2 = new double[18];
            assertThat(c2.sparseJacobian(x, idx2, val2)).isEqualTo(6);
            assertThat(idx2).containsExactly(0, 1, 2, 3, 4, 5);
            double[] dense = new double[18];
            c2.jacobian(x, dense);
            assertThat(val2).containsExactly(dense);
        });
    }

    @Test
    void aCompositeWithoutParametersReportsNone() {
        assertThat(CompositeTransform.empty().parameterCount()).isZero();
        assertThat(CompositeTransform.empty().withParameters(new double[0])).isEqualTo(CompositeTransform.empty());
        Transform opaque = (in, out) -> {
            out[0] = in[0];
            out[1] = in[1];
            out[2] = in[2];
        };
        CompositeTransform c = CompositeTransform.of(opaque);
        assertThat(c.parameterCount()).isZero();
        assertThatThrownBy(() -> c.withParameters(new double[] {1})).isInstanceOf(IllegalStateException.class);
    }
}

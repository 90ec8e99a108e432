package org.plaque.registration.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.plaque.registration.transform.Derivatives.apply;
import static org.plaque.registration.transform.Derivatives.assertClose;
import static org.plaque.registration.transform.Derivatives.randomPoint;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.geom.Affine;
import org.plaque.registration.transform.EulerTransform.AngleOrder;

/** Translation, Euler, similarity and affine transforms: semantics, Jacobians, round trips, inverse, composition. */
class LinearTransformsTest {

    static TranslationTransform randomTranslation(Random r) {
        return TranslationTransform.of(randomPoint(r, 10));
    }

    static EulerTransform randomEuler(Random r, AngleOrder order) {
        // the middle angle within ±80° so that the angles can be recovered from the matrix
        double[] angles = {(r.nextDouble() - 0.5) * 2.8, (r.nextDouble() - 0.5) * 2.8, (r.nextDouble() - 0.5) * 6};
        if (order == AngleOrder.ZYX) {
            angles = new double[] {(r.nextDouble() - 0.5) * 6, (r.nextDouble() - 0.5) * 2.8, (r.nextDouble() - 0.5) * 6};
        }
        return EulerTransform.of(randomPoint(r, 20), angles, randomPoint(r, 10), order);
    }

    static SimilarityTransform randomSimilarity(Random r) {
        double[] v = randomPoint(r, 1);
        double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        double f = 0.9 * r.nextDouble() / len;
        return SimilarityTransform.of(randomPoint(r, 20), new double[] {v[0] * f, v[1] * f, v[2] * f},
            randomPoint(r, 10), 0.5 + 1.5 * r.nextDouble());
    }

    static AffineTransform randomAffine(Random r) {
        double[] m = new double[9];
        for (int i = 0; i < 9; i++) {
            m[i] = (i % 4 == 0 ? 1 : 0) + 0.3 * r.nextGaussian();
        }
        return AffineTransform.of(m, randomPoint(r, 20), randomPoint(r, 10));
    }

    static List<LinearTransform> randomLinear(Random r) {
        return List.of(randomTranslation(r), randomEuler(r, AngleOrder.ZXY), randomEuler(r, AngleOrder.ZYX),
            randomSimilarity(r), randomAffine(r));
    }

    @Test
    void parameterJacobiansMatchCentralDifferences() {
        qt().withFixedSeed(41).withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            for (LinearTransform t : randomLinear(r)) {
                Derivatives.checkDenseJacobian(t, randomPoint(r, 50), 1e-6, 1e-6);
            }
        });
    }

    @Test
    void spatialJacobianIsTheMatrix() {
        qt().withFixedSeed(42).withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            for (LinearTransform t : randomLinear(r)) {
                Derivatives.checkSpatialJacobian(t, randomPoint(r, 50), 1e-4, 1e-7);
            }
        });
    }

    @Test
    void affineFormMatchesTheCentredFormula() {
        qt().withFixedSeed(43).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            for (LinearTransform t : randomLinear(r)) {
                double[] x = randomPoint(r, 50);
                double[] a = t.matrix();
                double[] c = t.center();
                double[] tr = t.translation();
                double[] d = {x[0] - c[0], x[1] - c[1], x[2] - c[2]};
                double[] expect = new double[3];
                for (int i = 0; i < 3; i++) {
                    expect[i] = a[i * 3] * d[0] + a[i * 3 + 1] * d[1] + a[i * 3 + 2] * d[2] + c[i] + tr[i];
                }
                assertClose(apply(t, x), expect, 1e-9);
                assertClose(t.toAffine().apply(x[0], x[1], x[2]), expect, 1e-9);
                // in place: in and out may be the same array
                double[] same = x.clone();
                t.transformPoint(same, same);
                assertClose(same, expect, 1e-9);
            }
        });
    }

    @Test
    void parametersRoundTripAndFromAffineRecoversThem() {
        qt().withFixedSeed(44).withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            for (LinearTransform t : randomLinear(r)) {
                double[] p = t.parameters();
                ParametricTransform again = t.withParameters(p);
                assertThat(again).isEqualTo(t);
                assertThat(again.parameters()).containsExactly(p);
                LinearTransform fromAffine = recover(t);
                assertClose(fromAffine.parameters(), p, 1e-9);
                assertThat(fromAffine.center()).containsExactly(t.center());
            }
        });
    }

    private static LinearTransform recover(LinearTransform t) {
        Affine a = t.toAffine();
        if (t instanceof TranslationTransform) {
            return TranslationTransform.fromAffine(a);
        }
        if (t instanceof EulerTransform e) {
            return EulerTransform.fromAffine(a, t.center(), e.angleOrder());
        }
        if (t instanceof SimilarityTransform) {
            return SimilarityTransform.fromAffine(a, t.center());
        }
        return AffineTransform.fromAffine(a, t.center());
    }

    @Test
    void inverseUndoesTheTransformAndKeepsTheKindAndCentre() {
        qt().withFixedSeed(45).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            for (LinearTransform t : randomLinear(r)) {
                LinearTransform inv = t.inverse();
                assertThat(inv.getClass()).isEqualTo(t.getClass());
                assertThat(inv.center()).containsExactly(t.center());
                double[] x = randomPoint(r, 50);
                assertClose(apply(inv, apply(t, x)), x, 1e-8);
                assertClose(apply(t, apply(inv, x)), x, 1e-8);
            }
        });
    }

    @Test
    void composeAppliesTheArgumentFirst() {
        qt().withFixedSeed(46).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            List<LinearTransform> a = randomLinear(r);
            List<LinearTransform> b = randomLinear(r);
            for (LinearTransform outer : a) {
                for (LinearTransform first : b) {
                    AffineTransform ab = outer.compose(first);
                    assertThat(ab.center()).containsExactly(first.center());
                    double[] x = randomPoint(r, 50);
                    assertClose(apply(ab, x), apply(outer, apply(first, x)), 1e-8);
                }
            }
            EulerTransform e1 = randomEuler(r, AngleOrder.ZXY);
            EulerTransform e2 = randomEuler(r, AngleOrder.ZXY);
            double[] x = randomPoint(r, 50);
            assertClose(apply(e1.compose(e2), x), apply(e1, apply(e2, x)), 1e-8);
            SimilarityTransform s1 = randomSimilarity(r);
            SimilarityTransform s2 = randomSimilarity(r);
            assertClose(apply(s1.compose(s2), x), apply(s1, apply(s2, x)), 1e-8);
            TranslationTransform t1 = randomTranslation(r);
            TranslationTransform t2 = randomTranslation(r);
            assertClose(apply(t1.compose(t2), x), apply(t1, apply(t2, x)), 1e-12);
        });
    }

    @Test
    void eulerAnglesAreRightHandedAndCombinedInItksOrder() {
        double q = Math.PI / 2;
        double[] origin = new double[3];
        // right-handed elementary rotations: z turns +x to +y, x turns +y to +z, y turns +z to +x
        assertClose(apply(EulerTransform.of(origin, new double[] {0, 0, q}, origin), new double[] {1, 0, 0}),
            new double[] {0, 1, 0}, 1e-15);
        assertClose(apply(EulerTransform.of(origin, new double[] {q, 0, 0}, origin), new double[] {0, 1, 0}),
            new double[] {0, 0, 1}, 1e-15);
        assertClose(apply(EulerTransform.of(origin, new double[] {0, q, 0}, origin), new double[] {0, 0, 1}),
            new double[] {1, 0, 0}, 1e-15);
        // ZXY (default): y first, then x, then z. +z --Ry(90°)--> +x --Rx--> +x --Rz(90°)--> +y
        EulerTransform zxy = EulerTransform.of(origin, new double[] {q, q, q}, origin);
        assertClose(apply(zxy, new double[] {0, 0, 1}), new double[] {0, 1, 0}, 1e-15);
        // ZYX: x first, then y, then z. +z --Rx(90°)--> −y --Ry--> −y --Rz(90°)--> +x
        EulerTransform zyx = EulerTransform.of(origin, new double[] {q, q, q}, origin, AngleOrder.ZYX);
        assertClose(apply(zyx, new double[] {0, 0, 1}), new double[] {1, 0, 0}, 1e-15);
    }

    @Test
    void theCentreIsTheFixedPointOfTheLinearPart() {
        Random r = new Random(7);
        for (int i = 0; i < 20; i++) {
            for (LinearTransform t : randomLinear(r)) {
                double[] c = t.center();
                double[] tr = t.translation();
                assertClose(apply(t, c), new double[] {c[0] + tr[0], c[1] + tr[1], c[2] + tr[2]}, 1e-9);
            }
        }
    }

    @Test
    void eulerGimbalLockStillReproducesTheRotation() {
        double[] c = {1, 2, 3};
        for (AngleOrder order : AngleOrder.values()) {
            double[] angles = order == AngleOrder.ZXY ? new double[] {Math.PI / 2, 0.3, 0.7}
                : new double[] {0.3, -Math.PI / 2, 0.7};
            EulerTransform e = EulerTransform.of(c, angles, new double[] {4, 5, 6}, order);
            EulerTransform back = EulerTransform.fromAffine(e.toAffine(), c, order);
            assertThat(back.toAffine().approxEquals(e.toAffine(), 1e-9)).isTrue();
        }
    }

    @Test
    void similarityVersorIsAHalfAngleAxisAndScalesIsotropically() {
        // 90° about z: v = (0, 0, sin 45°); scale 2 about the centre (1, 1, 1)
        double s = Math.sin(Math.PI / 4);
        SimilarityTransform t = SimilarityTransform.of(new double[] {1, 1, 1}, new double[] {0, 0, s},
            new double[] {0, 0, 0}, 2);
        assertClose(apply(t, new double[] {2, 1, 1}), new double[] {1, 3, 1}, 1e-12);
        // a too-long versor is shrunk (as ITK does), not rejected
        SimilarityTransform half = SimilarityTransform.of(new double[3], new double[] {2, 0, 0}, new double[3], 1);
        assertThat(half.versor()[0]).isCloseTo(1, within(1e-9));
        assertClose(apply(half, new double[] {0, 1, 0}), new double[] {0, -1, 0}, 1e-4);
    }

    @Test
    void badInputsAreRejected() {
        double[] o = new double[3];
        assertThatThrownBy(() -> EulerTransform.fromAffine(Affine.scaling(1, 1, 2), o))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rotation");
        assertThatThrownBy(() -> EulerTransform.fromAffine(Affine.scaling(-1, 1, 1), o))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimilarityTransform.fromAffine(Affine.scaling(1, 1, 2), o))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TranslationTransform.fromAffine(Affine.scaling(1, 1, 2)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AffineTransform.of(new double[9], o, o).inverse())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singular");
        assertThatThrownBy(() -> AffineTransform.identity(o).withParameters(new double[11]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
        assertThatThrownBy(() -> EulerTransform.identity(o).withParameters(new double[] {0, 0, Double.NaN, 0, 0, 0}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimilarityTransform.of(o, o, o, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pointsAndJacobiansAllocateNothing() {
        Random r = new Random(9);
        double[] in = randomPoint(r, 30);
        double[] out = new double[3];
        double[] jac = new double[36];
        double[] spatial = new double[9];
        for (LinearTransform t : randomLinear(r)) {
            assertThat(Allocation.bytes(() -> t.transformPoint(in, out), 100_000)).as(t.toString()).isLessThan(64 * 1024);
            assertThat(Allocation.bytes(() -> t.jacobian(in, jac), 100_000)).as(t.toString()).isLessThan(64 * 1024);
            assertThat(Allocation.bytes(() -> t.spatialJacobian(in, spatial), 100_000)).as(t.toString())
                .isLessThan(64 * 1024);
        }
    }

    @Test
    void withCenterKeepsTheMapping() {
        Random r = new Random(3);
        AffineTransform a = randomAffine(r);
        AffineTransform b = a.withCenter(new double[] {5, -7, 11});
        double[] x = randomPoint(r, 30);
        assertClose(apply(b, x), apply(a, x), 1e-9);
        assertThat(AffineTransform.from(randomEuler(r, AngleOrder.ZXY)).parameterCount()).isEqualTo(12);
    }
}

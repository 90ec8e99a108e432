package org.plaque.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AffineTest {

    /** A random affine whose linear part is a rotation times scales in [0.3, 3] (well conditioned). */
    static Affine randomAffine(Random r) {
        double[][] q = randomRotation(r);
        double[] s = {0.3 + 2.7 * r.nextDouble(), 0.3 + 2.7 * r.nextDouble(), 0.3 + 2.7 * r.nextDouble()};
        double[][] lin = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                lin[i][j] = q[i][j] * s[j];
            }
        }
        return Affine.of(lin, new double[] {200 * r.nextDouble() - 100, 200 * r.nextDouble() - 100,
            200 * r.nextDouble() - 100});
    }

    /** A uniformly random rotation from a random unit quaternion. */
    static double[][] randomRotation(Random r) {
        double w = r.nextGaussian();
        double x = r.nextGaussian();
        double y = r.nextGaussian();
        double z = r.nextGaussian();
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= n;
        x /= n;
        y /= n;
        z /= n;
        return new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
            {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
            {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
    }

    @Test
    void twelveAndSixteenValuesGiveTheSameAffine() {
        Affine a = Affine.ofRowMajor(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        Affine b = Affine.ofRowMajor(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0, 1);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.get(1, 2)).isEqualTo(7);
        assertThat(a.get(3, 3)).isEqualTo(1);
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> Affine.ofRowMajor(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("12 or 16");
        assertThatThrownBy(() -> Affine.ofRowMajor(1, 0, 0, Double.NaN, 0, 1, 0, 0, 0, 0, 1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> Affine.ofRowMajor(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last row");
        assertThatThrownBy(() -> Affine.of(new double[][] {{1, 0, 0, 0}, {0, 1, 0}, {0, 0, 1, 0}}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> Affine.of(new double[][] {{1, 0, 0, 0}}))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void multiplyAppliesTheArgumentFirst() {
        Affine t = Affine.translation(1, 2, 3);
        Affine s = Affine.scaling(2, 3, 4);
        assertThat(t.multiply(s).apply(1, 1, 1)).containsExactly(3, 5, 7);
        assertThat(s.multiply(t).apply(1, 1, 1)).containsExactly(4, 9, 16);
    }

    @Test
    void inverseUndoesTheTransform() {
        qt().withFixedSeed(7).withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            Affine a = randomAffine(r);
            assertThat(a.multiply(a.inverse()).approxEquals(Affine.identity(), 1e-12)).isTrue();
            assertThat(a.inverse().multiply(a).approxEquals(Affine.identity(), 1e-12)).isTrue();
            double[] p = {r.nextDouble() * 50, r.nextDouble() * 50, r.nextDouble() * 50};
            double[] q = a.apply(p[0], p[1], p[2]);
            double[] back = a.inverse().apply(q[0], q[1], q[2]);
            assertThat(back).containsExactly(p, within(1e-10));
        });
    }

    @Test
    void determinantOfScalingAndFlip() {
        assertThat(Affine.scaling(2, 3, -4).determinant()).isEqualTo(-24);
        assertThat(Affine.translation(5, 6, 7).determinant()).isEqualTo(1);
    }

    @Test
    void singularLinearPartIsRejected() {
        Affine flat = Affine.ofRowMajor(1, 2, 3, 0, 2, 4, 6, 0, 0, 0, 1, 0);
        assertThatThrownBy(flat::inverse).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("singular");
    }

    @Test
    void nearlySingularAffineIsRejectedEvenWhenItsDiagonalIsZero() {
        // columns 1 and 2 are parallel up to 1e-14 rad: singular in double precision; the diagonal is all
        // zero, as in sagittal (PIR-like) voxel orders, which must not disable the check
        Affine a = Affine.ofRowMajor(
            0, 1, 1, 0,
            1, 0, 0, 0,
            0, 1e-14, 0, 0);
        assertThatThrownBy(a::inverse).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wellConditionedAffinesAreNotRejectedWhateverTheirScale() {
        // 1000 mm × 0.001 mm × 0.001 mm: columns orthogonal, perfectly invertible
        Affine a = Affine.scaling(1000, 1e-3, 1e-3);
        assertThat(a.multiply(a.inverse()).approxEquals(Affine.identity(), 1e-12)).isTrue();
        Affine permuted = Affine.ofRowMajor(0, 0, 1e-3, 0, 1e-3, 0, 0, 0, 0, 1e-3, 0, 0);
        assertThat(permuted.multiply(permuted.inverse()).approxEquals(Affine.identity(), 1e-12)).isTrue();
    }

    @Test
    void negativeZeroEqualsZero() {
        Affine a = Affine.ofRowMajor(-0.0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, -0.0);
        Affine b = Affine.ofRowMajor(0.0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0.0);
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void accessorsReturnCopies() {
        Affine a = Affine.ofRowMajor(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        a.toArray()[0][0] = 99;
        a.linear()[0][0] = 99;
        a.translation()[0] = 99;
        a.toRowMajor()[0] = 99;
        assertThat(a.get(0, 0)).isEqualTo(1);
        assertThat(a.get(0, 3)).isEqualTo(4);
        assertThat(a.linear()[2]).containsExactly(9, 10, 11);
        assertThat(a.translation()).containsExactly(4, 8, 12);
        assertThat(a.toArray()[3]).containsExactly(0, 0, 0, 1);
    }

    @Test
    void approxEqualsUsesTheTolerancePerEntry() {
        Affine a = Affine.translation(1, 2, 3);
        assertThat(a.approxEquals(Affine.translation(1, 2, 3 + 1e-7), 1e-6)).isTrue();
        assertThat(a.approxEquals(Affine.translation(1, 2, 3 + 1e-5), 1e-6)).isFalse();
    }

    @Test
    void linearAndTranslationFactoryMatchesEntries() {
        Affine a = Affine.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 10}}, new double[] {-1, -2, -3});
        assertThat(a.apply(1, 0, 0)).containsExactly(0, 2, 4);
        assertThat(a.apply(0, 0, 0)).containsExactly(-1, -2, -3);
    }
}

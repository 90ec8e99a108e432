package org.plaque.pipeline.longitudinal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.geom.Affine;

/** The half transform squares back to the affine, halves translations and refuses reflections. */
class HalfTransformTest {
    @Test
    void halvesAPureTranslation() {
        Affine h = HalfTransform.sqrt(Affine.translation(4, -2, 10));
        assertThat(h.approxEquals(Affine.translation(2, -1, 5), 1e-9)).isTrue();
        assertThat(HalfTransform.sqrt(Affine.identity()).approxEquals(Affine.identity(), 1e-12)).isTrue();
    }

    @Test
    void squaresBackToRegistrationLikeAffines() {
        qt().withFixedSeed(7).forAll(longs().all(), doubles().between(-2.5, 2.5)).checkAssert((seed, angle) -> {
            Random r = new Random(seed);
            Affine a = randomAffine(r, angle);
            Affine h = HalfTransform.sqrt(a);
            assertThat(h.multiply(h).approxEquals(a, 1e-6)).as(a.toString()).isTrue();
        });
    }

    @Test
    void halfOfARotationIsTheHalfAngle() {
        double t = 0.6;
        Affine rot = Affine.ofRowMajor(Math.cos(t), -Math.sin(t), 0, 3, Math.sin(t), Math.cos(t), 0, 0, 0, 0, 1, 0);
        Affine h = HalfTransform.sqrt(rot);
        double[][] m = h.toArray();
        assertThat(Math.atan2(m[1][0], m[0][0])).isCloseTo(t / 2, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void refusesAReflection() {
        assertThatThrownBy(() -> HalfTransform.sqrt(Affine.scaling(-1, 1, 1)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /** A rotation about a random axis by {@code angle} (rad), scales 0.8–1.2, small shear, translation ±20 mm. */
    private static Affine randomAffine(Random r, double angle) {
        double[] u = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        double n = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]) + 1e-12;
        double x = u[0] / n, y = u[1] / n, z = u[2] / n;
        double c = Math.cos(angle), s = Math.sin(angle), k = 1 - c;
        double[][] rot = {
            {c + x * x * k, x * y * k - z * s, x * z * k + y * s},
            {y * x * k + z * s, c + y * y * k, y * z * k - x * s},
            {z * x * k - y * s, z * y * k + x * s, c + z * z * k}};
        double[][] lin = new double[3][3];
        for (int i = 0; i < 3; i++) {
            double scale = 0.8 + 0.4 * r.nextDouble();
            for (int j = 0; j < 3; j++) {
                lin[i][j] = rot[i][j] * scale + (i < j ? 0.05 * r.nextGaussian() : 0);
            }
        }
        return Affine.of(lin, new double[] {40 * r.nextDouble() - 20, 40 * r.nextDouble() - 20,
            40 * r.nextDouble() - 20});
    }
}

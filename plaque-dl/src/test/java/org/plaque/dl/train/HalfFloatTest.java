package org.plaque.dl.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfFloatTest {
    @Test
    void everyHalfSurvivesTheRoundTripThroughFloat() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short half = (short) bits;
            float value = HalfFloat.toFloat(half);
            if (Float.isNaN(value)) {
                assertThat((bits & 0x7c00) == 0x7c00 && (bits & 0x3ff) != 0).isTrue();
                assertThat(Float.isNaN(HalfFloat.toFloat(HalfFloat.toHalf(value)))).isTrue();
            } else {
                assertThat(HalfFloat.toHalf(value)).as("half %04x", bits).isEqualTo(half);
            }
        }
    }

    @Test
    void knownValuesDecode() {
        assertThat(HalfFloat.toFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(HalfFloat.toFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(HalfFloat.toFloat((short) 0x7bff)).isEqualTo(HalfFloat.MAX);
        assertThat(HalfFloat.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfFloat.toFloat((short) 0x0400)).isEqualTo(0x1p-14f);
        assertThat(HalfFloat.toFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloat.toFloat((short) 0x3555)).isEqualTo(0.33325195f);
    }

    @Test
    void floatsRoundToTheNearestHalfWithTiesToEven() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            float v = (float) ((random.nextDouble() * 2 - 1) * Math.pow(2, random.nextInt(-26, 16)));
            short half = HalfFloat.toHalf(v);
            float back = HalfFloat.toFloat(half);
            // no neighbouring half of the same sign (smaller or larger magnitude) is nearer to v
            int sign = half & 0x8000;
            int magnitude = half & 0x7fff;
            for (int neighbour : new int[] {magnitude - 1, magnitude + 1}) {
                if (neighbour >= 0 && neighbour < 0x7c00) {
                    float other = HalfFloat.toFloat((short) (sign | neighbour));
                    assertThat(Math.abs(back - v)).as("v=%s", v).isLessThanOrEqualTo(Math.abs(other - v));
                }
            }
            if (Math.abs(v) >= 0x1p-14f) {
                assertThat(Math.abs(back - v)).isLessThanOrEqualTo(Math.abs(v) * 0x1p-11f);
            }
        }
        // exactly between 1 and the next half (1 + 2⁻¹⁰): ties go to the even mantissa, 1
        assertThat(HalfFloat.toHalf(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
        // between 1 + 2⁻¹⁰ (odd) and 1 + 2⁻⁹ (even): up
        assertThat(HalfFloat.toHalf(1f + 0x1p-10f + 0x1p-11f)).isEqualTo((short) 0x3c02);
        assertThat(HalfFloat.toHalf(0x1p-25f)).isEqualTo((short) 0);
        assertThat(HalfFloat.toHalf(0x1.8p-25f)).isEqualTo((short) 1);
        assertThat(HalfFloat.toHalf(65520f)).isEqualTo((short) 0x7c00);
        assertThat(HalfFloat.toHalf(-0f)).isEqualTo((short) 0x8000);
    }

    @Test
    void onlyFiniteValuesWithinTheHalfRangeFit() {
        assertThat(HalfFloat.fits(new float[] {0, -65504f, 1e-30f})).isTrue();
        assertThat(HalfFloat.fits(new float[] {1, 65505f})).isFalse();
        assertThat(HalfFloat.fits(new float[] {Float.NaN})).isFalse();
    }
}

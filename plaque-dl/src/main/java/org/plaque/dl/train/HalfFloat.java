package org.plaque.dl.train;

import java.nio.ByteBuffer;

/**
 * IEEE 754 binary16 ("half") encoding of float arrays, rounding to nearest with ties to even; big-endian
 * ({@link Weights}). Java 17 has no built-in conversion ({@code Float.floatToFloat16} came in Java 20).
 */
final class HalfFloat {
    /** The largest finite half value. */
    static final float MAX = 65504f;

    private HalfFloat() {
    }

    /** Whether every value is finite and at most {@link #MAX} in magnitude, so encoding does not overflow. */
    static boolean fits(float[] values) {
        for (float v : values) {
            if (!(Math.abs(v) <= MAX)) {
                return false;
            }
        }
        return true;
    }

    static byte[] encode(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2);
        for (float v : values) {
            buffer.putShort(toHalf(v));
        }
        return buffer.array();
    }

    static float[] decode(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        float[] values = new float[data.length / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = toFloat(buffer.getShort());
        }
        return values;
    }

    /** The nearest half (ties to even); beyond {@link #MAX} rounds to infinity, NaN stays NaN. */
    static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (halfExponent <= 0) {
            // subnormal half: the value in units of 2⁻²⁴, the implicit leading one made explicit
            if (halfExponent < -10) {
                return (short) sign;
            }
            return (short) (sign | roundShift(mantissa | 0x800000, 14 - halfExponent));
        }
        // a carry out of the mantissa correctly moves to the next exponent (or to infinity)
        return (short) (sign | ((halfExponent << 10) + roundShift(mantissa, 13)));
    }

    static float toFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** {@code value >> shift} rounded to nearest, ties to even. */
    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return rest > half || (rest == half && (kept & 1) != 0) ? kept + 1 : kept;
    }
}

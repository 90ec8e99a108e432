package org.plaque.io.nifti;

import java.nio.ByteBuffer;

/** Converts double voxel values to one NIfTI data type in a little-endian buffer, using bulk typed views. */
final class VoxelEncoder {
    private final NiftiDataType type;
    private short[] shorts;
    private int[] ints;
    private long[] longs;
    private float[] floats;

    VoxelEncoder(NiftiDataType type) {
        this.type = type;
    }

    /** Rounds half away from zero (2.5 → 3, −2.5 → −3), exact for every double. */
    static double roundHalfAway(double v) {
        double r = Math.floor(Math.abs(v) + 0.5);
        // |v| + 0.5 can round up for values just below a half-integer (0.49999999999999994); undo that.
        if (r - Math.abs(v) > 0.5) {
            r -= 1;
        }
        return Math.copySign(r, v);
    }

    /** Writes {@code values[0..count)} (already checked to fit) at the buffer's start. */
    void encode(double[] values, int count, ByteBuffer bb) {
        byte[] a = bb.array();
        switch (type) {
            case UINT8, INT8 -> {
                for (int i = 0; i < count; i++) {
                    a[i] = (byte) (long) roundHalfAway(values[i]);
                }
            }
            case INT16, UINT16 -> {
                short[] s = shorts == null ? shorts = new short[values.length] : shorts;
                for (int i = 0; i < count; i++) {
                    s[i] = (short) (long) roundHalfAway(values[i]);
                }
                bb.asShortBuffer().put(s, 0, count);
            }
            case INT32, UINT32 -> {
                int[] s = ints == null ? ints = new int[values.length] : ints;
                for (int i = 0; i < count; i++) {
                    s[i] = (int) (long) roundHalfAway(values[i]);
                }
                bb.asIntBuffer().put(s, 0, count);
            }
            case INT64 -> {
                long[] s = longs == null ? longs = new long[values.length] : longs;
                for (int i = 0; i < count; i++) {
                    s[i] = (long) roundHalfAway(values[i]);
                }
                bb.asLongBuffer().put(s, 0, count);
            }
            case FLOAT32 -> {
                float[] s = floats == null ? floats = new float[values.length] : floats;
                for (int i = 0; i < count; i++) {
                    s[i] = (float) values[i];
                }
                bb.asFloatBuffer().put(s, 0, count);
            }
            case FLOAT64 -> bb.asDoubleBuffer().put(values, 0, count);
            default -> throw new IllegalStateException("unhandled type " + type);
        }
    }
}

package org.plaque.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts raw voxel bytes of one NIfTI data type and byte order into scaled double values, a chunk at a
 * time, using bulk typed views of a {@link ByteBuffer} (no per-byte calls in the loops).
 */
final class VoxelDecoder {
    private final NiftiDataType type;
    private final ByteOrder order;
    private final double slope;
    private final double inter;
    private final boolean scaled;
    private short[] shorts;
    private int[] ints;
    private long[] longs;
    private float[] floats;

    VoxelDecoder(NiftiDataType type, ByteOrder order, double slope, double inter) {
        this.type = type;
        this.order = order;
        this.slope = slope;
        this.inter = inter;
        this.scaled = slope != 1 || inter != 0;
    }

    /**
     * Decodes {@code count} voxels from {@code buf[offset..offset + count·bytesPerVoxel)} into
     * {@code out[0..count)}: value = raw · slope + inter, in double precision (unscaled when slope = 1 and
     * inter = 0).
     */
    void decode(byte[] buf, int offset, int count, double[] out) {
        ByteBuffer bb = ByteBuffer.wrap(buf, offset, count * type.bytesPerVoxel()).slice().order(order);
        switch (type) {
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = buf[offset + i] & 0xFF;
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = buf[offset + i];
                }
            }
            case INT16 -> {
                short[] s = shorts(count);
                bb.asShortBuffer().get(s, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i];
                }
            }
            case UINT16 -> {
                short[] s = shorts(count);
                bb.asShortBuffer().get(s, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i] & 0xFFFF;
                }
            }
            case INT32 -> {
                int[] s = ints(count);
                bb.asIntBuffer().get(s, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i];
                }
            }
            case UINT32 -> {
                int[] s = ints(count);
                bb.asIntBuffer().get(s, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i] & 0xFFFF_FFFFL;
                }
            }
            case INT64 -> {
                long[] s = longs(count);
                bb.asLongBuffer().get(s, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i];
                }
            }
            case FLOAT32 -> {
                float[] s = floats(count);
                bb.asFloatBuffer().get(s, 0, count);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i];
                }
            }
            case FLOAT64 -> bb.asDoubleBuffer().get(out, 0, count);
            default -> throw new IllegalStateException("unhandled type " + type);
        }
        if (scaled) {
            double m = slope;
            double c = inter;
            for (int i = 0; i < count; i++) {
                out[i] = out[i] * m + c;
            }
        }
    }

    private short[] shorts(int n) {
        if (shorts == null || shorts.length < n) {
            shorts = new short[n];
        }
        return shorts;
    }

    private int[] ints(int n) {
        if (ints == null || ints.length < n) {
            ints = new int[n];
        }
        return ints;
    }

    private long[] longs(int n) {
        if (longs == null || longs.length < n) {
            longs = new long[n];
        }
        return longs;
    }

    private float[] floats(int n) {
        if (floats == null || floats.length < n) {
            floats = new float[n];
        }
        return floats;
    }
}

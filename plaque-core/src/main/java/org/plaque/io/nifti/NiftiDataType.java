package org.plaque.io.nifti;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The NIfTI voxel data types Plaque reads and writes, with their NIfTI {@code datatype} codes.
 *
 * <p>Other NIfTI types (binary, complex, RGB, RGBA, uint64, float128) are refused by the reader with a
 * message naming the code.
 */
public enum NiftiDataType {
    UINT8(2, 8, "uint8", 0, 255),
    INT8(256, 8, "int8", -128, 127),
    INT16(4, 16, "int16", Short.MIN_VALUE, Short.MAX_VALUE),
    UINT16(512, 16, "uint16", 0, 65535),
    INT32(8, 32, "int32", Integer.MIN_VALUE, Integer.MAX_VALUE),
    UINT32(768, 32, "uint32", 0, 4294967295.0),
    INT64(1024, 64, "int64", -0x1p63, 0x1p63),
    FLOAT32(16, 32, "float32", -Float.MAX_VALUE, Float.MAX_VALUE),
    FLOAT64(64, 64, "float64", -Double.MAX_VALUE, Double.MAX_VALUE);

    private final int code;
    private final int bitsPerVoxel;
    private final String label;
    private final double min;
    private final double max;

    NiftiDataType(int code, int bitsPerVoxel, String label, double min, double max) {
        this.code = code;
        this.bitsPerVoxel = bitsPerVoxel;
        this.label = label;
        this.min = min;
        this.max = max;
    }

    /** The NIfTI {@code datatype} code (e.g. 4 for int16). */
    public int code() {
        return code;
    }

    /** The NIfTI {@code bitpix}: bits per voxel. */
    public int bitsPerVoxel() {
        return bitsPerVoxel;
    }

    /** Bytes per voxel. */
    public int bytesPerVoxel() {
        return bitsPerVoxel / 8;
    }

    /** The lower-case name used on the command line and by nibabel/numpy, e.g. {@code "int16"}. */
    public String label() {
        return label;
    }

    /** Whether the type stores integers (values written to it are rounded half away from zero). */
    public boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64;
    }

    /** Smallest storable value. */
    public double minValue() {
        return min;
    }

    /**
     * Largest storable value; for {@link #INT64} this is 2^63, which is itself just out of range (check
     * {@code v < 2^63}).
     */
    public double maxValue() {
        return max;
    }

    /**
     * Whether the integer {@code v} (already rounded) can be stored in this type without clipping.
     * Floating-point types accept every finite value.
     */
    boolean holds(double v) {
        if (this == INT64) {
            return v >= min && v < max;
        }
        return v >= min && v <= max;
    }

    /**
     * The type with the given label (case-insensitive), for options such as {@code --dtype}.
     *
     * @throws IllegalArgumentException naming the accepted labels when {@code s} is none of them
     */
    public static NiftiDataType fromLabel(String s) {
        String wanted = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (NiftiDataType t : values()) {
            if (t.label.equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown data type '" + s + "'; choose one of " + labels());
    }

    /** The type with the NIfTI code, or {@code null} if Plaque does not support that code. */
    static NiftiDataType fromCode(int code) {
        for (NiftiDataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The accepted labels, comma-separated, for messages. */
    static String labels() {
        return Arrays.stream(values()).map(NiftiDataType::label).collect(Collectors.joining(", "));
    }

    /** A name for any NIfTI datatype code, supported or not, for error messages. */
    static String describeCode(int code) {
        NiftiDataType t = fromCode(code);
        if (t != null) {
            return t.label;
        }
        return switch (code) {
            case 0 -> "unknown";
            case 1 -> "binary";
            case 32 -> "complex64";
            case 128 -> "RGB24";
            case 1280 -> "uint64";
            case 1536 -> "float128";
            case 1792 -> "complex128";
            case 2048 -> "complex256";
            case 2304 -> "RGBA32";
            default -> "not a NIfTI type";
        };
    }

    @Override
    public String toString() {
        return label;
    }
}

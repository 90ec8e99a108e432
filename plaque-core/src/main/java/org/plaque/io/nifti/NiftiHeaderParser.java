package org.plaque.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.plaque.InvalidInputException;
import org.plaque.geom.Affine;

/**
 * Decodes and validates the fixed-size NIfTI-1 / NIfTI-2 header block. Errors are
 * {@link InvalidInputException}s without the file name; the reader adds it.
 */
final class NiftiHeaderParser {
    static final int NIFTI1_HEADER_BYTES = 348;
    static final int NIFTI2_HEADER_BYTES = 540;
    /** Header plus the 4-byte extension flag: the smallest data offset of a single-file image. */
    static final int NIFTI1_MIN_VOX_OFFSET = 352;
    static final int NIFTI2_MIN_VOX_OFFSET = 544;
    /** nibabel accepts codes 0..5; others are reset to 0 (unknown) when it loads a header. */
    private static final int MAX_XFORM_CODE = 5;

    private NiftiHeaderParser() {
    }

    /**
     * The header size announced by the first four bytes ({@code sizeof_hdr}), or throws.
     *
     * @return {@code +size} for little-endian files, {@code -size} for big-endian files
     */
    static int detectSize(byte[] first4) {
        int le = ByteBuffer.wrap(first4, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int be = Integer.reverseBytes(le);
        if (le == NIFTI1_HEADER_BYTES || le == NIFTI2_HEADER_BYTES) {
            return le;
        }
        if (be == NIFTI1_HEADER_BYTES || be == NIFTI2_HEADER_BYTES) {
            return -be;
        }
        throw new InvalidInputException("not a NIfTI file: sizeof_hdr is " + le + " (expected 348 for NIfTI-1 or 540"
            + " for NIfTI-2, in either byte order)");
    }

    /** Parses a complete header block of 348 or 540 bytes. */
    static NiftiHeader parse(byte[] block, ReadLimits limits) {
        int signed = detectSize(block);
        ByteOrder order = signed > 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer bb = ByteBuffer.wrap(block).order(order);
        return Math.abs(signed) == NIFTI1_HEADER_BYTES ? parse1(bb, limits) : parse2(bb, limits);
    }

    private static NiftiHeader parse1(ByteBuffer bb, ReadLimits limits) {
        checkMagic1(bb);
        long[] dim = new long[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = bb.getShort(40 + 2 * i);
        }
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = bb.getFloat(76 + 4 * i);
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = bb.getFloat(280 + 4 * i);
        }
        double voxOffset = bb.getFloat(108);
        Fields f = new Fields(1, bb.order() == ByteOrder.LITTLE_ENDIAN, dim, bb.getShort(70), pixdim,
            voxOffset, bb.getFloat(112), bb.getFloat(116), bb.getShort(252), bb.getShort(254),
            new double[] {bb.getFloat(256), bb.getFloat(260), bb.getFloat(264)},
            new double[] {bb.getFloat(268), bb.getFloat(272), bb.getFloat(276)},
            srow, bb.get(123) & 0xFF, text(bb, 148, 80));
        return build(f, limits);
    }

    private static NiftiHeader parse2(ByteBuffer bb, ReadLimits limits) {
        checkMagic2(bb);
        long[] dim = new long[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = bb.getLong(16 + 8 * i);
        }
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = bb.getDouble(104 + 8 * i);
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = bb.getDouble(400 + 8 * i);
        }
        Fields f = new Fields(2, bb.order() == ByteOrder.LITTLE_ENDIAN, dim, bb.getShort(12), pixdim,
            bb.getLong(168), bb.getDouble(176), bb.getDouble(184), bb.getInt(344), bb.getInt(348),
            new double[] {bb.getDouble(352), bb.getDouble(360), bb.getDouble(368)},
            new double[] {bb.getDouble(376), bb.getDouble(384), bb.getDouble(392)},
            srow, bb.getInt(500), text(bb, 240, 80));
        return build(f, limits);
    }

    private static void checkMagic1(ByteBuffer bb) {
        byte[] m = new byte[4];
        bb.get(344, m);
        if (m[0] == 'n' && m[1] == '+' && m[2] == '1' && m[3] == 0) {
            return;
        }
        if (m[0] == 'n' && m[1] == 'i' && m[2] == '1' && m[3] == 0) {
            throw new InvalidInputException("is the header of a NIfTI-1 .hdr/.img pair (magic \"ni1\"); Plaque reads"
                + " single-file .nii/.nii.gz images only: convert the pair to .nii first");
        }
        throw new InvalidInputException("wrong magic " + printable(m) + " for a NIfTI-1 header (expected \"n+1\");"
            + " Analyze 7.5 files are not supported");
    }

    private static void checkMagic2(ByteBuffer bb) {
        byte[] m = new byte[8];
        bb.get(4, m);
        if (m[0] == 'n' && m[1] == 'i' && m[2] == '2' && m[3] == 0) {
            throw new InvalidInputException("is the header of a NIfTI-2 .hdr/.img pair (magic \"ni2\"); Plaque reads"
                + " single-file .nii/.nii.gz images only: convert the pair to .nii first");
        }
        if (!(m[0] == 'n' && m[1] == '+' && m[2] == '2' && m[3] == 0)) {
            throw new InvalidInputException("wrong magic " + printable(java.util.Arrays.copyOf(m, 4))
                + " for a NIfTI-2 header (expected \"n+2\")");
        }
        boolean eolOk = m[4] == 13 && m[5] == 10 && m[6] == 26 && m[7] == 10;
        // nibabel repairs an all-zero check sequence; anything else means the file went through a text
        // conversion (line endings changed) and the binary content cannot be trusted.
        boolean eolZero = m[4] == 0 && m[5] == 0 && m[6] == 0 && m[7] == 0;
        if (!eolOk && !eolZero) {
            throw new InvalidInputException("wrong magic: the NIfTI-2 check bytes after \"n+2\" are not \\r\\n\\032\\n"
                + " (the file was probably altered by a text-mode transfer)");
        }
    }

    /** The raw header fields that matter to Plaque, in double/long precision. */
    private record Fields(int version, boolean littleEndian, long[] dim, int datatype, double[] pixdim,
                          double voxOffset, double sclSlope, double sclInter, int qformCode, int sformCode,
                          double[] quatern, double[] qoffset, double[] srow, int xyztUnits, String description) {
    }

    private static NiftiHeader build(Fields f, ReadLimits limits) {
        long[] dim = f.dim();
        if (dim[0] < 1 || dim[0] > 7) {
            throw new InvalidInputException("dim[0] (number of dimensions) is " + dim[0] + ", must be 1 to 7");
        }
        for (int i = 1; i <= dim[0]; i++) {
            if (dim[i] < 1) {
                throw new InvalidInputException("dim[" + i + "] is " + dim[i] + "; every size up to dim[0] = " + dim[0]
                    + " must be at least 1");
            }
        }
        NiftiDataType type = NiftiDataType.fromCode(f.datatype());
        if (type == null) {
            throw new InvalidInputException("unsupported datatype code " + f.datatype() + " ("
                + NiftiDataType.describeCode(f.datatype()) + "); Plaque reads " + NiftiDataType.labels());
        }
        checkLimits(dim, type, limits);
        long voxOffset = voxOffset(f.voxOffset(), f.version());
        if (f.sclSlope() != 0 && Double.isFinite(f.sclSlope()) && !Double.isFinite(f.sclInter())) {
            throw new InvalidInputException("scl_slope is " + f.sclSlope() + " but scl_inter is " + f.sclInter()
                + " (not finite)");
        }
        int sform = validCode(f.sformCode());
        int qform = validCode(f.qformCode());
        Affine affine;
        NiftiHeader.AffineSource source;
        if (sform > 0) {
            affine = NiftiAffines.sform(f.srow());
            source = NiftiHeader.AffineSource.SFORM;
        } else if (qform > 0) {
            double threshold = -3 * (f.version() == 1 ? Math.ulp(1.0f) : Math.ulp(1.0));
            affine = NiftiAffines.qform(f.quatern(), f.qoffset(), spatialZooms(dim, f.pixdim(), "qform"),
                f.pixdim()[0], threshold);
            source = NiftiHeader.AffineSource.QFORM;
        } else {
            affine = NiftiAffines.fallback(dim, spatialZooms(dim, f.pixdim(), "fallback affine (no qform, no sform)"));
            source = NiftiHeader.AffineSource.FALLBACK;
        }
        return new NiftiHeader(f.version(), f.littleEndian(), dim, type, f.pixdim(), voxOffset, f.sclSlope(),
            f.sclInter(), f.qformCode(), f.sformCode(), f.xyztUnits(), f.description(), affine, source);
    }

    private static void checkLimits(long[] dim, NiftiDataType type, ReadLimits limits) {
        long perVolume = 1;
        for (int i = 1; i <= Math.min(3, dim[0]); i++) {
            perVolume = multiplyCapped(perVolume, dim[i]);
        }
        if (perVolume > limits.maxVoxels()) {
            throw new InvalidInputException("image of " + sizes(dim, 1, Math.min(3, (int) dim[0]))
                + " voxels per volume exceeds the read limit of " + limits.maxVoxels() + " voxels");
        }
        long volumes = 1;
        for (int i = 4; i <= dim[0]; i++) {
            volumes = multiplyCapped(volumes, dim[i]);
        }
        if (volumes > Integer.MAX_VALUE) {
            throw new InvalidInputException("header declares " + sizes(dim, 4, (int) dim[0])
                + " volumes, more than the read limit of " + Integer.MAX_VALUE + " volumes");
        }
        long bytes = multiplyCapped(multiplyCapped(perVolume, type.bytesPerVoxel()), volumes);
        if (bytes > limits.maxBytes()) {
            throw new InvalidInputException("header declares " + (bytes == Long.MAX_VALUE ? "more than 2^63" : bytes)
                + " bytes of voxel data (" + sizes(dim, 1, (int) dim[0]) + " " + type.label()
                + "), more than the read limit of " + limits.maxBytes() + " bytes");
        }
    }

    private static long multiplyCapped(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    private static String sizes(long[] dim, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            sb.append(i == from ? "" : "×").append(dim[i]);
        }
        return sb.toString();
    }

    private static long voxOffset(double raw, int version) {
        long min = version == 1 ? NIFTI1_MIN_VOX_OFFSET : NIFTI2_MIN_VOX_OFFSET;
        if (!Double.isFinite(raw) || raw != Math.rint(raw)) {
            throw new InvalidInputException("vox_offset is " + raw + ", not a whole number of bytes");
        }
        if (raw < min) {
            throw new InvalidInputException("vox_offset " + (long) raw + " points inside the header (a single-file"
                + " NIfTI-" + version + " image needs at least " + min + ")");
        }
        return (long) raw;
    }

    private static int validCode(int code) {
        return code >= 0 && code <= MAX_XFORM_CODE ? code : 0;
    }

    /**
     * |pixdim[1..3]| as nibabel uses them for the qform and the fallback affine. Axes the image has must
     * have finite non-zero sizes (Plaque refuses what nibabel would silently set to 1 mm); axes beyond
     * {@code dim[0]} have no extent, so an unset size there counts as 1.
     */
    private static double[] spatialZooms(long[] dim, double[] pixdim, String user) {
        double[] z = new double[3];
        for (int axis = 1; axis <= 3; axis++) {
            double p = Math.abs(pixdim[axis]);
            if (axis > dim[0]) {
                z[axis - 1] = p > 0 && Double.isFinite(p) ? p : 1;
            } else if (!(p > 0) || !Double.isFinite(p)) {
                throw new InvalidInputException("pixdim[" + axis + "] (voxel size) is " + pixdim[axis] + "; the "
                    + user + " needs a finite non-zero voxel size");
            } else {
                z[axis - 1] = p;
            }
        }
        return z;
    }

    private static String text(ByteBuffer bb, int offset, int length) {
        int end = offset;
        while (end < offset + length && bb.get(end) != 0) {
            end++;
        }
        byte[] b = new byte[end - offset];
        bb.get(offset, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] m) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : m) {
            int c = b & 0xFF;
            if (c >= 32 && c < 127 && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }
}

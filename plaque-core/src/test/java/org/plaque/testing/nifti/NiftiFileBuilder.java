package org.plaque.testing.nifti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the bytes of a NIfTI-1 or NIfTI-2 file field by field, valid or deliberately broken, for tests.
 *
 * <p>Starts as a valid little-endian NIfTI-1 2×3×4 uint8 image with 1 mm voxels, sform and qform codes 0
 * and {@code vox_offset} 352 (544 for NIfTI-2); every field can be overwritten, including {@code
 * sizeof_hdr} and the magic, and the data can be given as values (encoded in the header's datatype and
 * byte order) or as raw bytes. Nothing here validates: that is the point.
 */
public final class NiftiFileBuilder {
    private int version = 1;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private Integer sizeofHdr;
    private byte[] magic;
    private final long[] dim = {3, 2, 3, 4, 1, 1, 1, 1};
    private int datatype = 2;
    private Integer bitpix;
    private final double[] pixdim = {1, 1, 1, 1, 1, 1, 1, 1};
    private Double voxOffset;
    private double sclSlope = 1;
    private double sclInter;
    private int qformCode;
    private int sformCode;
    private final double[] quatern = new double[3];
    private final double[] qoffset = new double[3];
    private final double[] srow = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
    private String descrip = "";
    private byte[] eolCheck = {13, 10, 26, 10};
    private byte[] data;
    private byte[] trailing = new byte[0];

    /** NIfTI version 1 (348-byte header) or 2 (540-byte header). */
    public NiftiFileBuilder version(int v) {
        this.version = v;
        return this;
    }

    /** Byte order of the header and data. */
    public NiftiFileBuilder order(ByteOrder o) {
        this.order = o;
        return this;
    }

    /** Overrides {@code sizeof_hdr} (default: 348 or 540 by version). */
    public NiftiFileBuilder sizeofHdr(int s) {
        this.sizeofHdr = s;
        return this;
    }

    /** Overrides the magic bytes (4 for NIfTI-1, 4 for NIfTI-2 followed by the check bytes). */
    public NiftiFileBuilder magic(byte[] m) {
        this.magic = m.clone();
        return this;
    }

    /** The NIfTI-2 check bytes after the magic (default \r\n\032\n). */
    public NiftiFileBuilder eolCheck(byte[] e) {
        this.eolCheck = e.clone();
        return this;
    }

    /** Sets {@code dim[0] = sizes.length} and {@code dim[1..]} = sizes; the remaining entries become 1. */
    public NiftiFileBuilder dims(long... sizes) {
        java.util.Arrays.fill(dim, 1);
        dim[0] = sizes.length;
        System.arraycopy(sizes, 0, dim, 1, Math.min(7, sizes.length));
        return this;
    }

    /** Sets one raw {@code dim[i]} entry (0..7). */
    public NiftiFileBuilder dim(int i, long value) {
        dim[i] = value;
        return this;
    }

    /** The datatype code; {@code bitpix} follows it unless set explicitly. */
    public NiftiFileBuilder datatype(int code) {
        this.datatype = code;
        return this;
    }

    /** Overrides {@code bitpix}. */
    public NiftiFileBuilder bitpix(int b) {
        this.bitpix = b;
        return this;
    }

    /** Sets {@code pixdim[i]} (0..7). */
    public NiftiFileBuilder pixdim(int i, double value) {
        pixdim[i] = value;
        return this;
    }

    /** Sets {@code vox_offset}. */
    public NiftiFileBuilder voxOffset(double v) {
        this.voxOffset = v;
        return this;
    }

    /** Sets {@code scl_slope} and {@code scl_inter}. */
    public NiftiFileBuilder scaling(double slope, double inter) {
        this.sclSlope = slope;
        this.sclInter = inter;
        return this;
    }

    /** Sets {@code qform_code}, quaternion b, c, d and qoffset x, y, z. */
    public NiftiFileBuilder qform(int code, double b, double c, double d, double x, double y, double z) {
        this.qformCode = code;
        quatern[0] = b;
        quatern[1] = c;
        quatern[2] = d;
        qoffset[0] = x;
        qoffset[1] = y;
        qoffset[2] = z;
        return this;
    }

    /** Sets {@code qform_code} only. */
    public NiftiFileBuilder qformCode(int code) {
        this.qformCode = code;
        return this;
    }

    /** Sets {@code sform_code} and the three rows (12 values, row-major). */
    public NiftiFileBuilder sform(int code, double... rows12) {
        this.sformCode = code;
        System.arraycopy(rows12, 0, srow, 0, 12);
        return this;
    }

    /** Sets {@code descrip}. */
    public NiftiFileBuilder description(String d) {
        this.descrip = d;
        return this;
    }

    /** Raw voxel bytes (default: zeros for every declared voxel). */
    public NiftiFileBuilder rawData(byte[] bytes) {
        this.data = bytes.clone();
        return this;
    }

    /** Voxel values encoded in the current datatype and byte order (set those first). */
    public NiftiFileBuilder values(double... v) {
        int bpv = bytesPerVoxel(datatype);
        ByteBuffer bb = ByteBuffer.allocate(v.length * bpv).order(order);
        for (double x : v) {
            switch (datatype) {
                case 2, 256 -> bb.put((byte) (long) x);
                case 4, 512 -> bb.putShort((short) (long) x);
                case 8, 768 -> bb.putInt((int) (long) x);
                case 1024 -> bb.putLong((long) x);
                case 16 -> bb.putFloat((float) x);
                case 64 -> bb.putDouble(x);
                default -> throw new IllegalStateException("values() cannot encode datatype " + datatype);
            }
        }
        this.data = bb.array();
        return this;
    }

    /** Bytes appended after the voxel data. */
    public NiftiFileBuilder trailing(byte[] bytes) {
        this.trailing = bytes.clone();
        return this;
    }

    /** Bytes per voxel of a datatype code (1 for unknown codes). */
    public static int bytesPerVoxel(int code) {
        return switch (code) {
            case 4, 512 -> 2;
            case 8, 768, 16 -> 4;
            case 1024, 64, 32 -> 8;
            case 128 -> 3;
            case 2304 -> 4;
            case 1792 -> 16;
            default -> 1;
        };
    }

    /** Number of voxels the header declares ({@code dim[1..dim[0]]} product; 0 for a bad dim[0]). */
    public long declaredVoxels() {
        if (dim[0] < 1 || dim[0] > 7) {
            return 0;
        }
        long n = 1;
        for (int i = 1; i <= dim[0]; i++) {
            n *= Math.max(0, dim[i]);
        }
        return n;
    }

    /** The header block only (348 or 540 bytes). */
    public byte[] header() {
        return version == 1 ? header1() : header2();
    }

    /** The uncompressed file: header, extension flag, padding up to {@code vox_offset}, data, trailing bytes. */
    public byte[] build() {
        byte[] h = header();
        long offset = (long) effectiveVoxOffset();
        int pad = (int) Math.max(0, offset - h.length);
        byte[] d = data != null ? data : new byte[(int) Math.min(declaredVoxels() * bytesPerVoxel(datatype), 1 << 20)];
        ByteBuffer out = ByteBuffer.allocate(h.length + pad + d.length + trailing.length);
        out.put(h).put(new byte[pad]).put(d).put(trailing);
        return out.array();
    }

    /** The file gzip-compressed. */
    public byte[] buildGzip() {
        return gzip(build());
    }

    /** Writes {@link #build()} (or its gzip form when the name ends with ".gz") to {@code file}. */
    public Path write(Path file) throws IOException {
        Files.write(file, file.getFileName().toString().endsWith(".gz") ? buildGzip() : build());
        return file;
    }

    /** gzip-compresses bytes. */
    public static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
                gz.write(raw);
            }
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private double effectiveVoxOffset() {
        return voxOffset != null ? voxOffset : version == 1 ? 352 : 544;
    }

    private byte[] header1() {
        ByteBuffer bb = ByteBuffer.allocate(348).order(order);
        bb.putInt(0, sizeofHdr != null ? sizeofHdr : 348);
        for (int i = 0; i < 8; i++) {
            bb.putShort(40 + 2 * i, (short) dim[i]);
        }
        bb.putShort(70, (short) datatype);
        bb.putShort(72, (short) (bitpix != null ? bitpix : 8 * bytesPerVoxel(datatype)));
        for (int i = 0; i < 8; i++) {
            bb.putFloat(76 + 4 * i, (float) pixdim[i]);
        }
        bb.putFloat(108, (float) effectiveVoxOffset());
        bb.putFloat(112, (float) sclSlope);
        bb.putFloat(116, (float) sclInter);
        bb.put(123, (byte) 2);
        putText(bb, 148, 80, descrip);
        bb.putShort(252, (short) qformCode);
        bb.putShort(254, (short) sformCode);
        for (int i = 0; i < 3; i++) {
            bb.putFloat(256 + 4 * i, (float) quatern[i]);
            bb.putFloat(268 + 4 * i, (float) qoffset[i]);
        }
        for (int i = 0; i < 12; i++) {
            bb.putFloat(280 + 4 * i, (float) srow[i]);
        }
        bb.put(344, magic != null ? magic : new byte[] {'n', '+', '1', 0});
        return bb.array();
    }

    private byte[] header2() {
        ByteBuffer bb = ByteBuffer.allocate(540).order(order);
        bb.putInt(0, sizeofHdr != null ? sizeofHdr : 540);
        bb.put(4, magic != null ? magic : new byte[] {'n', '+', '2', 0});
        if (magic == null || magic.length <= 4) {
            bb.put(8, eolCheck);
        }
        bb.putShort(12, (short) datatype);
        bb.putShort(14, (short) (bitpix != null ? bitpix : 8 * bytesPerVoxel(datatype)));
        for (int i = 0; i < 8; i++) {
            bb.putLong(16 + 8 * i, dim[i]);
            bb.putDouble(104 + 8 * i, pixdim[i]);
        }
        bb.putLong(168, (long) effectiveVoxOffset());
        bb.putDouble(176, sclSlope);
        bb.putDouble(184, sclInter);
        putText(bb, 240, 80, descrip);
        bb.putInt(344, qformCode);
        bb.putInt(348, sformCode);
        for (int i = 0; i < 3; i++) {
            bb.putDouble(352 + 8 * i, quatern[i]);
            bb.putDouble(376 + 8 * i, qoffset[i]);
        }
        for (int i = 0; i < 12; i++) {
            bb.putDouble(400 + 8 * i, srow[i]);
        }
        bb.putInt(500, 2);
        return bb.array();
    }

    private static void putText(ByteBuffer bb, int offset, int max, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        bb.put(offset, b, 0, Math.min(max, b.length));
    }
}

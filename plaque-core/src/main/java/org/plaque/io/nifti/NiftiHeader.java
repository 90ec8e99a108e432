package org.plaque.io.nifti;

import org.plaque.geom.Affine;

/**
 * A parsed and validated NIfTI-1 or NIfTI-2 header. Instances come from {@link NiftiReader#readHeader}
 * (or {@link NiftiReader#read}) and always describe a file Plaque can read.
 *
 * <p><b>Affine.</b> {@link #affine()} is nibabel's {@code img.affine} (RAS+ millimetres, voxel centres):
 * <ol>
 *   <li>{@code sform_code > 0}: the {@code srow_x/y/z} rows (all entries must be finite);
 *   <li>else {@code qform_code > 0}: rotation from the quaternion (b, c, d) with
 *       a = √(1 − b² − c² − d²), times diag(|pixdim[1]|, |pixdim[2]|, qfac·|pixdim[3]|), plus the
 *       {@code qoffset} translation. qfac = −1 only when pixdim[0] is exactly −1 (any other value, 0
 *       included, counts as 1). When 1 − b² − c² − d² is negative by less than 3 machine epsilons of the
 *       stored precision (float32 in NIfTI-1, float64 in NIfTI-2) a = 0; more negative is an error. That
 *       difference is computed exactly, matching nibabel's long double near a half-turn;
 *   <li>else the fallback from voxel sizes: diag(−|pixdim[1]|, |pixdim[2]|, |pixdim[3]|) with the
 *       image centre at the world origin (axes beyond {@code dim[0]} get size 1 and spacing 1).
 * </ol>
 * Codes outside nibabel's valid set 0..5 count as 0, as nibabel does. Deviation from nibabel, on
 * purpose: nibabel silently replaces a zero voxel size by 1 mm, which would change every volume in mm³;
 * Plaque refuses a zero or non-finite {@code pixdim[1..dim[0]]} when the qform or the fallback uses it.
 * A zero voxel size along an axis the image does not have (beyond {@code dim[0]}) counts as 1, like
 * nibabel; so does a non-finite one there (nibabel would produce a NaN affine). Spatial units
 * ({@code xyzt_units}) are ignored, like nibabel: values are taken as millimetres. A NIfTI-1 header
 * with {@code vox_offset} 0 (which nibabel reads as "data at byte 0") is refused.
 *
 * <p><b>Scaling.</b> Voxel value = raw · {@code scl_slope} + {@code scl_inter} in double precision when
 * {@code scl_slope} is finite and non-zero; otherwise raw values are used unscaled (both fields
 * ignored). A valid slope with a non-finite intercept is refused. {@code bitpix} is ignored: the
 * datatype decides the voxel size, as in nibabel.
 */
public final class NiftiHeader {
    /** Which header fields {@link #affine()} came from. */
    public enum AffineSource { SFORM, QFORM, FALLBACK }

    private final int version;
    private final boolean littleEndian;
    private final long[] dim;
    private final NiftiDataType dataType;
    private final double[] pixdim;
    private final long voxOffset;
    private final double sclSlope;
    private final double sclInter;
    private final int qformCode;
    private final int sformCode;
    private final int xyztUnits;
    private final String description;
    private final Affine affine;
    private final AffineSource affineSource;

    NiftiHeader(int version, boolean littleEndian, long[] dim, NiftiDataType dataType, double[] pixdim,
                long voxOffset, double sclSlope, double sclInter, int qformCode, int sformCode, int xyztUnits,
                String description, Affine affine, AffineSource affineSource) {
        this.version = version;
        this.littleEndian = littleEndian;
        this.dim = dim.clone();
        this.dataType = dataType;
        this.pixdim = pixdim.clone();
        this.voxOffset = voxOffset;
        this.sclSlope = sclSlope;
        this.sclInter = sclInter;
        this.qformCode = qformCode;
        this.sformCode = sformCode;
        this.xyztUnits = xyztUnits;
        this.description = description;
        this.affine = affine;
        this.affineSource = affineSource;
    }

    /** 1 for NIfTI-1 (348-byte header), 2 for NIfTI-2 (540-byte header). */
    public int version() {
        return version;
    }

    /** The sizes {@code dim[1..dim[0]]} (a copy); its length is the number of dimensions, 1 to 7. */
    public long[] dims() {
        long[] d = new long[(int) dim[0]];
        System.arraycopy(dim, 1, d, 0, d.length);
        return d;
    }

    /** Size of each 3-D volume, x, y, z; 1 along axes the file does not have. */
    public int[] volumeSize() {
        return new int[] {(int) size(1), (int) size(2), (int) size(3)};
    }

    /** Number of 3-D volumes: the product of {@code dim[4..dim[0]]}, 1 for images of up to three dimensions. */
    public int volumeCount() {
        long n = 1;
        for (int i = 4; i <= dim[0]; i++) {
            n *= dim[i];
        }
        return (int) n;
    }

    /** The voxel data type. */
    public NiftiDataType dataType() {
        return dataType;
    }

    /** {@code pixdim[0..7]} as stored (a copy): pixdim[0] is qfac, pixdim[1..3] voxel sizes. */
    public double[] pixdim() {
        return pixdim.clone();
    }

    /** {@code scl_slope} as stored (0 or non-finite means "no scaling"). */
    public double sclSlope() {
        return sclSlope;
    }

    /** {@code scl_inter} as stored (ignored when the slope means "no scaling"). */
    public double sclInter() {
        return sclInter;
    }

    /** Whether the file stores multi-byte values little-endian (detected from {@code sizeof_hdr}). */
    public boolean littleEndian() {
        return littleEndian;
    }

    /** Byte offset of the voxel data in the (decompressed) file. */
    public long voxOffset() {
        return voxOffset;
    }

    /** {@code qform_code} as stored. */
    public int qformCode() {
        return qformCode;
    }

    /** {@code sform_code} as stored. */
    public int sformCode() {
        return sformCode;
    }

    /** {@code xyzt_units} as stored (ignored for geometry, like nibabel). */
    public int xyztUnits() {
        return xyztUnits;
    }

    /** The voxel-to-world affine, RAS+ mm, chosen as nibabel's {@code img.affine} (see the class comment). */
    public Affine affine() {
        return affine;
    }

    /** Which header fields the affine came from. */
    public AffineSource affineSource() {
        return affineSource;
    }

    /** The {@code descrip} field, up to its first NUL byte. */
    public String description() {
        return description;
    }

    /** Whether scl_slope / scl_inter change the values (nibabel's rule: slope finite and non-zero). */
    boolean scales() {
        return sclSlope != 0 && Double.isFinite(sclSlope) && !(sclSlope == 1 && sclInter == 0);
    }

    /** The slope that is applied: {@code scl_slope} when valid, else 1. */
    double effectiveSlope() {
        return scales() ? sclSlope : 1;
    }

    /** The intercept that is applied: {@code scl_inter} when the slope is valid, else 0. */
    double effectiveInter() {
        return scales() ? sclInter : 0;
    }

    /** Size of the header in bytes (348 or 540). */
    int headerBytes() {
        return version == 1 ? NiftiHeaderParser.NIFTI1_HEADER_BYTES : NiftiHeaderParser.NIFTI2_HEADER_BYTES;
    }

    /** Voxels of one 3-D volume. */
    long voxelsPerVolume() {
        return size(1) * size(2) * size(3);
    }

    /** Stored bytes of one 3-D volume. */
    long bytesPerVolume() {
        return voxelsPerVolume() * dataType.bytesPerVoxel();
    }

    private long size(int axis) {
        return axis <= dim[0] ? dim[axis] : 1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NIfTI-").append(version).append(' ');
        long[] d = dims();
        for (int i = 0; i < d.length; i++) {
            sb.append(i == 0 ? "" : "×").append(d[i]);
        }
        return sb.append(' ').append(dataType.label()).append(littleEndian ? " little-endian" : " big-endian")
            .append(", affine from ").append(affineSource.name().toLowerCase(java.util.Locale.ROOT)).toString();
    }
}

package org.plaque.io.nifti;

/**
 * Bounds on what a header may ask the reader to allocate or decompress, checked on the header alone,
 * before any voxel memory is allocated (protection against corrupt or hostile files).
 *
 * @param maxVoxels the most voxels of the one 3-D volume returned ({@code dim[1]·dim[2]·dim[3]}); at most
 *     {@link Integer#MAX_VALUE}, the {@link org.plaque.geom.ImageGeometry} limit
 * @param maxBytes the most bytes of voxel data the header may declare for the whole file (all volumes,
 *     as stored, before scaling): the amount the reader may have to read or decompress
 */
public record ReadLimits(long maxVoxels, long maxBytes) {
    /** 2^31 − 1 voxels per volume and 4 GiB of stored voxel data per file. */
    public static final ReadLimits DEFAULT = new ReadLimits(Integer.MAX_VALUE, 1L << 32);

    /** @throws IllegalArgumentException if a limit is not positive or {@code maxVoxels} exceeds 2^31 − 1 */
    public ReadLimits {
        if (maxVoxels < 1 || maxVoxels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxVoxels must be in 1.." + Integer.MAX_VALUE + ", got " + maxVoxels);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
    }
}

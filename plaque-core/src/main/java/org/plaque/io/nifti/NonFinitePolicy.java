package org.plaque.io.nifti;

/**
 * What the reader does with NaN or infinite voxel values (after scaling). Default {@link #REJECT}:
 * Plaque's filters assume finite intensities, and a silent replacement would change measurements.
 */
public enum NonFinitePolicy {
    /** Refuse the file with an error that gives the number of non-finite voxels. The default. */
    REJECT,
    /** Replace each non-finite voxel by 0 and report the count in {@link NiftiImage#nonFiniteReplaced()}. */
    REPLACE_WITH_ZERO
}

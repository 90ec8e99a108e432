package org.plaque.io.nifti;

import org.plaque.image.ScalarVolume;

/**
 * A NIfTI file as read: its header, the selected 3-D volume (scaled, float32) and how many non-finite
 * voxels were replaced by 0 (always 0 under {@link NonFinitePolicy#REJECT}).
 *
 * @param header the parsed header
 * @param volume the voxel values on the grid given by {@link NiftiHeader#affine()}
 * @param nonFiniteReplaced number of NaN or infinite voxels set to 0 under {@link
 *     NonFinitePolicy#REPLACE_WITH_ZERO}
 */
public record NiftiImage(NiftiHeader header, ScalarVolume volume, int nonFiniteReplaced) {
}

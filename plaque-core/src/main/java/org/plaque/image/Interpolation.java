package org.plaque.image;

/** How a volume is sampled between voxel centres. Masks and labels only allow {@link #NEAREST}. */
public enum Interpolation {
    /** The value of the nearest voxel centre (ties round half up in voxel index). */
    NEAREST,
    /** Trilinear interpolation of the eight surrounding voxels. */
    LINEAR
}

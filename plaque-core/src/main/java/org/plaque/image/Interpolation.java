package org.plaque.image;

/** How a volume is sampled between voxel centres. Masks and labels only allow {@link #NEAREST}. */
public enum Interpolation {
    /** The value of the nearest voxel centre (ties round half up in voxel index). */
    NEAREST,
    /** Trilinear interpolation of the eight surrounding voxels. */
    LINEAR,
    /**
     * Cubic B-spline interpolation (Unser 1999, doi:10.1109/79.799930): the voxel values are prefiltered
     * into B-spline coefficients and the 4×4×4 around a point are weighed by the cubic B-spline kernel;
     * smooth, passes through every voxel value, may overshoot near sharp edges.
     */
    BSPLINE
}

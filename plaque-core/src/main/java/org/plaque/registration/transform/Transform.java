package org.plaque.registration.transform;

/**
 * A spatial mapping of world points (RAS+ millimetres). In registration it follows ITK's convention: it
 * maps a point of the fixed image's space to the corresponding point of the moving image's space, so that
 * resampling the moving image through it puts the moving image onto the fixed grid.
 */
public interface Transform {
    /**
     * Maps {@code in} (x, y, z in mm) to {@code out}; {@code in} and {@code out} may be the same array.
     * Implementations allocate nothing: this runs once per voxel.
     */
    void transformPoint(double[] in, double[] out);
}

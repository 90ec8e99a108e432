package org.plaque.filter.intensity;

/**
 * What an intensity normalisation does with voxels outside the mask its statistics come from.
 */
public enum OutsideMask {
    /** Apply the same intensity mapping as inside (the output is the mapping of the whole image). */
    TRANSFORM,
    /** Set them to 0. */
    ZERO
}

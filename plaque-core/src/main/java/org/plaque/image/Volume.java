package org.plaque.image;

import org.plaque.geom.ImageGeometry;

/**
 * A 3-D image that carries its grid. The three kinds differ in what a voxel holds, and the kind decides
 * how an image may be interpolated: masks and labels never linearly.
 */
public sealed interface Volume permits ScalarVolume, Mask, LabelVolume {
    /** The sampling grid (size and voxel-to-world affine, RAS+ mm). */
    ImageGeometry geometry();
}

/**
 * The image model: immutable volumes that carry their grid ({@link org.plaque.image.ScalarVolume},
 * {@link org.plaque.image.Mask}, {@link org.plaque.image.LabelVolume}), their builders, and the enums
 * that choose interpolation and connectivity.
 */
package org.plaque.image;

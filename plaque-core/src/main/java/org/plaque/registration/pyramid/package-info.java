/**
 * Multi-resolution image pyramids for registration: each level is the image smoothed by a Gaussian of a
 * given width in millimetres and resampled on a grid coarser by a shrink factor, in one separable pass.
 */
package org.plaque.registration.pyramid;

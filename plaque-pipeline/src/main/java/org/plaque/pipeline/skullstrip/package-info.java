/**
 * Brain extraction: the atlas brain mask warped onto the subject and refined by the subject's intensities
 * ({@link org.plaque.pipeline.skullstrip.AtlasBrainMask}), with the mask morphology it needs
 * ({@link org.plaque.pipeline.skullstrip.MaskMorphology}: ball erosion/dilation in mm through an exact
 * Euclidean distance transform, hole filling, largest component).
 */
package org.plaque.pipeline.skullstrip;

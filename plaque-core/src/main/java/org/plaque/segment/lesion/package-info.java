/**
 * Unsupervised MS-lesion segmentation on a preprocessed FLAIR with tissue priors: the
 * {@link org.plaque.segment.lesion.LesionSegmenter} presets and their inputs and results.
 */
package org.plaque.segment.lesion;

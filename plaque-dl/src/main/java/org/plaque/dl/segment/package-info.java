/**
 * Supervised lesion segmentation with a trained model ({@link org.plaque.dl.segment.ModelSegmenter#open} picks the
 * implementation from the bundle's architecture): input preparation matching the model (its spacing and
 * orientation around the brain, its intensity normalisation), then either sliding-window U-Net inference with
 * test-time flips and checkpoint ensembles ({@link org.plaque.dl.segment.DeepLesionSegmenter}) or the two-stage
 * patch-CNN cascade on candidate voxels ({@link org.plaque.dl.segment.CascadeSegmenter}), and the probability and
 * uncertainty maps mapped back to the input FLAIR's grid.
 */
package org.plaque.dl.segment;

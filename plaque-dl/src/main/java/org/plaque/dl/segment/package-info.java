/**
 * Supervised lesion segmentation with a trained model: input preparation matching the model (its spacing and
 * orientation around the brain, z-score normalisation), sliding-window inference with test-time flips and
 * checkpoint ensembles, and the probability and uncertainty maps mapped back to the input FLAIR's grid.
 */
package org.plaque.dl.segment;

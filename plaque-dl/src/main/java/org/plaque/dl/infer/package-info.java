/**
 * Inference without DJL: sliding-window prediction with Gaussian blending over the brain's bounding box
 * ({@link org.plaque.dl.infer.SlidingWindow}), test-time flips and checkpoint ensembles with a variance
 * uncertainty map ({@link org.plaque.dl.infer.EnsemblePrediction}), and per-lesion probability summaries
 * ({@link org.plaque.dl.infer.LesionProbabilityStats}). A network enters only as a
 * {@link org.plaque.dl.infer.PatchPredictor}, so everything here is tested with plain Java fakes.
 */
package org.plaque.dl.infer;

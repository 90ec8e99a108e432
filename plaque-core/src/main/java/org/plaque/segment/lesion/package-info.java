/**
 * Unsupervised MS-lesion segmentation on a preprocessed FLAIR with tissue priors: the
 * {@link org.plaque.segment.lesion.LesionSegmenter} presets and their inputs and results.
 *
 * <p>Presets, selected by name through {@link org.plaque.segment.lesion.LesionSegmenters}:
 * {@link org.plaque.segment.lesion.LesionGrowthSegmenter lesion-growth} (the default),
 * {@link org.plaque.segment.lesion.SeedKMeansSegmenter seed-kmeans} (the seed method) and
 * {@link org.plaque.segment.lesion.SeedGmmSegmenter seed-gmm} (its Gaussian-mixture variant, with a probability
 * map). Shared building blocks: {@link org.plaque.segment.lesion.RobustIntensity} (tissue mode and robust sd)
 * and {@link org.plaque.segment.lesion.MidSagittalPlane} (left–right symmetry from a symmetric prior).
 * Measurements and the reasons behind the default: {@code docs/SEGMENTATION.md}.
 */
package org.plaque.segment.lesion;

/**
 * Segmentation quality, measured as in the MICCAI MSSEG challenges (EVALUATION.md): voxel-wise overlap
 * ({@link org.plaque.eval.OverlapMetrics}), surface distances in mm ({@link org.plaque.eval.SurfaceDistances}),
 * lesion-wise detection with the α/β/γ rule of Commowick et al. 2018 ({@link org.plaque.eval.LesionWiseEvaluation}),
 * and everything at once ({@link org.plaque.eval.SegmentationEvaluation}). What a metric reports when it
 * is undefined (empty masks) is chosen by {@link org.plaque.eval.EmptyPolicy}.
 *
 * <p>All entry points that take two masks require them to be on the same grid within
 * {@link org.plaque.geom.Tolerance#EVALUATION} (1e-6 mm) and throw
 * {@link org.plaque.InvalidInputException} otherwise.
 */
package org.plaque.eval;

package org.plaque.eval;

/**
 * Surface distances between two masks, in millimetres (see {@link SurfaceDistances} for the definitions).
 * Undefined values (a mask without surface) follow the {@link EmptyPolicy} used.
 *
 * @param hausdorffMm symmetric Hausdorff distance: the larger of the two directed maxima, mm
 * @param hd95Mm      95th percentile of the pooled distances of both directions, mm
 * @param assdMm      average symmetric surface distance: mean of the pooled distances, mm
 */
public record SurfaceDistanceResult(double hausdorffMm, double hd95Mm, double assdMm) {
}

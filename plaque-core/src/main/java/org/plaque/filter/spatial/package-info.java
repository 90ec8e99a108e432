/**
 * Spatial filters: changes of the sampling grid.
 *
 * <p>{@link org.plaque.filter.spatial.Reorient} permutes and flips voxel axes without interpolation so
 * that a volume is stored in a requested orientation (RAS, LPS, …); {@link org.plaque.filter.spatial.Resample}
 * samples a volume on another grid through a world-to-world affine or a registration transform, with
 * nearest-neighbour, trilinear or cubic B-spline interpolation ({@link
 * org.plaque.filter.spatial.BSplineInterpolator}). World coordinates are RAS+ millimetres.
 */
package org.plaque.filter.spatial;

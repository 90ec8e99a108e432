/**
 * Mathematical morphology on masks and intensity images: binary erosion, dilation, opening and closing
 * with ball structuring elements given in millimetres ({@link org.plaque.filter.morphology.BinaryMorphology},
 * exact through a Euclidean distance transform, {@link org.plaque.filter.morphology.DistanceTransform}, which
 * surface-distance evaluation uses too; two edge conventions, see
 * {@link org.plaque.filter.morphology.BinaryMorphology.Convention}), voxelwise and/or/complement, hole
 * filling in 3-D and slice by slice ({@link org.plaque.filter.morphology.HoleFilling}) and grey-level minimum/maximum filters
 * over boxes in millimetres ({@link org.plaque.filter.morphology.GreyMorphology}).
 *
 * <p>All operations return new images, leave their inputs unchanged, and give bit-identical results for
 * any thread count.
 */
package org.plaque.filter.morphology;

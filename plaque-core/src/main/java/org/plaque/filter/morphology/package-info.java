/**
 * Mathematical morphology on masks and intensity images: binary erosion, dilation, opening and closing
 * with ball structuring elements given in millimetres ({@link org.plaque.filter.morphology.BinaryMorphology},
 * exact through a Euclidean distance transform, {@link org.plaque.filter.morphology.DistanceTransform}),
 * hole filling ({@link org.plaque.filter.morphology.HoleFilling}) and grey-level minimum/maximum filters
 * over boxes in millimetres ({@link org.plaque.filter.morphology.GreyMorphology}).
 *
 * <p>All operations return new images, leave their inputs unchanged, and give bit-identical results for
 * any thread count.
 */
package org.plaque.filter.morphology;

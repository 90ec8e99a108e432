/**
 * Intensity tools that change voxel values, not geometry: Otsu thresholding, z-score normalisation and percentile
 * clipping inside a mask, landmark-based histogram matching, and discretisation into grey levels.
 *
 * <p>Every tool is an immutable function object built from a {@code Params} record with a documented
 * {@code DEFAULTS} constant; inputs are never modified and outputs keep the input's grid. Reductions are done in a
 * fixed order, so the result does not depend on the number of threads.
 */
package org.plaque.filter.intensity;

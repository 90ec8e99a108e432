/**
 * Brain extraction: the atlas brain mask warped onto the subject and refined by the subject's intensities
 * ({@link org.plaque.pipeline.skullstrip.AtlasBrainMask}); its mask morphology is core's
 * {@link org.plaque.filter.morphology.BinaryMorphology} (with the grid's edge counted as outside),
 * {@link org.plaque.filter.morphology.HoleFilling} and
 * {@link org.plaque.segment.components.ConnectedComponents#largest}.
 */
package org.plaque.pipeline.skullstrip;

package org.plaque.testkit.phantom;

import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * The "standard space" template of a phantom: the same analytic anatomy as the subject, without lesions,
 * misposition, bias or noise, sampled on an axis-aligned RAS grid that covers the MNI-like field of view
 * x ∈ [−90, 90], y ∈ [−126, 90], z ∈ [−72, 108] mm at the phantom's spacing.
 *
 * <p>The tissue probabilities are partial-volume fractions in [0, 1]; {@code wm + gm + csf = 1} in every
 * voxel of {@code brainMask} (the brain is surrounded by CSF), and less outside where scalp, bone, muscle or
 * air share the voxel.
 *
 * @param t1        noise-free T1-weighted template, in the same units as {@link PhantomCase#t1()}
 * @param wm        white-matter fraction (cerebral and cerebellar white matter, brainstem, spinal cord)
 * @param gm        grey-matter fraction (cortex, deep grey nuclei, cerebellar cortex)
 * @param csf       CSF fraction (ventricles, sulci, subarachnoid space, spinal canal)
 * @param brainMask voxels at least half inside the brain: cerebrum, cerebellum and brainstem including
 *                  ventricles and sulcal CSF, excluding the CSF outside the pial surface and the cord
 */
public record PhantomAtlas(ScalarVolume t1, ScalarVolume wm, ScalarVolume gm, ScalarVolume csf, Mask brainMask) {
}

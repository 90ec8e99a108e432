package org.plaque.testkit.phantom;

import org.plaque.image.ScalarVolume;

/**
 * Subject-space truth of a phantom's tissues: partial-volume fractions on the subject grid, for known-answer
 * tests of tissue classification and partial-volume handling.
 *
 * @param wm     lesion-free white-matter fraction (lesions sit inside it)
 * @param gm     grey-matter fraction
 * @param csf    CSF fraction
 * @param lesion lesion occupancy fraction in [0, 1] (the lesion mask is {@code lesion ≥ 0.5})
 */
public record PhantomTissues(ScalarVolume wm, ScalarVolume gm, ScalarVolume csf, ScalarVolume lesion) {
}

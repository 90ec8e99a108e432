package org.plaque.testkit.phantom;

/**
 * Where a phantom lesion sits, using the MS lesion locations of the McDonald criteria (Thompson et al.
 * 2018, doi:10.1016/S1474-4422(17)30470-2).
 */
public enum LesionSite {
    /** Touching the wall of a lateral ventricle, long axis perpendicular to it (Dawson's finger). */
    PERIVENTRICULAR,
    /** In white matter, touching the cortical grey matter, short axis perpendicular to the cortex. */
    JUXTACORTICAL,
    /** In cerebral white matter at least 2.5 mm from grey matter, ventricles and CSF. */
    DEEP_WHITE_MATTER,
    /** In the cerebellar white matter or the pons. */
    INFRATENTORIAL
}

/**
 * A seeded synthetic head phantom with known answers: FLAIR, T1 and T2 images of an analytic head (scalp,
 * skull, CSF, folded cortex, white matter, ventricles, deep grey matter, cerebellum, brainstem) with
 * ellipsoidal MS-like lesions at known sites, an optional known bias field, Rician noise of known sigma,
 * a known subject-to-atlas affine, and the lesion-free "atlas" the anatomy came from.
 *
 * <p>Entry point: {@link org.plaque.testkit.phantom.HeadPhantom#generate(PhantomParams)}. Everything is
 * analytic in atlas world space and sampled with partial volume on any grid, so no resampling code of the
 * system under test is involved in making the truth. The same parameters give bit-identical volumes.
 */
package org.plaque.testkit.phantom;

/**
 * Spatial transforms of world points (RAS+ mm) used by registration, in ITK's fixed → moving convention:
 * {@link org.plaque.registration.transform.TranslationTransform} (3 parameters),
 * {@link org.plaque.registration.transform.EulerTransform} (rigid, 6),
 * {@link org.plaque.registration.transform.SimilarityTransform} (7),
 * {@link org.plaque.registration.transform.AffineTransform} (12) — all {@link
 * org.plaque.registration.transform.LinearTransform}s with a fixed centre —, the cubic
 * {@link org.plaque.registration.transform.BSplineTransform} (sparse Jacobian) and
 * {@link org.plaque.registration.transform.CompositeTransform} (ITK order: the last added acts first).
 * Parameters and fixed parameters follow the ITK classes of the same names, so that
 * {@code org.plaque.io.itk} can read and write them; only the world frame differs (RAS here, LPS in ITK).
 */
package org.plaque.registration.transform;

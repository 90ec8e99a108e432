/**
 * Image registration: finds the transform that maps fixed-image points to the corresponding moving-image
 * points (ITK's convention), by stages (rigid → affine → B-spline) over a multi-resolution pyramid,
 * maximising mutual information or another metric ({@code metric/}) with gradient-based optimisers
 * ({@code optimizer/}) on Gaussian pyramids ({@code pyramid/}). Entry point: {@link
 * org.plaque.registration.Registration}.
 */
package org.plaque.registration;

package org.plaque.registration;

import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.registration.transform.ParametricTransform;

/** Makes the transforms the stages optimise; a seam so that tests can run the driver with their own. */
interface TransformFactory {
    /** A rigid transform about {@code centre} equal to {@code initial} (a rigid affine). */
    ParametricTransform rigid(double[] centre, Affine initial);

    /** An affine transform about {@code centre} equal to {@code initial}. */
    ParametricTransform affine(double[] centre, Affine initial);

    /** The identity B-spline deformation over {@code domain} with control points about {@code spacingMm} apart. */
    ParametricTransform bspline(ImageGeometry domain, double spacingMm);

    /** The same deformation on a grid of half the control spacing. */
    ParametricTransform refine(ParametricTransform bspline);
}

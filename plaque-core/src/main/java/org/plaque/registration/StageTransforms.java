package org.plaque.registration;

import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.registration.transform.ParametricTransform;

/** The production transforms of the stages. */
final class StageTransforms implements TransformFactory {
    static final StageTransforms INSTANCE = new StageTransforms();

    private StageTransforms() {
    }

    @Override
    public ParametricTransform rigid(double[] centre, Affine initial) {
        throw new UnsupportedOperationException("rigid transform class not merged yet");
    }

    @Override
    public ParametricTransform affine(double[] centre, Affine initial) {
        throw new UnsupportedOperationException("affine transform class not merged yet");
    }

    @Override
    public ParametricTransform bspline(ImageGeometry domain, double spacingMm) {
        throw new UnsupportedOperationException("B-spline transform class not merged yet");
    }

    @Override
    public ParametricTransform refine(ParametricTransform bspline) {
        throw new UnsupportedOperationException("B-spline transform class not merged yet");
    }
}

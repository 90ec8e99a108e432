package org.plaque.registration;

import org.plaque.geom.Affine;
import org.plaque.registration.transform.ParametricTransform;

/** Builds the registration stages' transforms from the test stand-ins. */
final class TestTransformFactory implements TransformFactory {
    static final TestTransformFactory INSTANCE = new TestTransformFactory();

    @Override
    public ParametricTransform rigid(double[] c, Affine a) {
        // R = Rz·Rx·Ry: R[2][1] = sin θx, R[2][0] = −cos θx sin θy, R[0][1] = −sin θz cos θx
        double ax = Math.asin(Math.max(-1, Math.min(1, a.get(2, 1))));
        double ay = Math.atan2(-a.get(2, 0), a.get(2, 2));
        double az = Math.atan2(-a.get(0, 1), a.get(1, 1));
        double[] ac = a.apply(c[0], c[1], c[2]);
        return new TestEulerTransform(new double[] {ax, ay, az, ac[0] - c[0], ac[1] - c[1], ac[2] - c[2]}, c);
    }

    @Override
    public ParametricTransform affine(double[] c, Affine a) {
        return TestAffineTransform.of(a, c);
    }

    @Override
    public ParametricTransform bspline(org.plaque.geom.ImageGeometry domain, double spacingMm) {
        return TestTentWarp.overDomain(domain, spacingMm);
    }

    @Override
    public ParametricTransform refine(ParametricTransform t) {
        return ((TestTentWarp) t).refine();
    }
}

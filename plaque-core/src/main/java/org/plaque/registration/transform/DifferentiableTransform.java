package org.plaque.registration.transform;

/**
 * A transform whose derivative with respect to the input point is known: the 3×3 spatial Jacobian, used
 * to chain parameter Jacobians through a {@link CompositeTransform} and to check a deformation for folding
 * (a non-positive determinant).
 */
public interface DifferentiableTransform extends Transform {
    /**
     * Writes {@code jacobian[r * 3 + c] = ∂out_r / ∂in_c} (dimensionless, mm per mm) at {@code in}.
     * Allocates nothing.
     */
    void spatialJacobian(double[] in, double[] jacobian);
}

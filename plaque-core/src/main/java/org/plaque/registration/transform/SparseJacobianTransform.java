package org.plaque.registration.transform;

/**
 * A transform whose parameters act locally (a B-spline grid): at any point only a few parameters move it,
 * so the Jacobian is given as those parameters' indices and values.
 */
public interface SparseJacobianTransform extends ParametricTransform {
    /** The largest number of parameters that can move one point (e.g. 3·4³ = 192 for a cubic B-spline). */
    int maxSupport();

    /**
     * Writes the parameters that move {@code in}: {@code parameterIndices[k]} and
     * {@code values[r * maxSupport() + k] = ∂out_r / ∂parameter_{parameterIndices[k]}}.
     *
     * @return the number of entries written (≤ {@link #maxSupport()})
     */
    int sparseJacobian(double[] in, int[] parameterIndices, double[] values);
}

package org.plaque.registration.transform;

/**
 * A transform described by a parameter vector that an optimiser can change; immutable: new parameters
 * give a new transform.
 */
public interface ParametricTransform extends Transform {
    /** Number of optimisable parameters. */
    int parameterCount();

    /** The parameters (a copy). */
    double[] parameters();

    /** The same kind of transform (same fixed parameters, e.g. centre or grid) with new parameters. */
    ParametricTransform withParameters(double[] parameters);

    /**
     * The Jacobian of the mapped point with respect to the parameters at {@code in}:
     * {@code jacobian[r * parameterCount() + p] = ∂out_r / ∂parameter_p} for r = 0, 1, 2. Transforms with
     * local support also implement {@link SparseJacobianTransform}, which callers should prefer.
     */
    void jacobian(double[] in, double[] jacobian);
}

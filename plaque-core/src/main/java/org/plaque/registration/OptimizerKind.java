package org.plaque.registration;

import org.plaque.registration.optimizer.AdaptiveStochasticGradientDescent;
import org.plaque.registration.optimizer.Lbfgs;
import org.plaque.registration.optimizer.RegularStepGradientDescent;

/** Which optimiser runs at every pyramid level of a stage. */
public enum OptimizerKind {
    /** ITK's RegularStepGradientDescentOptimizerv4 semantics ({@link RegularStepGradientDescent}). */
    REGULAR_STEP,
    /** Limited-memory BFGS on scaled parameters, on a fixed sample set per level ({@link Lbfgs}). */
    LBFGS,
    /**
     * Adaptive stochastic gradient descent with fresh random samples at every iteration
     * ({@link AdaptiveStochasticGradientDescent}; elastix' default). Runs all its iterations.
     */
    ASGD
}

package org.plaque.registration.optimizer;

/** Why an optimiser stopped. */
public enum StopReason {
    /** The iteration limit was reached. */
    MAXIMUM_ITERATIONS,
    /** The step length fell below the minimum (regular-step descent: after repeated direction reversals). */
    STEP_TOO_SMALL,
    /** The scaled gradient's magnitude fell below the tolerance. */
    GRADIENT_TOLERANCE,
    /** Successive steps changed the cost and the parameters by less than the tolerances. */
    CONVERGED,
    /** No step along the search direction lowered the cost: a minimum at the cost's noise level. */
    LINE_SEARCH_FAILED
}

package org.plaque.registration.optimizer;

/** A differentiable cost to minimise over a parameter vector. */
public interface CostFunction {
    /** Number of parameters. */
    int dimension();

    /**
     * The cost at {@code x}, with its gradient written to {@code gradient} (length {@link #dimension()}).
     * May throw an unchecked exception where the cost is undefined (e.g. no overlap); optimisers that
     * search along a line treat that as an infinitely high cost.
     */
    double valueAndGradient(double[] x, double[] gradient);
}

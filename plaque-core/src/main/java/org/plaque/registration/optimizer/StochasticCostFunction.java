package org.plaque.registration.optimizer;

/** A cost estimated from random samples that can be drawn afresh: for stochastic optimisers. */
public interface StochasticCostFunction extends CostFunction {
    /**
     * Draws the samples that the following evaluations use; the same {@code draw} number always gives
     * the same samples (so the optimisation is reproducible).
     */
    void resample(int draw);
}

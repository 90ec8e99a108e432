package org.plaque.registration.optimizer;

/**
 * What an optimiser returns.
 *
 * @param parameters  the final parameters
 * @param value       the cost at the last evaluation (regular-step descent: before its last step, as ITK)
 * @param iterations  completed iterations
 * @param evaluations cost evaluations made
 * @param stop        why it stopped
 * @param description the stop condition in words
 */
public record OptimizerResult(double[] parameters, double value, int iterations, int evaluations, StopReason stop,
                              String description) {
    public OptimizerResult {
        parameters = parameters.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }
}

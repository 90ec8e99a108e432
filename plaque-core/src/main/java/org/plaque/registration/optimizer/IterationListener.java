package org.plaque.registration.optimizer;

/** Told after every iteration of an optimiser; for progress reports. */
@FunctionalInterface
public interface IterationListener {
    /** Ignores every iteration. */
    IterationListener NONE = (iteration, value) -> { };

    /**
     * @param iteration completed iterations (1-based)
     * @param value     the cost at the start of that iteration
     */
    void iterationDone(int iteration, double value);
}

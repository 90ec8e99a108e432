package org.plaque.pipeline.preset;

import org.plaque.pipeline.Step;

/**
 * Makes a {@link Step} from its plain-data parameters and the run's resources. Registered under a name in a
 * {@link StepRegistry}; reads its parameters through {@link StepParams} (which rejects unknown names).
 */
@FunctionalInterface
public interface StepFactory {
    /**
     * @throws IllegalArgumentException for a bad parameter (wrong type, out of range, unknown name)
     * @throws org.plaque.InvalidInputException when a resource the step needs is missing (e.g. no atlas)
     */
    Step create(StepParams params, StepResources resources);
}

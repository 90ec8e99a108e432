package org.plaque.registration;

import java.util.Objects;
import org.plaque.registration.optimizer.AdaptiveStochasticGradientDescent;
import org.plaque.registration.optimizer.Lbfgs;
import org.plaque.registration.optimizer.RegularStepGradientDescent;

/**
 * The settings of every optimiser a registration may use. Step lengths of L-BFGS and ASGD are in voxels of
 * the pyramid level (multiplied by the level's mean fixed-image spacing in mm); regular-step lengths are in
 * scaled parameter units, as in ITK.
 *
 * @param regularStep settings of {@link OptimizerKind#REGULAR_STEP}
 * @param lbfgs       settings of {@link OptimizerKind#LBFGS}
 * @param asgd        settings of {@link OptimizerKind#ASGD}
 */
public record OptimizerSettings(RegularStepGradientDescent.Params regularStep, Lbfgs.Params lbfgs,
                                AdaptiveStochasticGradientDescent.Params asgd) {
    /** Each optimiser's own defaults. */
    public static final OptimizerSettings DEFAULTS = new OptimizerSettings(RegularStepGradientDescent.Params.DEFAULTS,
        Lbfgs.Params.DEFAULTS, AdaptiveStochasticGradientDescent.Params.DEFAULTS);

    public OptimizerSettings {
        Objects.requireNonNull(regularStep, "regularStep");
        Objects.requireNonNull(lbfgs, "lbfgs");
        Objects.requireNonNull(asgd, "asgd");
    }

    public OptimizerSettings withLbfgs(Lbfgs.Params p) {
        return new OptimizerSettings(regularStep, p, asgd);
    }

    public OptimizerSettings withAsgd(AdaptiveStochasticGradientDescent.Params p) {
        return new OptimizerSettings(regularStep, lbfgs, p);
    }
}

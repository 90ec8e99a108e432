package org.plaque.eval;

import java.util.Objects;
import org.plaque.image.Connectivity;

/**
 * The parameters of the lesion-wise detection rule of {@link LesionWiseEvaluation} (MSSEG, Commowick et
 * al. 2018, doi:10.1038/s41598-018-31911-7; Anima's {@code animaSegPerfAnalyzer}).
 *
 * @param alpha              minimum covered fraction: a lesion can only be detected when the other side's
 *                           lesions cover strictly more than this fraction of its voxels; in [0, 1]
 * @param beta               maximum outside fraction: an overlapping lesion of the other side that has
 *                           strictly more than this fraction of its voxels outside all lesions of this side
 *                           spoils the detection; in [0, 1]
 * @param gamma              the walk over overlapping lesions (largest overlap first) stops once they
 *                           account for at least this fraction of the covered part; in [0, 1]
 * @param minLesionVolumeMm3 components of volume ≤ this (mm³) are removed from both sides first; ≥ 0
 * @param connectivity       neighbourhood that defines a lesion as a connected component
 */
public record LesionWiseRule(double alpha, double beta, double gamma, double minLesionVolumeMm3,
                             Connectivity connectivity) {

    /**
     * The MSSEG challenge rule of EVALUATION.md and Anima's defaults: α = 0.10, β = 0.70, γ = 0.65,
     * lesions strictly larger than 3 mm³, 6-connectivity.
     */
    public static final LesionWiseRule MSSEG = new LesionWiseRule(0.10, 0.70, 0.65, 3.0, Connectivity.SIX);

    /** @throws IllegalArgumentException if a fraction is outside [0, 1] or the minimum volume is negative */
    public LesionWiseRule {
        requireFraction("alpha", alpha);
        requireFraction("beta", beta);
        requireFraction("gamma", gamma);
        if (!(minLesionVolumeMm3 >= 0) || !Double.isFinite(minLesionVolumeMm3)) {
            throw new IllegalArgumentException("minimum lesion volume must be finite and >= 0 mm³, got "
                + minLesionVolumeMm3);
        }
        Objects.requireNonNull(connectivity, "connectivity");
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    /** This rule with another minimum lesion volume (mm³). */
    public LesionWiseRule withMinLesionVolumeMm3(double volumeMm3) {
        return new LesionWiseRule(alpha, beta, gamma, volumeMm3, connectivity);
    }

    /** This rule with another connectivity. */
    public LesionWiseRule withConnectivity(Connectivity c) {
        return new LesionWiseRule(alpha, beta, gamma, minLesionVolumeMm3, c);
    }
}

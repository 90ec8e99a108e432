package org.plaque.pipeline.longitudinal;

/**
 * One raw change candidate (a connected component of the thresholded, opened ratio map) with the cues the
 * filter looks at.
 *
 * @param increase      true when the follow-up is brighter (new / enlarging), false for decreases
 * @param voxels        follow-up grid voxel indices of the component (ascending)
 * @param volumeMm3     component volume, mm³
 * @param meanZ         mean robust z-score at the visit where the lesion is present
 * @param meanZAbsent   mean robust z-score at the visit where the lesion is absent (or smaller)
 * @param meanRatio     mean intensity ratio present / absent visit
 * @param deepFraction  fraction of voxels deeper than the edge margin inside the brain intersection
 * @param crossSectionalFraction fraction of voxels inside the present visit's cross-sectional lesion mask
 *                      (dilated by one voxel), or NaN when no cross-sectional masks were given
 * @param meanT1Z       mean robust T1 z-score at the visit where the lesion is present, or NaN without that
 *                      visit's T1 (a cue for later filters; the classical filter does not use it)
 */
public record Candidate(boolean increase, int[] voxels, double volumeMm3, double meanZ, double meanZAbsent,
                        double meanRatio,
                        double deepFraction, double crossSectionalFraction, double meanT1Z) {
    /** A candidate without a T1 cue. */
    public Candidate(boolean increase, int[] voxels, double volumeMm3, double meanZ, double meanZAbsent,
                     double meanRatio, double deepFraction, double crossSectionalFraction) {
        this(increase, voxels, volumeMm3, meanZ, meanZAbsent, meanRatio, deepFraction, crossSectionalFraction,
            Double.NaN);
    }

    /**
     * Largest plausible single lesion change, mm³ (a 20 mm sphere is ~4 200 mm³): bigger components are
     * registration or protocol artefacts spanning whole structures.
     */
    public static final double MAX_VOLUME_MM3 = 5000;

    /** Whether the filter of {@code p} keeps this candidate. */
    public boolean passes(ChangeParams p) {
        return volumeMm3 >= p.minLesionVolumeMm3() && volumeMm3 <= MAX_VOLUME_MM3 && meanZ >= p.lesionZ()
            && meanRatio >= p.minMeanRatio()
            && deepFraction >= 0.5
            && (Double.isNaN(crossSectionalFraction) || crossSectionalFraction >= p.minCrossSectionalFraction());
    }
}

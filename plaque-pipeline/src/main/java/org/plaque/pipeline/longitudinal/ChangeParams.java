package org.plaque.pipeline.longitudinal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the classical change detector; {@link #DEFAULTS} is what {@code plaque longitudinal} uses.
 *
 * <p>Candidate stage (issue 7, item 1): {@code ratioThreshold} on follow-up / matched baseline (and the
 * inverse for decreases), opening with a ball of {@code openingRadiusMm}, components strictly larger than
 * {@code minCandidateVolumeMm3}, inside the intersection of both brain masks eroded by {@code brainErosionMm}.
 *
 * <p>Filter stage: a candidate is kept when the lesion is hyperintense at the visit where it is present
 * (mean robust z-score ≥ {@code lesionZ}, the z-score against that visit's robust brain mode and sd), its
 * mean intensity ratio is ≥ {@code minMeanRatio}, its volume is ≥ {@code minLesionVolumeMm3}, and at least
 * half of its voxels lie deeper than {@code edgeMarginMm} inside the brain intersection (ratio artefacts
 * collect at the brain edge and the ventricle borders where registration errors are largest). The same
 * {@code lesionZ} defines the visit lesion masks used for the evolution labels.
 *
 * @param ratioThreshold        voxel ratio threshold (&gt; 1), default 1.15
 * @param openingRadiusMm       opening ball radius, mm, default 1
 * @param minCandidateVolumeMm3 candidates must be larger than this, mm³, default 7
 * @param brainErosionMm        erosion of the brain-mask intersection, mm, default 1
 * @param lesionZ               robust z-score of a lesion at the visit where it is present, default 2
 * @param minMeanRatio          mean ratio over a kept candidate, default 1.25
 * @param minLesionVolumeMm3    smallest kept change, mm³, default 30
 * @param edgeMarginMm          depth inside the brain intersection, mm, default 3
 * @param minCrossSectionalFraction when cross-sectional lesion masks of both visits are given, the fraction
 *                              of a candidate inside the present visit's mask (dilated one voxel), default 0.1
 * @param greyLevels            0: the voxel ratio is taken on the matched intensities (default); N ≥ 2: both
 *                              matched images are first discretised into N equal-width grey levels over the
 *                              follow-up brain's 0.5–99.5th percentile range and the ratio is taken on the
 *                              levels (issue 7 item 1 names 6); the filter cues stay on the intensities
 * @param space                 where the images are compared (default {@link AnalysisSpace#FOLLOWUP}); outputs
 *                              are on the follow-up grid either way
 */
public record ChangeParams(double ratioThreshold, double openingRadiusMm, double minCandidateVolumeMm3,
                           double brainErosionMm, double lesionZ, double minMeanRatio, double minLesionVolumeMm3,
                           double edgeMarginMm, double minCrossSectionalFraction, int greyLevels,
                           AnalysisSpace space) {
    /** The defaults documented on the record. */
    public static final ChangeParams DEFAULTS = new ChangeParams(1.15, 1.0, 7.0, 1.0, 2.0, 1.25, 30.0, 3.0, 0.1, 0,
        AnalysisSpace.FOLLOWUP);

    /** Where baseline and follow-up are compared. */
    public enum AnalysisSpace {
        /** Only the baseline is resampled, onto the follow-up grid. */
        FOLLOWUP,
        /**
         * Both are resampled into the midpoint of the registration: the follow-up grid moved by the half
         * transform (the principal matrix square root of the follow-up → baseline affine), so each scan is
         * interpolated once and by half the motion; results are mapped back onto the follow-up grid
         * (nearest neighbour).
         */
        HALFWAY
    }

    public ChangeParams {
        if (!(ratioThreshold > 1) || !(openingRadiusMm >= 0) || !(minCandidateVolumeMm3 >= 0)
            || !(brainErosionMm >= 0) || !Double.isFinite(lesionZ) || !(minMeanRatio >= 1)
            || !(minLesionVolumeMm3 >= 0) || !(edgeMarginMm >= 0)
            || !(minCrossSectionalFraction >= 0 && minCrossSectionalFraction <= 1)
            || greyLevels == 1 || greyLevels < 0 || greyLevels > 65535 || space == null) {
            throw new IllegalArgumentException("invalid change-detection parameters");
        }
    }

    /** The first nine settings, with intensity ratios (no discretisation) in follow-up space. */
    public ChangeParams(double ratioThreshold, double openingRadiusMm, double minCandidateVolumeMm3,
                        double brainErosionMm, double lesionZ, double minMeanRatio, double minLesionVolumeMm3,
                        double edgeMarginMm, double minCrossSectionalFraction) {
        this(ratioThreshold, openingRadiusMm, minCandidateVolumeMm3, brainErosionMm, lesionZ, minMeanRatio,
            minLesionVolumeMm3, edgeMarginMm, minCrossSectionalFraction, 0, AnalysisSpace.FOLLOWUP);
    }

    /** A copy with {@code levels} grey levels before the ratio (0 = none). */
    public ChangeParams withGreyLevels(int levels) {
        return new ChangeParams(ratioThreshold, openingRadiusMm, minCandidateVolumeMm3, brainErosionMm, lesionZ,
            minMeanRatio, minLesionVolumeMm3, edgeMarginMm, minCrossSectionalFraction, levels, space);
    }

    /** A copy comparing the images in {@code newSpace}. */
    public ChangeParams withSpace(AnalysisSpace newSpace) {
        return new ChangeParams(ratioThreshold, openingRadiusMm, minCandidateVolumeMm3, brainErosionMm, lesionZ,
            minMeanRatio, minLesionVolumeMm3, edgeMarginMm, minCrossSectionalFraction, greyLevels, newSpace);
    }

    /** A copy with other filter settings (the candidate stage unchanged). */
    public ChangeParams withFilter(double newLesionZ, double newMinMeanRatio, double newMinLesionVolumeMm3,
                                   double newEdgeMarginMm) {
        return new ChangeParams(ratioThreshold, openingRadiusMm, minCandidateVolumeMm3, brainErosionMm, newLesionZ,
            newMinMeanRatio, newMinLesionVolumeMm3, newEdgeMarginMm, minCrossSectionalFraction, greyLevels, space);
    }

    /** A copy with another cross-sectional overlap fraction. */
    public ChangeParams withMinCrossSectionalFraction(double fraction) {
        return new ChangeParams(ratioThreshold, openingRadiusMm, minCandidateVolumeMm3, brainErosionMm, lesionZ,
            minMeanRatio, minLesionVolumeMm3, edgeMarginMm, fraction, greyLevels, space);
    }

    /** Names with units and values, for provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratio_threshold", ratioThreshold);
        m.put("opening_radius_mm", openingRadiusMm);
        m.put("min_candidate_volume_mm3", minCandidateVolumeMm3);
        m.put("brain_erosion_mm", brainErosionMm);
        m.put("lesion_z", lesionZ);
        m.put("min_mean_ratio", minMeanRatio);
        m.put("min_lesion_volume_mm3", minLesionVolumeMm3);
        m.put("edge_margin_mm", edgeMarginMm);
        m.put("min_cross_sectional_fraction", minCrossSectionalFraction);
        m.put("grey_levels", greyLevels);
        m.put("space", space.name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }
}

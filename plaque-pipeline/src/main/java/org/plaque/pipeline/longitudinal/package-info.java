/**
 * Longitudinal lesion-change detection between two FLAIR visits of one subject (issue 7): classical
 * candidate detection (N4, rigid + affine registration of the baseline onto the follow-up grid, landmark
 * histogram matching, intensity ratio in both directions), a classical candidate filter and lesion evolution
 * labels (new, enlarging, shrinking, vanished). Every output lives on the follow-up grid. Also: the halfway
 * space ({@link org.plaque.pipeline.longitudinal.HalfTransform}), candidate patches with distance maps for a
 * learned filter ({@link org.plaque.pipeline.longitudinal.CandidatePatches}), one pair as the commands run it
 * ({@link org.plaque.pipeline.longitudinal.LongitudinalRun}) and two-visit cohorts
 * ({@link org.plaque.pipeline.longitudinal.LongitudinalCohort}).
 */
package org.plaque.pipeline.longitudinal;

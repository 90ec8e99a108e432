/**
 * Longitudinal lesion-change detection between two FLAIR visits of one subject (issue 7): classical
 * candidate detection (N4, rigid + affine registration of the baseline onto the follow-up grid, landmark
 * histogram matching, intensity ratio in both directions), a classical candidate filter and lesion evolution
 * labels (new, enlarging, shrinking, vanished). Every output lives on the follow-up grid.
 */
package org.plaque.pipeline.longitudinal;

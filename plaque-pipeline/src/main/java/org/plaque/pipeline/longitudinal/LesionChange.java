package org.plaque.pipeline.longitudinal;

import java.util.Objects;

/**
 * One changed lesion on the follow-up grid.
 *
 * @param id                 1-based id, the order of the label image components
 * @param label              its evolution label
 * @param changeVolumeMm3    volume of the change component itself, mm³
 * @param baselineVolumeMm3  volume of the baseline lesion(s) touching the component, mm³ (0 for new)
 * @param followupVolumeMm3  volume of the follow-up lesion(s) touching the component, mm³ (0 for vanished)
 * @param centroidMm         centroid of the change component, world RAS+ mm
 * @param meanZ              mean robust z-score of the component at the visit where the lesion is present
 * @param meanRatio          mean intensity ratio (present / absent visit) over the component
 */
public record LesionChange(int id, ChangeLabel label, double changeVolumeMm3, double baselineVolumeMm3,
                           double followupVolumeMm3, double[] centroidMm, double meanZ, double meanRatio) {
    public LesionChange {
        Objects.requireNonNull(label, "label");
        centroidMm = centroidMm.clone();
    }

    @Override
    public double[] centroidMm() {
        return centroidMm.clone();
    }
}

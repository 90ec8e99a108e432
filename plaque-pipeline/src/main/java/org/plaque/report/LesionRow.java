package org.plaque.report;

/**
 * One lesion as reported: the {@link org.plaque.lesion.Lesion} figures plus its FLAIR contrast and, for
 * methods that yield them, its mean lesion probability and uncertainty.
 *
 * @param id                lesion id (1 = largest)
 * @param voxels            number of voxels
 * @param volumeMm3         volume, mm³ (voxels × voxel volume)
 * @param centroidMm        centre of mass in world RAS+ mm (x, y, z)
 * @param meanFlairContrast mean preprocessed FLAIR inside the lesion divided by the mean FLAIR of
 *                          normal-appearing white matter (NaN when there is none); 1 = as bright as
 *                          white matter
 * @param meanProbability   mean lesion probability inside the lesion (NaN when the method yields none)
 * @param meanUncertainty   mean uncertainty (variance across ensemble members and flips) inside the lesion
 *                          (NaN when the method yields none)
 */
public record LesionRow(int id, int voxels, double volumeMm3, double[] centroidMm, double meanFlairContrast,
                        double meanProbability, double meanUncertainty) {
    public LesionRow {
        centroidMm = centroidMm.clone();
    }

    @Override
    public double[] centroidMm() {
        return centroidMm.clone();
    }
}

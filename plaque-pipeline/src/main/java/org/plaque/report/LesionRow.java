package org.plaque.report;

/**
 * One lesion as reported: the {@link org.plaque.lesion.Lesion} figures plus its FLAIR contrast.
 *
 * @param id                lesion id (1 = largest)
 * @param voxels            number of voxels
 * @param volumeMm3         volume, mm³ (voxels × voxel volume)
 * @param centroidMm        centre of mass in world RAS+ mm (x, y, z)
 * @param meanFlairContrast mean preprocessed FLAIR inside the lesion divided by the mean FLAIR of
 *                          normal-appearing white matter (NaN when there is none); 1 = as bright as
 *                          white matter
 */
public record LesionRow(int id, int voxels, double volumeMm3, double[] centroidMm, double meanFlairContrast) {
    public LesionRow {
        centroidMm = centroidMm.clone();
    }

    @Override
    public double[] centroidMm() {
        return centroidMm.clone();
    }
}

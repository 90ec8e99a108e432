package org.plaque.lesion;

import java.util.Arrays;

/**
 * One lesion of a {@link LesionTable}: a connected component of a lesion mask.
 *
 * @param id         the lesion's number in its table (1..n) and its label in the table's label image
 * @param voxels     number of voxels
 * @param volumeMm3  volume in mm³ (voxels × voxel volume)
 * @param centroidMm centre of mass in world coordinates (RAS+ mm): the mean of the voxel centres. Copied
 *                   on the way in and out, so a lesion is immutable; equality compares the values.
 */
public record Lesion(int id, int voxels, double volumeMm3, double[] centroidMm) {

    public Lesion {
        if (centroidMm.length != 3) {
            throw new IllegalArgumentException("centroid must have 3 coordinates, got " + centroidMm.length);
        }
        centroidMm = centroidMm.clone();
    }

    /** Centre of mass, world RAS+ mm; a copy. */
    @Override
    public double[] centroidMm() {
        return centroidMm.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lesion l && id == l.id && voxels == l.voxels
            && Double.compare(volumeMm3, l.volumeMm3) == 0 && Arrays.equals(centroidMm, l.centroidMm);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * id + voxels) + Double.hashCode(volumeMm3)) + Arrays.hashCode(centroidMm);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Lesion[id=%d, voxels=%d, volumeMm3=%.3f, centroidMm=(%.2f, %.2f, %.2f)]",
            id, voxels, volumeMm3, centroidMm[0], centroidMm[1], centroidMm[2]);
    }
}

package org.plaque.testkit.phantom;

import java.util.Arrays;

/**
 * One known lesion of a phantom: an ellipsoid with soft edges whose truth voxels are those it covers by
 * at least half (partial-volume fraction ≥ 0.5).
 *
 * @param id         the lesion's number, 1..n, also its value in {@link PhantomCase#lesionLabels()}
 * @param site       where it was placed
 * @param centreMm   centre in subject world coordinates (RAS+ mm)
 * @param semiAxesMm the three semi-axes in mm, major first (subject world, so they include no
 *                   misposition scaling)
 * @param voxels     number of truth voxels in {@link PhantomCase#lesionMask()} (one 6-connected component)
 * @param volumeMm3  {@code voxels} times the subject voxel volume, in mm³ (the voxelised volume, not the
 *                   ellipsoid's analytic volume)
 */
public record PhantomLesion(int id, LesionSite site, double[] centreMm, double[] semiAxesMm, int voxels,
                            double volumeMm3) {
    public PhantomLesion {
        if (centreMm.length != 3 || semiAxesMm.length != 3) {
            throw new IllegalArgumentException("centre and semi-axes must be 3-D");
        }
        centreMm = centreMm.clone();
        semiAxesMm = semiAxesMm.clone();
    }

    /** Centre in subject world coordinates (RAS+ mm); a copy. */
    @Override
    public double[] centreMm() {
        return centreMm.clone();
    }

    /** Semi-axes in mm, major first; a copy. */
    @Override
    public double[] semiAxesMm() {
        return semiAxesMm.clone();
    }

    /** Volume of the analytic ellipsoid, 4/3·π·a·b·c, in mm³. */
    public double ellipsoidVolumeMm3() {
        return 4.0 / 3.0 * Math.PI * semiAxesMm[0] * semiAxesMm[1] * semiAxesMm[2];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhantomLesion l && id == l.id && site == l.site && voxels == l.voxels
            && Double.compare(volumeMm3, l.volumeMm3) == 0 && Arrays.equals(centreMm, l.centreMm)
            && Arrays.equals(semiAxesMm, l.semiAxesMm);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * id + Arrays.hashCode(centreMm)) + voxels;
    }

    @Override
    public String toString() {
        return "PhantomLesion[id=" + id + ", site=" + site + ", centreMm=" + Arrays.toString(centreMm)
            + ", semiAxesMm=" + Arrays.toString(semiAxesMm) + ", voxels=" + voxels + ", volumeMm3="
            + volumeMm3 + "]";
    }
}

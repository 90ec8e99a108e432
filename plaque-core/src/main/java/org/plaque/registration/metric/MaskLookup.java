package org.plaque.registration.metric;

import org.plaque.geom.Affine;
import org.plaque.image.Mask;

/**
 * Nearest-voxel membership test of world points in a mask on any grid: a point is inside when its nearest
 * voxel (continuous index rounded half up, as {@code Interpolation.NEAREST}) lies in the grid and is set.
 */
final class MaskLookup {
    private final boolean[] data;
    private final int nx;
    private final int ny;
    private final int nz;
    /** World → continuous voxel index, row-major 3×4. */
    private final double[] w2i;

    MaskLookup(Mask mask) {
        this.data = mask.toArray();
        this.nx = mask.geometry().nx();
        this.ny = mask.geometry().ny();
        this.nz = mask.geometry().nz();
        this.w2i = mask.geometry().worldToVoxel().toRowMajor();
    }

    /** Null for a null mask. */
    static MaskLookup of(Mask mask) {
        return mask == null ? null : new MaskLookup(mask);
    }

    /** World → index of this mask composed with {@code a} (a point's coordinates before {@code a}). */
    double[] indexMatrixAfter(Affine a) {
        return Affine.ofRowMajor(w2i).multiply(a).toRowMajor();
    }

    /** Whether the world point (x, y, z) is inside. */
    boolean contains(double x, double y, double z) {
        double[] m = w2i;
        return containsIndex(m[0] * x + m[1] * y + m[2] * z + m[3], m[4] * x + m[5] * y + m[6] * z + m[7],
            m[8] * x + m[9] * y + m[10] * z + m[11]);
    }

    /** Whether the continuous index (cx, cy, cz) of this mask's grid is inside. */
    boolean containsIndex(double cx, double cy, double cz) {
        double fx = Math.floor(cx + 0.5);
        double fy = Math.floor(cy + 0.5);
        double fz = Math.floor(cz + 0.5);
        if (!(fx >= 0 && fy >= 0 && fz >= 0 && fx < nx && fy < ny && fz < nz)) {
            return false;
        }
        return data[(int) fx + nx * ((int) fy + ny * (int) fz)];
    }
}

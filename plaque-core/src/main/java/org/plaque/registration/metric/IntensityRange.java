package org.plaque.registration.metric;

import org.plaque.InvalidInputException;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/** Minimum and maximum intensity of an image, over the voxels inside a mask (nearest voxel) when one is given. */
record IntensityRange(double min, double max) {
    static IntensityRange of(ScalarVolume image, Mask mask, String which) {
        MaskLookup lookup = MaskLookup.of(mask);
        double[] v2w = image.geometry().voxelToWorld().toRowMajor();
        int nx = image.geometry().nx();
        int ny = image.geometry().ny();
        int nz = image.geometry().nz();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0, i = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (lookup != null) {
                        double wx = v2w[0] * x + v2w[1] * j + v2w[2] * k + v2w[3];
                        double wy = v2w[4] * x + v2w[5] * j + v2w[6] * k + v2w[7];
                        double wz = v2w[8] * x + v2w[9] * j + v2w[10] * k + v2w[11];
                        if (!lookup.contains(wx, wy, wz)) {
                            continue;
                        }
                    }
                    float v = image.get(i);
                    if (v < lo) {
                        lo = v;
                    }
                    if (v > hi) {
                        hi = v;
                    }
                }
            }
        }
        if (!(hi > lo)) {
            throw new InvalidInputException("the " + which + " image is constant"
                + (mask == null ? "" : " inside its mask") + ": nothing to register");
        }
        return new IntensityRange(lo, hi);
    }
}

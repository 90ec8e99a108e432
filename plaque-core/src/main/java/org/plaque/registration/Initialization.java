package org.plaque.registration;

import org.plaque.exec.ExecutionContext;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * How the registration starts: which centre the linear transforms turn about (always a fixed-image point,
 * as ITK's {@code CenteredTransformInitializer}) and the initial translation that maps it onto the
 * corresponding moving-image point.
 */
public enum Initialization {
    /** Centres of the image grids (world position of the middle voxel index). */
    GEOMETRY,
    /**
     * Intensity centres of mass (positive intensities, inside the masks when given): robust when the
     * anatomy is off-centre in either field of view.
     */
    MOMENTS,
    /** Turn about the fixed grid's centre, no initial translation. */
    IDENTITY;

    /** The fixed-space rotation centre (mm). */
    double[] fixedCentre(ScalarVolume fixed, Mask fixedMask) {
        return this == MOMENTS ? centreOfMass(fixed, fixedMask) : gridCentre(fixed.geometry());
    }

    /** The initial translation (mm): moving centre − fixed centre. */
    double[] translation(ScalarVolume fixed, Mask fixedMask, ScalarVolume moving, Mask movingMask) {
        if (this == IDENTITY) {
            return new double[3];
        }
        double[] f = fixedCentre(fixed, fixedMask);
        double[] m = this == MOMENTS ? centreOfMass(moving, movingMask) : gridCentre(moving.geometry());
        return new double[] {m[0] - f[0], m[1] - f[1], m[2] - f[2]};
    }

    static double[] gridCentre(ImageGeometry g) {
        return g.voxelToWorld().apply((g.nx() - 1) / 2.0, (g.ny() - 1) / 2.0, (g.nz() - 1) / 2.0);
    }

    static double[] centreOfMass(ScalarVolume image, Mask mask) {
        ImageGeometry g = image.geometry();
        if (mask != null && !mask.geometry().sameGrid(g, Tolerance.DEFAULT)) {
            // a mask on another grid: look it up at this image's voxel centres (nearest voxel)
            mask = Resample.mask(mask, g, Affine.identity(), ExecutionContext.singleThreaded());
        }
        double sx = 0;
        double sy = 0;
        double sz = 0;
        double s = 0;
        for (int k = 0, i = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int x = 0; x < g.nx(); x++, i++) {
                    double v = image.get(i);
                    if (v > 0 && (mask == null || mask.get(i))) {
                        sx += v * x;
                        sy += v * j;
                        sz += v * k;
                        s += v;
                    }
                }
            }
        }
        if (!(s > 0)) {
            return gridCentre(g);
        }
        return g.voxelToWorld().apply(sx / s, sy / s, sz / s);
    }
}

package org.plaque.segment.lesion;

import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/** Small mask helpers shared by the presets. */
final class LesionMasks {
    private LesionMasks() {
    }

    /** Voxels of the brain mask where all three conditions on the priors hold (strict inequalities). */
    static Mask tissue(TissuePriors p, double wmAbove, double gmBelow, double csfBelow) {
        ImageGeometry g = p.wm().geometry();
        Mask.Builder b = Mask.builder(g);
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = p.brain().get(i) && p.wm().get(i) > wmAbove && p.gm().get(i) < gmBelow
                && p.csf().get(i) < csfBelow;
        }
        return b.build();
    }

    /** Brain voxels whose grey-matter prior exceeds {@code gmAbove} and CSF prior is below {@code csfBelow}. */
    static Mask greyMatter(TissuePriors p, double gmAbove, double csfBelow) {
        ImageGeometry g = p.wm().geometry();
        Mask.Builder b = Mask.builder(g);
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = p.brain().get(i) && p.gm().get(i) > gmAbove && p.csf().get(i) < csfBelow;
        }
        return b.build();
    }

    /** The values of {@code image} at the set voxels of {@code region}, in raster order. */
    static float[] values(ScalarVolume image, Mask region) {
        float[] v = new float[region.count()];
        int k = 0;
        for (int i = 0, n = image.geometry().voxelCount(); i < n; i++) {
            if (region.get(i)) {
                v[k++] = image.get(i);
            }
        }
        return v;
    }
}

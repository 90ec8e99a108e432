package org.plaque.pipeline.longitudinal;

import java.util.List;
import org.plaque.geom.ImageGeometry;

/**
 * Stitches per-patch outputs of overlapping candidate patches back onto candidate voxels (issue 7, item 2: "at
 * inference each voxel keeps the output of the patch whose centre is nearest"). Distances are in mm (voxel
 * offsets scaled by the grid spacing), from the voxel to the patch box centre; a tie goes to the earlier patch,
 * so the result is deterministic.
 */
final class NearestCentre {
    private NearestCentre() {
    }

    /**
     * One patch box and its values.
     *
     * @param origin (x, y, z) index of the first voxel
     * @param size   (W, H, D) voxels
     * @param values W·H·D values, x fastest
     */
    record Box(int[] origin, int[] size, float[] values) {
        boolean contains(int x, int y, int z) {
            return x >= origin[0] && x < origin[0] + size[0] && y >= origin[1] && y < origin[1] + size[1]
                && z >= origin[2] && z < origin[2] + size[2];
        }

        float value(int x, int y, int z) {
            return values[((z - origin[2]) * size[1] + y - origin[1]) * size[0] + x - origin[0]];
        }

        double distanceSquaredMm(int x, int y, int z, double[] spacing) {
            double dx = (x - origin[0] - (size[0] - 1) / 2.0) * spacing[0];
            double dy = (y - origin[1] - (size[1] - 1) / 2.0) * spacing[1];
            double dz = (z - origin[2] - (size[2] - 1) / 2.0) * spacing[2];
            return dx * dx + dy * dy + dz * dz;
        }
    }

    /**
     * The value of every listed voxel from the box whose centre is nearest among the boxes that contain it (NaN
     * when none does).
     *
     * @param voxels per candidate, grid voxel indices
     * @return per candidate, one value per voxel, in the order of {@code voxels}
     */
    static float[][] assign(ImageGeometry g, List<Box> boxes, int[][] voxels) {
        double[] spacing = g.spacingMm();
        int nx = g.nx();
        int ny = g.ny();
        float[][] out = new float[voxels.length][];
        for (int c = 0; c < voxels.length; c++) {
            out[c] = new float[voxels[c].length];
            for (int k = 0; k < voxels[c].length; k++) {
                int i = voxels[c][k];
                int x = i % nx;
                int y = (i / nx) % ny;
                int z = i / (nx * ny);
                double best = Double.POSITIVE_INFINITY;
                float value = Float.NaN;
                for (Box b : boxes) {
                    if (b.contains(x, y, z)) {
                        double d = b.distanceSquaredMm(x, y, z, spacing);
                        if (d < best) {
                            best = d;
                            value = b.value(x, y, z);
                        }
                    }
                }
                out[c][k] = value;
            }
        }
        return out;
    }
}

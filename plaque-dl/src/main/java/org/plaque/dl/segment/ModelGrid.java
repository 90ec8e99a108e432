package org.plaque.dl.segment;

import org.plaque.InvalidInputException;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Orientation;
import org.plaque.image.Mask;

/**
 * The grid a model sees: the model's voxel spacing and axis orientation, axis-aligned in world space,
 * covering a region of the subject (the brain's bounding box plus a margin) — so a subject of any resolution
 * and storage orientation is presented to the network as its training data was, and no voxel outside the
 * head is computed.
 */
public final class ModelGrid {
    private ModelGrid() {
    }

    /**
     * The model grid covering {@code region} (or the whole of {@code source} when it is null or empty).
     *
     * @param spacingMm   the model's voxel spacing (x, y, z of the model grid), mm
     * @param orientation the model's axis code, e.g. {@code LAS}
     * @param marginMm    margin added on every side, mm
     * @param multiple    every size is rounded up to a multiple of this (the network's total down-sampling)
     */
    public static ImageGeometry covering(ImageGeometry source, Mask region, double[] spacingMm, String orientation,
                                         double marginMm, int multiple) {
        String code = Orientation.parse(orientation);
        for (double s : spacingMm) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new InvalidInputException("model spacing must be positive: " + java.util.Arrays.toString(
                    spacingMm));
            }
        }
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int[] lo = {0, 0, 0};
        int[] hi = {source.nx() - 1, source.ny() - 1, source.nz() - 1};
        if (region != null && region.count() > 0) {
            boundingBox(region, lo, hi);
        }
        Affine v2w = source.voxelToWorld();
        for (int corner = 0; corner < 8; corner++) {
            double[] p = v2w.apply(
                (corner & 1) == 0 ? lo[0] - 0.5 : hi[0] + 0.5,
                (corner & 2) == 0 ? lo[1] - 0.5 : hi[1] + 0.5,
                (corner & 4) == 0 ? lo[2] - 0.5 : hi[2] + 0.5);
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], p[a]);
                max[a] = Math.max(max[a], p[a]);
            }
        }
        int[] size = new int[3];
        double[] origin = new double[3];
        double[][] direction = new double[3][3];
        for (int axis = 0; axis < 3; axis++) {
            char letter = code.charAt(axis);
            int world = Orientation.worldAxis(letter);
            int sign = Orientation.sign(letter);
            double extent = max[world] - min[world] + 2 * marginMm;
            int n = (int) Math.ceil(extent / spacingMm[axis] - 1e-9);
            n = Math.max(multiple, (n + multiple - 1) / multiple * multiple);
            size[axis] = n;
            direction[world][axis] = sign;
            double centre = (min[world] + max[world]) / 2;
            double half = (n - 1) * spacingMm[axis] / 2;
            origin[world] = centre - sign * half;
        }
        return ImageGeometry.of(size, spacingMm, origin, direction);
    }

    private static void boundingBox(Mask region, int[] lo, int[] hi) {
        ImageGeometry g = region.geometry();
        lo[0] = g.nx();
        lo[1] = g.ny();
        lo[2] = g.nz();
        hi[0] = -1;
        hi[1] = -1;
        hi[2] = -1;
        int i = 0;
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++, i++) {
                    if (region.get(i)) {
                        lo[0] = Math.min(lo[0], x);
                        hi[0] = Math.max(hi[0], x);
                        lo[1] = Math.min(lo[1], y);
                        hi[1] = Math.max(hi[1], y);
                        lo[2] = Math.min(lo[2], z);
                        hi[2] = Math.max(hi[2], z);
                    }
                }
            }
        }
    }
}

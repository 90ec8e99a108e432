package org.plaque.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;

/**
 * An independent O(|∂A|·|∂B|) reference for tests: surface voxels found by testing the six neighbours
 * against the grid bounds directly, distances measured between world (RAS+ mm) voxel centres through the
 * grid's affine, percentile by sorting.
 */
final class BruteForceSurfaceDistances {
    private BruteForceSurfaceDistances() {
    }

    /** World centres of the surface voxels of m, in raster order. */
    static List<double[]> surfaceCentres(Mask m) {
        ImageGeometry g = m.geometry();
        List<double[]> out = new ArrayList<>();
        int[][] six = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    if (!m.get(x, y, z)) {
                        continue;
                    }
                    boolean surface = false;
                    for (int[] d : six) {
                        int xx = x + d[0];
                        int yy = y + d[1];
                        int zz = z + d[2];
                        if (!g.contains(xx, yy, zz) || !m.get(xx, yy, zz)) {
                            surface = true;
                        }
                    }
                    if (surface) {
                        out.add(g.voxelToWorld().apply(x, y, z));
                    }
                }
            }
        }
        return out;
    }

    /** For each surface voxel of a (raster order), the distance in mm to the nearest surface voxel of b. */
    static double[] directed(Mask a, Mask b) {
        List<double[]> sa = surfaceCentres(a);
        List<double[]> sb = surfaceCentres(b);
        double[] out = new double[sa.size()];
        for (int i = 0; i < sa.size(); i++) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] q : sb) {
                double[] p = sa.get(i);
                double dx = p[0] - q[0];
                double dy = p[1] - q[1];
                double dz = p[2] - q[2];
                best = Math.min(best, Math.sqrt(dx * dx + dy * dy + dz * dz));
            }
            out[i] = best;
        }
        return out;
    }

    /** {Hausdorff, pooled 95th percentile (linear interpolation), pooled mean}. */
    static double[] summary(Mask a, Mask b) {
        double[] ab = directed(a, b);
        double[] ba = directed(b, a);
        double[] all = new double[ab.length + ba.length];
        System.arraycopy(ab, 0, all, 0, ab.length);
        System.arraycopy(ba, 0, all, ab.length, ba.length);
        Arrays.sort(all);
        double rank = 0.95 * (all.length - 1);
        int below = (int) rank;
        double p95 = below + 1 < all.length ? all[below] * (1 - (rank - below)) + all[below + 1] * (rank - below)
            : all[below];
        return new double[] {all[all.length - 1], p95, Arrays.stream(all).sum() / all.length};
    }
}

package org.plaque.eval;

import java.util.Arrays;
import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.morphology.DistanceTransform;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;

/**
 * Surface distances between a predicted and a reference mask, in millimetres: Hausdorff distance, HD95
 * and average symmetric surface distance (ASSD).
 *
 * <p><b>Surfaces.</b> The surface of a mask is the set of its voxels with at least one of the 6 face
 * neighbours outside the mask; voxels on the border of the grid count as surface (outside the grid is
 * outside the mask). This is medpy's {@code __surface_distances} with its default connectivity 1
 * (scipy erosion with border value 0).
 *
 * <p><b>Distances.</b> For each surface voxel of one mask, the Euclidean distance (mm) from its centre to
 * the nearest surface-voxel centre of the other mask; "directed" distances from P to T and from T to P.
 * <ul>
 *   <li>Hausdorff = max(max d(P→T), max d(T→P)).</li>
 *   <li>HD95 = the 95th percentile of the <em>pooled</em> distances of both directions (medpy's
 *       {@code hd95}, numpy's default linear interpolation between order statistics). Some tools (MONAI,
 *       the WMH challenge) instead take the larger of the two directed 95th percentiles, which is ≥ the
 *       pooled value. Anima's {@code animaSegPerfAnalyzer} (MSSEG) reports no HD95.</li>
 *   <li>ASSD = the mean of the pooled distances, (Σ d(P→T) + Σ d(T→P)) / (|∂P| + |∂T|), as Anima's
 *       "average surface distance". medpy's {@code assd} instead averages the two directed means, which
 *       differs when the surfaces have different sizes.</li>
 * </ul>
 * Anima's Hausdorff distance uses ITK's {@code HausdorffDistanceImageFilter} on the full voxel sets rather
 * than on surfaces; the two agree for most lesion masks but can differ where one mask contains the other.
 *
 * <p><b>Method.</b> An exact squared Euclidean distance transform to the other mask's surface, computed
 * separably with per-axis spacing weights (Felzenszwalb &amp; Huttenlocher 2012,
 * doi:10.4086/toc.2012.v008a019), on the joint bounding box of both masks plus a one-voxel margin, in
 * parallel over image lines with {@link ExecutionContext#parallelFor}. Distances are measured in voxel
 * index space scaled by the voxel spacing, which equals world (RAS+ mm) distance whenever the grid's
 * direction matrix is orthonormal — true for every scanner and NIfTI qform grid; on a sheared grid (an
 * sform with shear) the result ignores the shear. Cost O(box voxels); memory one {@code double} per box
 * voxel.
 *
 * <p>Both masks must share the grid within {@link Tolerance#EVALUATION} (1e-6 mm), else
 * {@link org.plaque.InvalidInputException}. If either mask is empty all three values follow the
 * {@link EmptyPolicy} (NaN by default).
 */
public final class SurfaceDistances {
    private static final double PERCENTILE = 95.0;

    private SurfaceDistances() {
    }

    /** Hausdorff, HD95 and ASSD (mm) under {@link EmptyPolicy#DEFAULT}. */
    public static SurfaceDistanceResult compute(Mask pred, Mask truth, ExecutionContext ctx) {
        return compute(pred, truth, ctx, EmptyPolicy.DEFAULT);
    }

    /** Hausdorff, HD95 and ASSD (mm); {@code policy} decides the values when a mask is empty. */
    public static SurfaceDistanceResult compute(Mask pred, Mask truth, ExecutionContext ctx, EmptyPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        double[][] d = bothDirections(pred, truth, ctx);
        if (d == null) {
            double v = policy.undefinedDistance(pred.count() == 0 && truth.count() == 0);
            return new SurfaceDistanceResult(v, v, v);
        }
        return summarise(d[0], d[1]);
    }

    /**
     * Distances (mm) from each surface voxel of {@code from}, in raster order, to the nearest surface
     * voxel of {@code to}; empty if {@code from} is empty, all +∞ if only {@code to} is empty.
     */
    public static double[] directedMm(Mask from, Mask to, ExecutionContext ctx) {
        if (from.count() == 0) {
            from.geometry().requireSameGrid(to.geometry(), Tolerance.EVALUATION, "the two masks");
            return new double[0];
        }
        if (to.count() == 0) {
            from.geometry().requireSameGrid(to.geometry(), Tolerance.EVALUATION, "the two masks");
            Box box = Box.around(from, from);
            double[] out = new double[box.surface(from).cardinality()];
            Arrays.fill(out, Double.POSITIVE_INFINITY);
            return out;
        }
        return bothDirections(from, to, ctx)[0];
    }

    /** The pooled summary of two directed distance sets (mm). */
    static SurfaceDistanceResult summarise(double[] ab, double[] ba) {
        double max = 0;
        double sum = 0;
        double[] pooled = new double[ab.length + ba.length];
        int k = 0;
        for (double v : ab) {
            max = Math.max(max, v);
            sum += v;
            pooled[k++] = v;
        }
        for (double v : ba) {
            max = Math.max(max, v);
            sum += v;
            pooled[k++] = v;
        }
        Arrays.sort(pooled);
        return new SurfaceDistanceResult(max, percentile(pooled, PERCENTILE), sum / pooled.length);
    }

    /** The p-th percentile of sorted values, linear between order statistics (numpy's default). */
    static double percentile(double[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }

    /** {d(a→b), d(b→a)}, or null if either mask is empty. */
    private static double[][] bothDirections(Mask a, Mask b, ExecutionContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        a.geometry().requireSameGrid(b.geometry(), Tolerance.EVALUATION, "prediction and reference");
        if (a.count() == 0 || b.count() == 0) {
            return null;
        }
        Box box = Box.around(a, b);
        Box.Bits surfaceA = box.surface(a);
        Box.Bits surfaceB = box.surface(b);
        double[] spacing = a.geometry().spacingMm();
        double[] squared = new double[box.size()];
        DistanceTransform.squaredMm(surfaceB.bits, box.nx, box.ny, box.nz, spacing, squared, ctx);
        double[] ab = surfaceA.sample(squared);
        DistanceTransform.squaredMm(surfaceA.bits, box.nx, box.ny, box.nz, spacing, squared, ctx);
        double[] ba = surfaceB.sample(squared);
        return new double[][] {ab, ba};
    }

    /**
     * The joint bounding box of two masks grown by one voxel on every side (cells beyond the grid are
     * outside both masks), so that surface detection needs no bounds checks.
     */
    static final class Box {
        final int x0;
        final int y0;
        final int z0;
        final int nx;
        final int ny;
        final int nz;
        private final ImageGeometry grid;

        private Box(ImageGeometry grid, int x0, int y0, int z0, int nx, int ny, int nz) {
            this.grid = grid;
            this.x0 = x0;
            this.y0 = y0;
            this.z0 = z0;
            this.nx = nx;
            this.ny = ny;
            this.nz = nz;
        }

        static Box around(Mask a, Mask b) {
            ImageGeometry g = a.geometry();
            int gx = g.nx();
            int gy = g.ny();
            int gz = g.nz();
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int minZ = Integer.MAX_VALUE;
            int maxX = -1;
            int maxY = -1;
            int maxZ = -1;
            for (int z = 0; z < gz; z++) {
                for (int y = 0; y < gy; y++) {
                    int row = gx * (y + gy * z);
                    for (int x = 0; x < gx; x++) {
                        if (a.get(row + x) || b.get(row + x)) {
                            minX = Math.min(minX, x);
                            maxX = Math.max(maxX, x);
                            minY = Math.min(minY, y);
                            maxY = Math.max(maxY, y);
                            minZ = Math.min(minZ, z);
                            maxZ = Math.max(maxZ, z);
                        }
                    }
                }
            }
            long size = (long) (maxX - minX + 3) * (maxY - minY + 3) * (maxZ - minZ + 3);
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("bounding box of " + size + " voxels is too large");
            }
            return new Box(g, minX - 1, minY - 1, minZ - 1, maxX - minX + 3, maxY - minY + 3, maxZ - minZ + 3);
        }

        int size() {
            return nx * ny * nz;
        }

        /** The surface voxels of {@code m} inside the box (6-neighbour rule, grid border = outside). */
        Bits surface(Mask m) {
            boolean[] inside = new boolean[size()];
            int gx = grid.nx();
            int gy = grid.ny();
            int gz = grid.nz();
            for (int bz = 1; bz < nz - 1; bz++) {
                int z = z0 + bz;
                if (z < 0 || z >= gz) {
                    continue;
                }
                for (int by = 1; by < ny - 1; by++) {
                    int y = y0 + by;
                    if (y < 0 || y >= gy) {
                        continue;
                    }
                    int row = gx * (y + gy * z);
                    int boxRow = nx * (by + ny * bz);
                    for (int bx = 1; bx < nx - 1; bx++) {
                        int x = x0 + bx;
                        if (x >= 0 && x < gx && m.get(row + x)) {
                            inside[boxRow + bx] = true;
                        }
                    }
                }
            }
            boolean[] surface = new boolean[size()];
            int sy = nx;
            int sz = nx * ny;
            int count = 0;
            for (int bz = 1; bz < nz - 1; bz++) {
                for (int by = 1; by < ny - 1; by++) {
                    int boxRow = nx * (by + ny * bz);
                    for (int bx = 1; bx < nx - 1; bx++) {
                        int i = boxRow + bx;
                        if (inside[i] && !(inside[i - 1] && inside[i + 1] && inside[i - sy] && inside[i + sy]
                            && inside[i - sz] && inside[i + sz])) {
                            surface[i] = true;
                            count++;
                        }
                    }
                }
            }
            return new Bits(surface, count);
        }

        /** Flags over the box, with their number. */
        static final class Bits {
            final boolean[] bits;
            private final int cardinality;

            Bits(boolean[] bits, int cardinality) {
                this.bits = bits;
                this.cardinality = cardinality;
            }

            int cardinality() {
                return cardinality;
            }

            /** sqrt of {@code squared} at the set flags, in raster order. */
            double[] sample(double[] squared) {
                double[] out = new double[cardinality];
                int k = 0;
                for (int i = 0; i < bits.length; i++) {
                    if (bits[i]) {
                        out[k++] = Math.sqrt(squared[i]);
                    }
                }
                return out;
            }
        }
    }
}

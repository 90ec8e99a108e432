package org.plaque.filter.spatial;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Interpolation;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Samples a volume on another grid: each target voxel centre p (world, RAS+ mm) is mapped by a
 * world-to-world affine {@code targetToSource} to a source world point, converted to a continuous source
 * voxel index and sampled there — the "pull" convention of ITK's {@code ResampleImageFilter}, whose
 * transform likewise maps output points to input points.
 *
 * <p><b>Inside and borders</b> (as in ITK): a point is inside the source when every continuous index c
 * lies in [−0.5, n − 0.5], the extent of the voxels rather than of their centres, both ends included.
 * Trilinear interpolation between the outermost voxel centre and the image border uses that voxel's value
 * (its missing neighbour is clamped to it), so a point exactly on the last voxel centre, or on the border,
 * is inside and well defined. Points outside get the outside value.
 *
 * <p><b>Grid-aligned sampling is exact</b>: a continuous index within 1e-9 voxel of an integer is treated as
 * that integer, so resampling onto the same grid, onto a shifted-by-whole-voxels grid or onto a permuted
 * copy of the grid copies voxel values bit for bit despite rounding in the affine products.
 *
 * <p>Nearest neighbour takes the voxel {@code floor(c + 0.5)} (ties round up, as {@link Interpolation}
 * documents). Masks and labels are always sampled nearest-neighbour.
 *
 * <p>Work is split over target z-slices with {@link ExecutionContext#parallelFor}; every target voxel is
 * computed independently from the source, so the output is identical for any thread count. Progress is
 * reported as stage "resample"; cancellation is checked at every slice. The source is not modified.
 */
public final class Resample {
    /** Distance (voxels) within which a continuous index counts as an integer or as on the border. */
    private static final double SNAP = 1e-9;
    private static final String STAGE = "resample";

    private Resample() {
    }

    /**
     * Resamples {@code src} onto {@code target}.
     *
     * @param targetToSource world→world affine (RAS+ mm) from target to source points; identity when both
     *                       images already share a world
     * @param interp         {@link Interpolation#LINEAR} (trilinear) or {@link Interpolation#NEAREST}
     * @param outsideValue   value of target voxels that map outside the source
     * @return a new volume on {@code target}
     * @throws org.plaque.exec.CancelledException if {@code ctx} is cancelled
     */
    public static ScalarVolume scalar(ScalarVolume src, ImageGeometry target, Affine targetToSource,
                                      Interpolation interp, float outsideValue, ExecutionContext ctx) {
        Objects.requireNonNull(interp, "interp");
        Mapping map = new Mapping(src.geometry(), target, targetToSource, ctx);
        ScalarVolume.Builder out = ScalarVolume.builder(target);
        float[] dst = out.array();
        if (interp == Interpolation.LINEAR) {
            run(target, ctx, (from, to) -> linear(map, src, dst, outsideValue, from, to));
        } else {
            run(target, ctx, (from, to) -> map.nearest(from, to, (o, index) -> {
                for (int x = 0; x < index.length; x++) {
                    int s = index[x];
                    dst[o + x] = s < 0 ? outsideValue : src.get(s);
                }
            }));
        }
        return out.build();
    }

    /**
     * Resamples a mask onto {@code target} by nearest neighbour; target voxels outside the source are false.
     *
     * @see #scalar
     */
    public static Mask mask(Mask src, ImageGeometry target, Affine targetToSource, ExecutionContext ctx) {
        Mapping map = new Mapping(src.geometry(), target, targetToSource, ctx);
        Mask.Builder out = Mask.builder(target);
        boolean[] dst = out.array();
        run(target, ctx, (from, to) -> map.nearest(from, to, (o, index) -> {
            for (int x = 0; x < index.length; x++) {
                int s = index[x];
                dst[o + x] = s >= 0 && src.get(s);
            }
        }));
        return out.build();
    }

    /**
     * Resamples labels onto {@code target} by nearest neighbour; target voxels outside the source are 0.
     *
     * @see #scalar
     */
    public static LabelVolume labels(LabelVolume src, ImageGeometry target, Affine targetToSource,
                                     ExecutionContext ctx) {
        Mapping map = new Mapping(src.geometry(), target, targetToSource, ctx);
        LabelVolume.Builder out = LabelVolume.builder(target);
        int[] dst = out.array();
        run(target, ctx, (from, to) -> map.nearest(from, to, (o, index) -> {
            for (int x = 0; x < index.length; x++) {
                int s = index[x];
                dst[o + x] = s < 0 ? 0 : src.get(s);
            }
        }));
        return out.build();
    }

    private static void run(ImageGeometry target, ExecutionContext ctx, ExecutionContext.RangeBody body) {
        ctx.progress().update(STAGE, 0);
        ctx.parallelFor(target.nz(), body);
    }

    /**
     * Trilinear interpolation of target slices [from, to). Indices are clamped per axis so that the
     * half-voxel rim between the outermost centres and the border repeats the outermost voxel.
     */
    private static void linear(Mapping map, ScalarVolume a, float[] dst, float outside, int from, int to) {
        final int nx = map.nx;
        final int ny = map.ny;
        final int nxy = nx * ny;
        final int tnx = map.target.nx();
        final int tny = map.target.ny();
        final double[] m = map.m;
        for (int z = from; z < to; z++) {
            map.startSlice();
            for (int y = 0; y < tny; y++) {
                // continuous source index of target voxel (0, y, z); x steps add column 0 of m
                double bx = m[1] * y + m[2] * z + m[3];
                double by = m[5] * y + m[6] * z + m[7];
                double bz = m[9] * y + m[10] * z + m[11];
                int o = tnx * (y + tny * z);
                for (int x = 0; x < tnx; x++, o++) {
                    double cx = bx + m[0] * x;
                    double cy = by + m[4] * x;
                    double cz = bz + m[8] * x;
                    if (!(cx >= map.loX && cx <= map.hiX && cy >= map.loY && cy <= map.hiY
                        && cz >= map.loZ && cz <= map.hiZ)) {
                        dst[o] = outside;
                        continue;
                    }
                    double fx = Math.floor(cx);
                    double wx = cx - fx;
                    int x0 = (int) fx;
                    if (wx < SNAP) {
                        wx = 0;
                    } else if (wx > 1 - SNAP) {
                        wx = 0;
                        x0++;
                    }
                    int x1 = x0 + 1;
                    if (x0 < 0) {
                        x0 = 0;
                    }
                    if (x1 > nx - 1) {
                        x1 = nx - 1;
                    }
                    double fy = Math.floor(cy);
                    double wy = cy - fy;
                    int y0 = (int) fy;
                    if (wy < SNAP) {
                        wy = 0;
                    } else if (wy > 1 - SNAP) {
                        wy = 0;
                        y0++;
                    }
                    int y1 = y0 + 1;
                    if (y0 < 0) {
                        y0 = 0;
                    }
                    if (y1 > ny - 1) {
                        y1 = ny - 1;
                    }
                    double fz = Math.floor(cz);
                    double wz = cz - fz;
                    int z0 = (int) fz;
                    if (wz < SNAP) {
                        wz = 0;
                    } else if (wz > 1 - SNAP) {
                        wz = 0;
                        z0++;
                    }
                    int z1 = z0 + 1;
                    if (z0 < 0) {
                        z0 = 0;
                    }
                    if (z1 > map.nz - 1) {
                        z1 = map.nz - 1;
                    }
                    int r00 = y0 * nx + z0 * nxy;
                    int r10 = y1 * nx + z0 * nxy;
                    int r01 = y0 * nx + z1 * nxy;
                    int r11 = y1 * nx + z1 * nxy;
                    double c00 = a.get(r00 + x0) + wx * (a.get(r00 + x1) - a.get(r00 + x0));
                    double c10 = a.get(r10 + x0) + wx * (a.get(r10 + x1) - a.get(r10 + x0));
                    double c01 = a.get(r01 + x0) + wx * (a.get(r01 + x1) - a.get(r01 + x0));
                    double c11 = a.get(r11 + x0) + wx * (a.get(r11 + x1) - a.get(r11 + x0));
                    double c0 = c00 + wy * (c10 - c00);
                    double c1 = c01 + wy * (c11 - c01);
                    dst[o] = (float) (c0 + wz * (c1 - c0));
                }
            }
            map.sliceDone();
        }
    }

    /** Receives one target row: its first voxel's linear index and the source index of each voxel. */
    @FunctionalInterface
    private interface RowSink {
        void row(int targetOffset, int[] sourceIndex);
    }

    /** The composed target-voxel → source-voxel affine and the source's inside box, shared by all chunks. */
    private static final class Mapping {
        final ImageGeometry target;
        final int nx;
        final int ny;
        final int nz;
        /** Row-major target voxel → continuous source voxel index. */
        final double[] m;
        final double loX;
        final double loY;
        final double loZ;
        final double hiX;
        final double hiY;
        final double hiZ;
        private final ExecutionContext ctx;
        private final AtomicInteger slicesDone = new AtomicInteger();

        Mapping(ImageGeometry source, ImageGeometry target, Affine targetToSource, ExecutionContext ctx) {
            Objects.requireNonNull(targetToSource, "targetToSource");
            this.ctx = Objects.requireNonNull(ctx, "ctx");
            this.target = Objects.requireNonNull(target, "target");
            this.nx = source.nx();
            this.ny = source.ny();
            this.nz = source.nz();
            this.m = source.worldToVoxel().multiply(targetToSource).multiply(target.voxelToWorld()).toRowMajor();
            this.loX = -0.5 - SNAP;
            this.loY = -0.5 - SNAP;
            this.loZ = -0.5 - SNAP;
            this.hiX = nx - 0.5 + SNAP;
            this.hiY = ny - 0.5 + SNAP;
            this.hiZ = nz - 0.5 + SNAP;
        }

        /**
         * Nearest-neighbour driver for target slices [from, to): hands each target row to {@code sink} with
         * the source linear index of each of its voxels (−1 outside). One index array per chunk.
         */
        void nearest(int from, int to, RowSink sink) {
            int[] index = new int[target.nx()];
            for (int z = from; z < to; z++) {
                startSlice();
                for (int y = 0; y < target.ny(); y++) {
                    nearestRow(y, z, index);
                    sink.row(target.index(0, y, z), index);
                }
                sliceDone();
            }
        }

        /** Source linear index (nearest voxel) of each target voxel of row (y, z), or −1 outside. */
        private void nearestRow(int y, int z, int[] out) {
            double bx = m[1] * y + m[2] * z + m[3];
            double by = m[5] * y + m[6] * z + m[7];
            double bz = m[9] * y + m[10] * z + m[11];
            for (int x = 0; x < out.length; x++) {
                double cx = bx + m[0] * x;
                double cy = by + m[4] * x;
                double cz = bz + m[8] * x;
                if (!(cx >= loX && cx <= hiX && cy >= loY && cy <= hiY && cz >= loZ && cz <= hiZ)) {
                    out[x] = -1;
                    continue;
                }
                int ix = clamp((int) Math.floor(cx + 0.5), nx);
                int iy = clamp((int) Math.floor(cy + 0.5), ny);
                int iz = clamp((int) Math.floor(cz + 0.5), nz);
                out[x] = ix + nx * (iy + ny * iz);
            }
        }

        private static int clamp(int i, int n) {
            return i < 0 ? 0 : (i >= n ? n - 1 : i);
        }

        /** Called before each target slice: stops cancelled work early. */
        void startSlice() {
            ctx.checkCancelled();
        }

        /** Called after each target slice: reports the fraction of slices done. */
        void sliceDone() {
            ctx.progress().update(STAGE, (double) slicesDone.incrementAndGet() / target.nz());
        }
    }
}

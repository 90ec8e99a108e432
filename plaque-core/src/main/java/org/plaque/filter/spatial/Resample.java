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
import org.plaque.registration.transform.CompositeTransform;
import org.plaque.registration.transform.LinearTransform;
import org.plaque.registration.transform.Transform;

/**
 * Samples a volume on another grid: each target voxel centre p (world, RAS+ mm) is mapped to a source world
 * point — by a world-to-world affine or by any {@link Transform} (e.g. a B-spline or composite registration
 * result, fixed → moving) — converted to a continuous source voxel index and sampled there: the "pull"
 * convention of ITK's {@code ResampleImageFilter}, whose transform likewise maps output points to input
 * points.
 *
 * <p><b>Inside and borders</b> (as in ITK): a point is inside the source when every continuous index c
 * lies in [−0.5, n − 0.5], the extent of the voxels rather than of their centres, both ends included.
 * Trilinear interpolation between the outermost voxel centre and the image border uses that voxel's value
 * (its missing neighbour is clamped to it), so a point exactly on the last voxel centre, or on the border,
 * is inside and well defined. Cubic B-spline interpolation ({@link BSplineInterpolator}) mirrors the image
 * about its outermost voxel centres there. Points outside get the outside value.
 *
 * <p><b>Grid-aligned sampling is exact</b>: a continuous index within 1e-9 voxel of an integer is treated as
 * that integer, so resampling onto the same grid, onto a shifted-by-whole-voxels grid or onto a permuted
 * copy of the grid copies voxel values bit for bit despite rounding in the affine products; B-spline
 * interpolation returns the voxel value itself when all three indices are integers in that sense.
 *
 * <p>Nearest neighbour takes the voxel {@code floor(c + 0.5)} (ties round up, as {@link Interpolation}
 * documents). Masks and labels are always sampled nearest-neighbour. A {@link LinearTransform} (or a
 * composite of them) is resampled through its affine, the fast path; other transforms are evaluated at
 * every target voxel.
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
     * @param interp         {@link Interpolation#LINEAR} (trilinear), {@link Interpolation#NEAREST} or
     *                       {@link Interpolation#BSPLINE} (cubic, {@link BSplineInterpolator})
     * @param outsideValue   value of target voxels that map outside the source
     * @return a new volume on {@code target}
     * @throws org.plaque.exec.CancelledException if {@code ctx} is cancelled
     */
    public static ScalarVolume scalar(ScalarVolume src, ImageGeometry target, Affine targetToSource,
                                      Interpolation interp, float outsideValue, ExecutionContext ctx) {
        return scalar(src, new Mapping(src.geometry(), target, affineRows(src.geometry(), target, targetToSource),
            ctx), interp, outsideValue, ctx);
    }

    /**
     * Resamples {@code src} onto {@code target} through a transform from target to source world points
     * (RAS+ mm; in registration the fixed → moving transform).
     *
     * @see #scalar(ScalarVolume, ImageGeometry, Affine, Interpolation, float, ExecutionContext)
     */
    public static ScalarVolume scalar(ScalarVolume src, ImageGeometry target, Transform targetToSource,
                                      Interpolation interp, float outsideValue, ExecutionContext ctx) {
        return scalar(src, mapping(src.geometry(), target, targetToSource, ctx), interp, outsideValue, ctx);
    }

    /**
     * Resamples a mask onto {@code target} by nearest neighbour; target voxels outside the source are false.
     *
     * @see #scalar(ScalarVolume, ImageGeometry, Affine, Interpolation, float, ExecutionContext)
     */
    public static Mask mask(Mask src, ImageGeometry target, Affine targetToSource, ExecutionContext ctx) {
        return mask(src, new Mapping(src.geometry(), target, affineRows(src.geometry(), target, targetToSource), ctx));
    }

    /** Resamples a mask onto {@code target} through a transform, by nearest neighbour. */
    public static Mask mask(Mask src, ImageGeometry target, Transform targetToSource, ExecutionContext ctx) {
        return mask(src, mapping(src.geometry(), target, targetToSource, ctx));
    }

    /**
     * Resamples labels onto {@code target} by nearest neighbour; target voxels outside the source are 0.
     *
     * @see #scalar(ScalarVolume, ImageGeometry, Affine, Interpolation, float, ExecutionContext)
     */
    public static LabelVolume labels(LabelVolume src, ImageGeometry target, Affine targetToSource,
                                     ExecutionContext ctx) {
        return labels(src, new Mapping(src.geometry(), target, affineRows(src.geometry(), target, targetToSource),
            ctx));
    }

    /** Resamples labels onto {@code target} through a transform, by nearest neighbour. */
    public static LabelVolume labels(LabelVolume src, ImageGeometry target, Transform targetToSource,
                                     ExecutionContext ctx) {
        return labels(src, mapping(src.geometry(), target, targetToSource, ctx));
    }

    private static ScalarVolume scalar(ScalarVolume src, Mapping map, Interpolation interp, float outside,
                                       ExecutionContext ctx) {
        Objects.requireNonNull(interp, "interp");
        ScalarVolume.Builder out = ScalarVolume.builder(map.target);
        float[] dst = out.array();
        switch (interp) {
            case LINEAR:
                map.run((o, cx, cy, cz, n) -> linearRow(map, src, dst, outside, o, cx, cy, cz, n));
                break;
            case BSPLINE:
                BSplineInterpolator spline = BSplineInterpolator.of(src, ctx);
                map.run((o, cx, cy, cz, n) -> bsplineRow(map, src, spline, dst, outside, o, cx, cy, cz, n));
                break;
            default:
                map.run((o, cx, cy, cz, n) -> {
                    for (int x = 0; x < n; x++) {
                        int s = map.nearestIndex(cx[x], cy[x], cz[x]);
                        dst[o + x] = s < 0 ? outside : src.get(s);
                    }
                });
        }
        return out.build();
    }

    private static Mask mask(Mask src, Mapping map) {
        Mask.Builder out = Mask.builder(map.target);
        boolean[] dst = out.array();
        map.run((o, cx, cy, cz, n) -> {
            for (int x = 0; x < n; x++) {
                int s = map.nearestIndex(cx[x], cy[x], cz[x]);
                dst[o + x] = s >= 0 && src.get(s);
            }
        });
        return out.build();
    }

    private static LabelVolume labels(LabelVolume src, Mapping map) {
        LabelVolume.Builder out = LabelVolume.builder(map.target);
        int[] dst = out.array();
        map.run((o, cx, cy, cz, n) -> {
            for (int x = 0; x < n; x++) {
                int s = map.nearestIndex(cx[x], cy[x], cz[x]);
                dst[o + x] = s < 0 ? 0 : src.get(s);
            }
        });
        return out.build();
    }

    /** Linear transforms (and chains of them) through their affine; anything else point by point. */
    private static Mapping mapping(ImageGeometry source, ImageGeometry target, Transform t, ExecutionContext ctx) {
        Objects.requireNonNull(t, "targetToSource");
        if (t instanceof LinearTransform l) {
            return new Mapping(source, target, affineRows(source, target, l.toAffine()), ctx);
        }
        if (t instanceof CompositeTransform c && c.toAffine().isPresent()) {
            return new Mapping(source, target, affineRows(source, target, c.toAffine().get()), ctx);
        }
        return new Mapping(source, target, transformRows(source, target, t), ctx);
    }

    /** Continuous source indices of a target row from the composed target-voxel → source-voxel affine. */
    private static RowMapper affineRows(ImageGeometry source, ImageGeometry target, Affine targetToSource) {
        Objects.requireNonNull(targetToSource, "targetToSource");
        final double[] m = source.worldToVoxel().multiply(targetToSource).multiply(target.voxelToWorld())
            .toRowMajor();
        return (y, z, cx, cy, cz, n) -> {
            // continuous source index of target voxel (0, y, z); x steps add column 0 of m
            double bx = m[1] * y + m[2] * z + m[3];
            double by = m[5] * y + m[6] * z + m[7];
            double bz = m[9] * y + m[10] * z + m[11];
            for (int x = 0; x < n; x++) {
                cx[x] = bx + m[0] * x;
                cy[x] = by + m[4] * x;
                cz[x] = bz + m[8] * x;
            }
        };
    }

    /** Continuous source indices of a target row through an arbitrary transform, voxel by voxel. */
    private static RowMapper transformRows(ImageGeometry source, ImageGeometry target, Transform t) {
        final double[] v2w = target.voxelToWorld().toRowMajor();
        final double[] w2v = source.worldToVoxel().toRowMajor();
        return (y, z, cx, cy, cz, n) -> {
            double[] p = new double[3];
            double[] q = new double[3];
            double bx = v2w[1] * y + v2w[2] * z + v2w[3];
            double by = v2w[5] * y + v2w[6] * z + v2w[7];
            double bz = v2w[9] * y + v2w[10] * z + v2w[11];
            for (int x = 0; x < n; x++) {
                p[0] = bx + v2w[0] * x;
                p[1] = by + v2w[4] * x;
                p[2] = bz + v2w[8] * x;
                t.transformPoint(p, q);
                cx[x] = w2v[0] * q[0] + w2v[1] * q[1] + w2v[2] * q[2] + w2v[3];
                cy[x] = w2v[4] * q[0] + w2v[5] * q[1] + w2v[6] * q[2] + w2v[7];
                cz[x] = w2v[8] * q[0] + w2v[9] * q[1] + w2v[10] * q[2] + w2v[11];
            }
        };
    }

    /**
     * Trilinear interpolation of one target row. Indices are clamped per axis so that the half-voxel rim
     * between the outermost centres and the border repeats the outermost voxel.
     */
    private static void linearRow(Mapping map, ScalarVolume a, float[] dst, float outside, int o, double[] cxs,
                                  double[] cys, double[] czs, int n) {
        final int nx = map.nx;
        final int ny = map.ny;
        final int nxy = nx * ny;
        for (int x = 0; x < n; x++) {
            double cx = cxs[x];
            double cy = cys[x];
            double cz = czs[x];
            if (!map.inside(cx, cy, cz)) {
                dst[o + x] = outside;
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
            dst[o + x] = (float) (c0 + wz * (c1 - c0));
        }
    }

    /** Cubic B-spline interpolation of one target row; grid-aligned points copy the voxel value. */
    private static void bsplineRow(Mapping map, ScalarVolume a, BSplineInterpolator spline, float[] dst,
                                   float outside, int o, double[] cxs, double[] cys, double[] czs, int n) {
        for (int x = 0; x < n; x++) {
            double cx = cxs[x];
            double cy = cys[x];
            double cz = czs[x];
            if (!map.inside(cx, cy, cz)) {
                dst[o + x] = outside;
                continue;
            }
            double rx = Math.rint(cx);
            double ry = Math.rint(cy);
            double rz = Math.rint(cz);
            if (Math.abs(cx - rx) < SNAP && Math.abs(cy - ry) < SNAP && Math.abs(cz - rz) < SNAP) {
                dst[o + x] = a.get(map.nearestIndex(rx, ry, rz));
            } else {
                dst[o + x] = (float) spline.valueAt(cx, cy, cz);
            }
        }
    }

    /** Fills the continuous source indices of the first {@code n} voxels of target row (y, z). */
    @FunctionalInterface
    private interface RowMapper {
        void map(int y, int z, double[] cx, double[] cy, double[] cz, int n);
    }

    /** Samples one target row, given its first voxel's linear index and the continuous source indices. */
    @FunctionalInterface
    private interface RowSampler {
        void sample(int targetOffset, double[] cx, double[] cy, double[] cz, int n);
    }

    /** The target grid, the row mapper and the source's inside box, shared by all chunks. */
    private static final class Mapping {
        final ImageGeometry target;
        final int nx;
        final int ny;
        final int nz;
        final double loX;
        final double loY;
        final double loZ;
        final double hiX;
        final double hiY;
        final double hiZ;
        private final RowMapper rows;
        private final ExecutionContext ctx;
        private final AtomicInteger slicesDone = new AtomicInteger();

        Mapping(ImageGeometry source, ImageGeometry target, RowMapper rows, ExecutionContext ctx) {
            this.ctx = Objects.requireNonNull(ctx, "ctx");
            this.target = Objects.requireNonNull(target, "target");
            this.rows = rows;
            this.nx = source.nx();
            this.ny = source.ny();
            this.nz = source.nz();
            this.loX = -0.5 - SNAP;
            this.loY = -0.5 - SNAP;
            this.loZ = -0.5 - SNAP;
            this.hiX = nx - 0.5 + SNAP;
            this.hiY = ny - 0.5 + SNAP;
            this.hiZ = nz - 0.5 + SNAP;
        }

        boolean inside(double cx, double cy, double cz) {
            return cx >= loX && cx <= hiX && cy >= loY && cy <= hiY && cz >= loZ && cz <= hiZ;
        }

        /** Source linear index of the nearest voxel, or −1 outside. */
        int nearestIndex(double cx, double cy, double cz) {
            if (!inside(cx, cy, cz)) {
                return -1;
            }
            int ix = clamp((int) Math.floor(cx + 0.5), nx);
            int iy = clamp((int) Math.floor(cy + 0.5), ny);
            int iz = clamp((int) Math.floor(cz + 0.5), nz);
            return ix + nx * (iy + ny * iz);
        }

        private static int clamp(int i, int n) {
            return i < 0 ? 0 : (i >= n ? n - 1 : i);
        }

        /** Maps and samples every target row, slices split over the context's threads. */
        void run(RowSampler sampler) {
            ctx.progress().update(STAGE, 0);
            int tnx = target.nx();
            int tny = target.ny();
            ctx.parallelFor(target.nz(), (from, to) -> {
                double[] cx = new double[tnx];
                double[] cy = new double[tnx];
                double[] cz = new double[tnx];
                for (int z = from; z < to; z++) {
                    ctx.checkCancelled();
                    for (int y = 0; y < tny; y++) {
                        rows.map(y, z, cx, cy, cz, tnx);
                        sampler.sample(tnx * (y + tny * z), cx, cy, cz, tnx);
                    }
                    ctx.progress().update(STAGE, (double) slicesDone.incrementAndGet() / target.nz());
                }
            });
        }
    }
}

package org.plaque.filter.bias;

import java.util.Arrays;
import org.plaque.exec.ExecutionContext;

/**
 * A 3-D lattice of scalar cubic B-spline control points whose parametric domain is an image grid's index range
 * (first to last voxel centre on every axis), so the same lattice can be evaluated on a shrunk and on the
 * full-resolution grid of one image.
 *
 * <p>Control points are stored x-fastest; the lattice has spans + 3 points per axis. Immutable once built.
 */
final class ControlPointLattice {
    final int cx;
    final int cy;
    final int cz;
    final double[] values;

    ControlPointLattice(int cx, int cy, int cz, double[] values) {
        if (cx < 4 || cy < 4 || cz < 4 || values.length != cx * cy * cz) {
            throw new IllegalArgumentException("a cubic lattice needs ≥ 4 control points per axis and matching data");
        }
        this.cx = cx;
        this.cy = cy;
        this.cz = cz;
        this.values = values;
    }

    static ControlPointLattice zeros(int cx, int cy, int cz) {
        return new ControlPointLattice(cx, cy, cz, new double[cx * cy * cz]);
    }

    int spans(int axis) {
        return (axis == 0 ? cx : axis == 1 ? cy : cz) - 3;
    }

    /** Element-wise sum of two lattices of the same size. */
    ControlPointLattice plus(ControlPointLattice other) {
        if (other.cx != cx || other.cy != cy || other.cz != cz) {
            throw new IllegalArgumentException("lattice sizes differ");
        }
        double[] sum = values.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.values[i];
        }
        return new ControlPointLattice(cx, cy, cz, sum);
    }

    /**
     * The same function on a lattice with twice the spans on every axis (2n − 3 control points from n), by cubic
     * B-spline subdivision (Lee, Wolberg, Shin 1997): fine[2i] = (c[i] + c[i+1]) / 2,
     * fine[2i+1] = (c[i] + 6·c[i+1] + c[i+2]) / 8, applied separably.
     */
    ControlPointLattice refined() {
        int fx = 2 * cx - 3;
        int fy = 2 * cy - 3;
        int fz = 2 * cz - 3;
        // x, then y, then z: each pass refines one axis of the running array.
        double[] a = values;
        double[] bx = new double[fx * cy * cz];
        for (int line = 0; line < cy * cz; line++) {
            refineLine(a, line * cx, 1, cx, bx, line * fx, 1);
        }
        double[] by = new double[fx * fy * cz];
        for (int z = 0; z < cz; z++) {
            for (int x = 0; x < fx; x++) {
                refineLine(bx, z * fx * cy + x, fx, cy, by, z * fx * fy + x, fx);
            }
        }
        double[] bz = new double[fx * fy * fz];
        int plane = fx * fy;
        for (int p = 0; p < plane; p++) {
            refineLine(by, p, plane, cz, bz, p, plane);
        }
        return new ControlPointLattice(fx, fy, fz, bz);
    }

    private static void refineLine(double[] src, int srcStart, int srcStride, int n,
                                   double[] dst, int dstStart, int dstStride) {
        for (int i = 0; i + 1 < n; i++) {
            double c0 = src[srcStart + i * srcStride];
            double c1 = src[srcStart + (i + 1) * srcStride];
            dst[dstStart + (2 * i) * dstStride] = 0.5 * (c0 + c1);
            if (i + 2 < n) {
                double c2 = src[srcStart + (i + 2) * srcStride];
                dst[dstStart + (2 * i + 1) * dstStride] = (c0 + 6.0 * c1 + c2) / 8.0;
            }
        }
    }

    /** Per-axis bases of this lattice over a grid of nx × ny × nz samples. */
    AxisBasis[] basesFor(int nx, int ny, int nz) {
        return new AxisBasis[] {new AxisBasis(nx, cx - 3), new AxisBasis(ny, cy - 3), new AxisBasis(nz, cz - 3)};
    }

    /** Receives the spline's value at each voxel of one image row. */
    @FunctionalInterface
    interface RowSink {
        /**
         * @param rowStart linear index of voxel (0, y, z)
         * @param row      values of the row's nx voxels (a scratch array: read it before returning)
         */
        void accept(int rowStart, double[] row);
    }

    /**
     * Evaluates the spline at every voxel of the grid the bases describe, z-slices in parallel, handing each row
     * to {@code sink} (rows of one slice in order; slices concurrently, so the sink must write disjoint data).
     * Separable: the lattice is collapsed along z, then y, then x.
     */
    void evaluate(AxisBasis[] bases, ExecutionContext ctx, RowSink sink) {
        AxisBasis bx = bases[0];
        AxisBasis by = bases[1];
        AxisBasis bz = bases[2];
        if (bx.controlPoints() != cx || by.controlPoints() != cy || bz.controlPoints() != cz) {
            throw new IllegalArgumentException("bases do not match the lattice");
        }
        int nx = bx.samples;
        int ny = by.samples;
        int planeSize = cx * cy;
        ctx.parallelFor(bz.samples, (from, to) -> {
            double[] plane = new double[planeSize];
            double[] line = new double[cx];
            double[] row = new double[nx];
            for (int z = from; z < to; z++) {
                Arrays.fill(plane, 0);
                int kz = bz.base[z];
                for (int c = 0; c < 4; c++) {
                    double w = bz.weights[4 * z + c];
                    int src = (kz + c) * planeSize;
                    for (int k = 0; k < planeSize; k++) {
                        plane[k] += w * values[src + k];
                    }
                }
                for (int y = 0; y < ny; y++) {
                    Arrays.fill(line, 0);
                    int ky = by.base[y];
                    for (int b = 0; b < 4; b++) {
                        double w = by.weights[4 * y + b];
                        int src = (ky + b) * cx;
                        for (int k = 0; k < cx; k++) {
                            line[k] += w * plane[src + k];
                        }
                    }
                    double[] wx = bx.weights;
                    int[] basex = bx.base;
                    for (int x = 0; x < nx; x++) {
                        int k = basex[x];
                        int w = 4 * x;
                        row[x] = wx[w] * line[k] + wx[w + 1] * line[k + 1] + wx[w + 2] * line[k + 2]
                            + wx[w + 3] * line[k + 3];
                    }
                    sink.accept((z * ny + y) * nx, row);
                }
            }
        });
    }

    /** The spline's values on the whole grid, x-fastest. */
    double[] evaluate(AxisBasis[] bases, ExecutionContext ctx) {
        int nx = bases[0].samples;
        double[] out = new double[nx * bases[1].samples * bases[2].samples];
        evaluate(bases, ctx, (start, row) -> System.arraycopy(row, 0, out, start, nx));
        return out;
    }
}

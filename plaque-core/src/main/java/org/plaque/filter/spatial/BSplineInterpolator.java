package org.plaque.filter.spatial;

import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.ScalarVolume;

/**
 * Cubic B-spline interpolation of a volume (Unser, "Splines: a perfect fit for signal and image processing",
 * IEEE Signal Processing Magazine 16(6):22–38, 1999, doi:10.1109/79.799930): the voxel values are first
 * turned into B-spline coefficients by the exact recursive prefilter (pole √3 − 2, causal then anticausal
 * pass along each axis), so that the spline Σ c_k β³(x − k) passes through every voxel value; a value between
 * voxels then weighs the 4×4×4 coefficients around it with the cubic B-spline kernel.
 *
 * <p>Boundaries are mirror-symmetric about the first and last voxel centres (… s2 s1 | s0 s1 … s(n−1) |
 * s(n−2) …), as in ITK's {@code BSplineDecompositionImageFilter}/{@code BSplineInterpolateImageFunction} and
 * scipy's {@code mode='mirror'}; an axis of one voxel is constant. The prefilter's causal initialisation sums
 * the mirrored signal exactly when the axis is shorter than the 18 terms after which the pole's powers fall
 * below 1e-10, and truncates after them otherwise. Coefficients are computed in double precision per line
 * and stored as float32 (one extra float per voxel). Unlike trilinear interpolation, the result can
 * overshoot the voxel range near edges (ringing), as any interpolating cubic does.
 *
 * <p>The prefilter runs line blocks in parallel with {@link ExecutionContext#parallelFor}; its result does
 * not depend on the thread count. {@link #valueAt} allocates nothing and may be called from many threads.
 */
public final class BSplineInterpolator {
    /** The pole of the cubic B-spline prefilter, √3 − 2. */
    static final double POLE = Math.sqrt(3) - 2;
    /** Terms of the causal initial sum after which |pole|^k < 1e-10. */
    static final int HORIZON = (int) Math.ceil(Math.log(1e-10) / Math.log(Math.abs(POLE)));

    private final int nx;
    private final int ny;
    private final int nz;
    private final float[] coef;

    private BSplineInterpolator(int nx, int ny, int nz, float[] coef) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.coef = coef;
    }

    /**
     * Computes the B-spline coefficients of {@code volume} (not modified).
     *
     * @throws org.plaque.exec.CancelledException if {@code ctx} is cancelled
     */
    public static BSplineInterpolator of(ScalarVolume volume, ExecutionContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        int nx = volume.geometry().nx();
        int ny = volume.geometry().ny();
        int nz = volume.geometry().nz();
        float[] c = volume.toArray();
        if (nx > 1) {
            ctx.parallelFor(nz, (from, to) -> {
                double[] line = new double[nx];
                for (int z = from; z < to; z++) {
                    for (int y = 0; y < ny; y++) {
                        filterLines(c, (y + ny * z) * nx, 1, nx, 1, 1, line);
                    }
                }
            });
        }
        if (ny > 1) {
            ctx.parallelFor(nz, (from, to) -> {
                double[] block = new double[nx * ny];
                for (int z = from; z < to; z++) {
                    filterLines(c, z * nx * ny, nx, ny, nx, 1, block);
                }
            });
        }
        if (nz > 1) {
            ctx.parallelFor(ny, (from, to) -> {
                double[] block = new double[nx * nz];
                for (int y = from; y < to; y++) {
                    filterLines(c, y * nx, nx * ny, nz, nx, 1, block);
                }
            });
        }
        return new BSplineInterpolator(nx, ny, nz, c);
    }

    /**
     * Prefilters {@code count} parallel lines of {@code n} samples in place: sample k of line b sits at
     * {@code data[base + b·lineStep + k·stride]}. The lines are processed together (index k·count + b in the
     * scratch) so that the strided axes are read in cache-friendly runs.
     */
    static void filterLines(float[] data, int base, int stride, int n, int count, int lineStep, double[] s) {
        for (int k = 0; k < n; k++) {
            int o = base + k * stride;
            for (int b = 0; b < count; b++) {
                s[k * count + b] = 6.0 * data[o + b * lineStep]; // gain (1 − z)(1 − 1/z) = 6
            }
        }
        final double z = POLE;
        for (int b = 0; b < count; b++) {
            s[b] = causalInit(s, n, count, b);
        }
        for (int k = 1; k < n; k++) {
            int o = k * count;
            for (int b = 0; b < count; b++) {
                s[o + b] += z * s[o - count + b];
            }
        }
        int last = (n - 1) * count;
        for (int b = 0; b < count; b++) {
            s[last + b] = (z / (z * z - 1)) * (z * s[last - count + b] + s[last + b]);
        }
        for (int k = n - 2; k >= 0; k--) {
            int o = k * count;
            for (int b = 0; b < count; b++) {
                s[o + b] = z * (s[o + count + b] - s[o + b]);
            }
        }
        for (int k = 0; k < n; k++) {
            int o = base + k * stride;
            for (int b = 0; b < count; b++) {
                data[o + b * lineStep] = (float) s[k * count + b];
            }
        }
    }

    /** c⁺[0] = Σ_k z^|k| s[k] over the mirrored signal: truncated for long lines, exact (closed form) for short. */
    private static double causalInit(double[] s, int n, int count, int b) {
        final double z = POLE;
        if (n > HORIZON) {
            double sum = s[b];
            double zk = z;
            for (int k = 1; k < HORIZON; k++) {
                sum += zk * s[k * count + b];
                zk *= z;
            }
            return sum;
        }
        // mirror of period 2n − 2: Σ over one period of (z^k + z^(2n−2−k)) s[k], divided by 1 − z^(2n−2)
        double zk = z;
        double iz = 1 / z;
        double z2k = Math.pow(z, n - 1);
        double sum = s[b] + z2k * s[(n - 1) * count + b];
        z2k *= z2k * iz;
        for (int k = 1; k < n - 1; k++) {
            sum += (zk + z2k) * s[k * count + b];
            zk *= z;
            z2k *= iz;
        }
        return sum / (1 - zk * zk);
    }

    /**
     * The spline's value at a continuous voxel index (i, j, k); beyond the first and last voxel centres the
     * coefficients are mirrored. Allocates nothing.
     */
    public double valueAt(double ci, double cj, double ck) {
        double fi = Math.floor(ci);
        double fj = Math.floor(cj);
        double fk = Math.floor(ck);
        double u = ci - fi;
        double v = cj - fj;
        double w = ck - fk;
        int i = (int) fi - 1;
        int j = (int) fj - 1;
        int k = (int) fk - 1;
        int i0 = mirror(i, nx);
        int i1 = mirror(i + 1, nx);
        int i2 = mirror(i + 2, nx);
        int i3 = mirror(i + 3, nx);
        double x0 = b0(u);
        double x1 = b1(u);
        double x2 = b2(u);
        double x3 = b3(u);
        double y0 = b0(v);
        double y1 = b1(v);
        double y2 = b2(v);
        double y3 = b3(v);
        int j0 = mirror(j, ny) * nx;
        int j1 = mirror(j + 1, ny) * nx;
        int j2 = mirror(j + 2, ny) * nx;
        int j3 = mirror(j + 3, ny) * nx;
        int nxy = nx * ny;
        double sum = 0;
        for (int c = 0; c < 4; c++) {
            double wz = c == 0 ? b0(w) : c == 1 ? b1(w) : c == 2 ? b2(w) : b3(w);
            int o = mirror(k + c, nz) * nxy;
            double plane = y0 * row(o + j0, i0, i1, i2, i3, x0, x1, x2, x3)
                + y1 * row(o + j1, i0, i1, i2, i3, x0, x1, x2, x3)
                + y2 * row(o + j2, i0, i1, i2, i3, x0, x1, x2, x3)
                + y3 * row(o + j3, i0, i1, i2, i3, x0, x1, x2, x3);
            sum += wz * plane;
        }
        return sum;
    }

    private double row(int o, int i0, int i1, int i2, int i3, double x0, double x1, double x2, double x3) {
        float[] c = coef;
        return x0 * c[o + i0] + x1 * c[o + i1] + x2 * c[o + i2] + x3 * c[o + i3];
    }

    /** Whole-sample mirror of an index into [0, n − 1] (period 2n − 2). */
    static int mirror(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.abs(i) % period;
        return m < n ? m : period - m;
    }

    private static double b0(double t) {
        double s = 1 - t;
        return s * s * s / 6;
    }

    private static double b1(double t) {
        return (3 * t * t * t - 6 * t * t + 4) / 6;
    }

    private static double b2(double t) {
        return (-3 * t * t * t + 3 * t * t + 3 * t + 1) / 6;
    }

    private static double b3(double t) {
        return t * t * t / 6;
    }
}

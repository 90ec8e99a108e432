package org.plaque.filter.morphology;

import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;

/**
 * Exact squared Euclidean distance transform in millimetres: for every voxel the squared distance (mm²)
 * from its centre to the nearest centre of a set voxel of a mask, with the grid's anisotropic spacing.
 * The one distance transform of Plaque: ball morphology ({@link BinaryMorphology}) and surface distances
 * ({@code org.plaque.eval.SurfaceDistances}, on a cropped box through the array form) both use it.
 *
 * <p>Algorithm of Felzenszwalb &amp; Huttenlocher ("Distance transforms of sampled functions", Theory of
 * Computing 8:415–428, 2012, doi:10.4086/toc.2012.v008a019): a nearest-set-voxel pass along x, then the
 * lower envelope of parabolas along y and along z. Distances are measured along the voxel axes with the
 * grid's spacing, which is the physical distance for any orthonormal direction matrix. Lines are
 * independent, so the work is split over lines and the output does not depend on the thread count.
 *
 * <p>Voxels of an empty mask get +∞. Cost O(n), memory one {@code double} (or, single precision, one
 * {@code float}) per voxel.
 */
public final class DistanceTransform {
    private DistanceTransform() {
    }

    /** Which voxels are set, by linear index x-fastest; lets masks and plain arrays share one pass. */
    private interface Feature {
        boolean at(int i);
    }

    /**
     * Squared distances (mm²) to the nearest set voxel of {@code mask}, x-fastest, one per voxel; +∞
     * everywhere when the mask is empty.
     */
    public static double[] squaredMm(Mask mask, ExecutionContext ctx) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(ctx, "ctx");
        ImageGeometry g = mask.geometry();
        double[] out = new double[g.voxelCount()];
        run(mask::get, g.nx(), g.ny(), g.nz(), g.spacingMm(), out, null, ctx);
        return out;
    }

    /**
     * The same transform on a plain x-fastest {@code nx × ny × nz} array (for example a cropped bounding
     * box): fills {@code out} with squared distances (mm²) to the nearest {@code true} element of
     * {@code feature}, +∞ everywhere when there is none. {@code spacingMm} holds the x, y, z spacing.
     *
     * @throws IllegalArgumentException when the array lengths do not match the size
     */
    public static void squaredMm(boolean[] feature, int nx, int ny, int nz, double[] spacingMm, double[] out,
                                 ExecutionContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        int n = nx * ny * nz;
        if (feature.length != n || out.length != n || spacingMm.length != 3) {
            throw new IllegalArgumentException("distance transform: arrays do not match a " + nx + "x" + ny
                + "x" + nz + " grid with three spacings");
        }
        run(i -> feature[i], nx, ny, nz, spacingMm, out, null, ctx);
    }

    /**
     * Single-precision form of {@link #squaredMm(Mask, ExecutionContext)}: half the memory; the result of
     * each axis pass is rounded to {@code float} before the next pass reads it (the skull-strip
     * morphology's convention, see {@link BinaryMorphology.Convention#EDGE_AS_BACKGROUND}).
     */
    public static float[] squaredMmSingle(Mask mask, ExecutionContext ctx) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(ctx, "ctx");
        ImageGeometry g = mask.geometry();
        float[] out = new float[g.voxelCount()];
        run(mask::get, g.nx(), g.ny(), g.nz(), g.spacingMm(), null, out, ctx);
        return out;
    }

    /** The three passes into exactly one of {@code out} (double) or {@code outSingle} (float). */
    private static void run(Feature feature, int nx, int ny, int nz, double[] sp, double[] out, float[] outSingle,
                            ExecutionContext ctx) {
        ctx.parallelFor(ny * nz, (from, to) -> {
            double[] line = new double[nx];
            for (int l = from; l < to; l++) {
                nearestAlongX(feature, l * nx, nx, sp[0] * sp[0], outSingle != null, line);
                store(line, out, outSingle, l * nx, 1, nx);
            }
        });
        ctx.parallelFor(nx * nz, (from, to) -> {
            Envelope env = new Envelope(ny);
            for (int l = from; l < to; l++) {
                env.apply(out, outSingle, l % nx + nx * ny * (l / nx), nx, ny, sp[1] * sp[1]);
            }
        });
        ctx.parallelFor(nx * ny, (from, to) -> {
            Envelope env = new Envelope(nz);
            for (int l = from; l < to; l++) {
                env.apply(out, outSingle, l, nx * ny, nz, sp[2] * sp[2]);
            }
        });
    }

    private static void store(double[] line, double[] out, float[] outSingle, int base, int stride, int n) {
        if (outSingle != null) {
            for (int q = 0; q < n; q++) {
                outSingle[base + q * stride] = (float) line[q];
            }
        } else {
            for (int q = 0; q < n; q++) {
                out[base + q * stride] = line[q];
            }
        }
    }

    /**
     * Squared distance along one x line to the nearest set voxel on it, +∞ if none. The single-precision
     * form squares as w·d·d rather than d·d·w: the two can differ in the last bit, and each form keeps the
     * rounding it has always had.
     */
    private static void nearestAlongX(Feature feature, int base, int nx, double w, boolean single, double[] line) {
        int last = -1;
        for (int x = 0; x < nx; x++) {
            if (feature.at(base + x)) {
                last = x;
            }
            line[x] = last < 0 ? Double.POSITIVE_INFINITY : x - last;
        }
        last = -1;
        for (int x = nx - 1; x >= 0; x--) {
            if (feature.at(base + x)) {
                last = x;
            } else if (last >= 0 && last - x < line[x]) {
                line[x] = last - x;
            }
        }
        for (int x = 0; x < nx; x++) {
            double d = line[x];
            line[x] = single ? w * d * d : d * d * w;
        }
    }

    /** The 1-D lower envelope of parabolas w·(q − p)² + f(p) over the finite samples f(p) of one line. */
    private static final class Envelope {
        private final double[] f;
        private final int[] v;
        private final double[] z;

        Envelope(int n) {
            f = new double[n];
            v = new int[n];
            z = new double[n + 1];
        }

        void apply(double[] data, float[] single, int base, int stride, int n, double w) {
            if (single != null) {
                for (int q = 0; q < n; q++) {
                    f[q] = single[base + q * stride];
                }
            } else {
                for (int q = 0; q < n; q++) {
                    f[q] = data[base + q * stride];
                }
            }
            int k = -1;
            for (int q = 0; q < n; q++) {
                if (f[q] == Double.POSITIVE_INFINITY) {
                    continue; // an infinite sample never minimises and would break the intersection formula
                }
                double s = Double.NEGATIVE_INFINITY;
                while (k >= 0) {
                    int p = v[k];
                    s = ((f[q] + w * q * q) - (f[p] + w * p * p)) / (2.0 * w * (q - p));
                    if (s <= z[k]) {
                        k--;
                        s = Double.NEGATIVE_INFINITY;
                    } else {
                        break;
                    }
                }
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            if (k < 0) {
                return; // no finite sample: the line stays +∞
            }
            int j = 0;
            for (int q = 0; q < n; q++) {
                while (z[j + 1] < q) {
                    j++;
                }
                double d = q - v[j];
                double value = w * d * d + f[v[j]];
                if (single != null) {
                    single[base + q * stride] = (float) value;
                } else {
                    data[base + q * stride] = value;
                }
            }
        }
    }
}

package org.plaque.filter.morphology;

import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;

/**
 * Exact squared Euclidean distance transform in millimetres: for every voxel the squared distance (mm²)
 * from its centre to the nearest centre of a set voxel of a mask, with the grid's anisotropic spacing.
 *
 * <p>Algorithm of Felzenszwalb &amp; Huttenlocher ("Distance transforms of sampled functions", Theory of
 * Computing 8:415–428, 2012, doi:10.4086/toc.2012.v008a019): a nearest-set-voxel pass along x, then the
 * lower envelope of parabolas along y and along z. Distances are measured along the voxel axes with the
 * grid's spacing, which is the physical distance for any orthonormal direction matrix. Lines are
 * independent, so the work is split over lines and the output does not depend on the thread count.
 *
 * <p>Voxels of an empty mask get +∞. Cost O(n), memory one {@code double} per voxel.
 */
public final class DistanceTransform {
    private DistanceTransform() {
    }

    /**
     * Squared distances (mm²) to the nearest set voxel of {@code mask}, x-fastest, one per voxel; +∞
     * everywhere when the mask is empty.
     */
    public static double[] squaredMm(Mask mask, ExecutionContext ctx) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(ctx, "ctx");
        ImageGeometry g = mask.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        double[] sp = g.spacingMm();
        double[] out = new double[g.voxelCount()];
        ctx.parallelFor(ny * nz, (from, to) -> {
            for (int line = from; line < to; line++) {
                nearestAlongX(mask, out, line * nx, nx, sp[0] * sp[0]);
            }
        });
        ctx.parallelFor(nx * nz, (from, to) -> {
            Envelope env = new Envelope(ny);
            for (int line = from; line < to; line++) {
                env.apply(out, line % nx + nx * ny * (line / nx), nx, ny, sp[1] * sp[1]);
            }
        });
        ctx.parallelFor(nx * ny, (from, to) -> {
            Envelope env = new Envelope(nz);
            for (int line = from; line < to; line++) {
                env.apply(out, line, nx * ny, nz, sp[2] * sp[2]);
            }
        });
        return out;
    }

    private static void nearestAlongX(Mask mask, double[] out, int base, int nx, double w) {
        int last = -1;
        for (int x = 0; x < nx; x++) {
            if (mask.get(base + x)) {
                last = x;
            }
            out[base + x] = last < 0 ? Double.POSITIVE_INFINITY : x - last;
        }
        last = -1;
        for (int x = nx - 1; x >= 0; x--) {
            if (mask.get(base + x)) {
                last = x;
            } else if (last >= 0 && last - x < out[base + x]) {
                out[base + x] = last - x;
            }
        }
        for (int x = 0; x < nx; x++) {
            double d = out[base + x];
            out[base + x] = d * d * w;
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

        void apply(double[] data, int base, int stride, int n, double w) {
            int k = -1;
            for (int q = 0; q < n; q++) {
                f[q] = data[base + q * stride];
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
                return;
            }
            int j = 0;
            for (int q = 0; q < n; q++) {
                while (z[j + 1] < q) {
                    j++;
                }
                double d = q - v[j];
                data[base + q * stride] = w * d * d + f[v[j]];
            }
        }
    }
}

package org.plaque.pipeline.skullstrip;

import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;

/**
 * Exact squared Euclidean distance (mm²) from every voxel centre to the nearest voxel of a binary set, on a
 * grid with anisotropic spacing; +∞ everywhere when the set is empty.
 *
 * <p>The separable lower-envelope-of-parabolas algorithm of Felzenszwalb &amp; Huttenlocher, "Distance
 * Transforms of Sampled Functions", Theory of Computing 8:415–428 (2012), doi:10.4086/toc.2012.v008a019:
 * one 1-D pass per axis, each parallel over independent lines, so the result does not depend on the thread
 * count. Memory: one float per voxel plus a few lines per thread. Spacing is taken from the voxel-to-world
 * columns; shear is ignored (brain-mask morphology does not need it).
 */
final class DistanceTransform {
    private DistanceTransform() {
    }

    /** Squared distances in mm² to the nearest {@code true} voxel of {@code set} (x-fastest). */
    static float[] squared(boolean[] set, ImageGeometry g, ExecutionContext ctx) {
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        double[] s = g.spacingMm();
        float[] d = new float[set.length];
        for (int i = 0; i < set.length; i++) {
            d[i] = set[i] ? 0f : Float.POSITIVE_INFINITY;
        }
        // x lines: start = y*nx + z*nx*ny, stride 1
        pass(d, ny * nz, nx, 1, line -> line * nx, s[0] * s[0], ctx);
        // y lines: for each (x, z): start = x + z*nx*ny, stride nx
        pass(d, nx * nz, ny, nx, line -> (line % nx) + (line / nx) * nx * ny, s[1] * s[1], ctx);
        // z lines: for each (x, y): start = x + y*nx, stride nx*ny
        pass(d, nx * ny, nz, nx * ny, line -> line, s[2] * s[2], ctx);
        return d;
    }

    private interface LineStart {
        int of(int line);
    }

    private static void pass(float[] d, int lines, int n, int stride, LineStart start, double w,
                             ExecutionContext ctx) {
        ctx.parallelFor(lines, (from, to) -> {
            double[] f = new double[n];
            double[] out = new double[n];
            int[] v = new int[n];
            double[] z = new double[n + 1];
            for (int line = from; line < to; line++) {
                int o = start.of(line);
                boolean any = false;
                for (int q = 0; q < n; q++) {
                    f[q] = d[o + q * stride];
                    any |= f[q] != Double.POSITIVE_INFINITY;
                }
                if (!any) {
                    continue;
                }
                envelope(f, out, v, z, n, w);
                for (int q = 0; q < n; q++) {
                    d[o + q * stride] = (float) out[q];
                }
            }
        });
    }

    /** out[q] = min_p w·(q − p)² + f[p]; at least one f[p] is finite. */
    private static void envelope(double[] f, double[] out, int[] v, double[] z, int n, double w) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] == Double.POSITIVE_INFINITY) {
                continue;
            }
            if (k < 0) {
                k = 0;
                v[0] = q;
                z[0] = Double.NEGATIVE_INFINITY;
                z[1] = Double.POSITIVE_INFINITY;
                continue;
            }
            double s;
            while (true) {
                int p = v[k];
                // intersection of the parabolas rooted at p and q
                s = ((f[q] + w * q * q) - (f[p] + w * p * p)) / (2 * w * (q - p));
                if (s <= z[k]) {
                    k--;
                    if (k < 0) {
                        break;
                    }
                } else {
                    break;
                }
            }
            k++;
            v[k] = q;
            z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        int j = 0;
        for (int q = 0; q < n; q++) {
            while (z[j + 1] < q) {
                j++;
            }
            double dq = q - v[j];
            out[q] = w * dq * dq + f[v[j]];
        }
    }
}

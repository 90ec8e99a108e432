package org.plaque.eval;

import org.plaque.exec.ExecutionContext;

/**
 * Exact squared Euclidean distance transform of a binary feature image on a 3-D grid with anisotropic
 * spacing (mm²): for every voxel, the squared distance to the nearest feature voxel centre, or +∞ when
 * there is no feature.
 *
 * <p>Felzenszwalb &amp; Huttenlocher, "Distance Transforms of Sampled Functions", Theory of Computing
 * 8:415–428 (2012), doi:10.4086/toc.2012.v008a019: a 1-D pass along x on the binary image (nearest
 * feature on the line), then along y and z the lower envelope of parabolas {@code w·(q − p)² + f(p)} with
 * weight {@code w = spacing²} of that axis. Each pass is parallel over lines; lines are independent, so
 * the result does not depend on the thread count.
 */
final class SquaredDistanceTransform {
    private final int nx;
    private final int ny;
    private final int nz;
    private final double wx;
    private final double wy;
    private final double wz;
    private final ExecutionContext ctx;

    SquaredDistanceTransform(int nx, int ny, int nz, double[] spacingMm, ExecutionContext ctx) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.wx = spacingMm[0] * spacingMm[0];
        this.wy = spacingMm[1] * spacingMm[1];
        this.wz = spacingMm[2] * spacingMm[2];
        this.ctx = ctx;
    }

    /** Fills {@code out} (x-fastest, nx·ny·nz) with squared distances (mm²) to the nearest true voxel. */
    void compute(boolean[] feature, double[] out) {
        ctx.parallelFor(ny * nz, (from, to) -> {
            for (int line = from; line < to; line++) {
                binaryPass(feature, out, line * nx);
            }
        });
        ctx.parallelFor(nx * nz, (from, to) -> {
            Envelope env = new Envelope(ny);
            for (int line = from; line < to; line++) {
                int x = line % nx;
                int z = line / nx;
                env.transform(out, x + nx * ny * z, nx, ny, wy);
            }
        });
        ctx.parallelFor(nx * ny, (from, to) -> {
            Envelope env = new Envelope(nz);
            for (int line = from; line < to; line++) {
                env.transform(out, line, nx * ny, nz, wz);
            }
        });
    }

    /** Along one x line: squared distance to the nearest feature on the line, +∞ if none. */
    private void binaryPass(boolean[] feature, double[] out, int base) {
        int last = -1;
        for (int x = 0; x < nx; x++) {
            if (feature[base + x]) {
                last = x;
                out[base + x] = 0;
            } else {
                out[base + x] = last < 0 ? Double.POSITIVE_INFINITY : (x - last);
            }
        }
        last = -1;
        for (int x = nx - 1; x >= 0; x--) {
            if (feature[base + x]) {
                last = x;
            } else if (last >= 0) {
                double ahead = last - x;
                if (ahead < out[base + x]) {
                    out[base + x] = ahead;
                }
            }
        }
        for (int x = 0; x < nx; x++) {
            double d = out[base + x];
            out[base + x] = d * d * wx;
        }
    }

    /** Scratch space for the 1-D lower-envelope transform of one line; one per worker chunk. */
    private static final class Envelope {
        private final double[] f;
        private final int[] v;
        private final double[] z;

        Envelope(int n) {
            f = new double[n];
            v = new int[n];
            z = new double[n + 1];
        }

        /**
         * In place on {@code data[base + q·stride]}, q in [0, n): d(q) = min_p w·(q − p)² + f(p), over the
         * p where f(p) is finite (infinite samples cannot be minimisers and would break the intersection
         * formula).
         */
        void transform(double[] data, int base, int stride, int n, double w) {
            for (int q = 0; q < n; q++) {
                f[q] = data[base + q * stride];
            }
            int k = -1;
            for (int q = 0; q < n; q++) {
                double fq = f[q];
                if (fq == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double s = Double.NEGATIVE_INFINITY;
                while (k >= 0) {
                    int p = v[k];
                    // Abscissa where the parabola from q overtakes the one from p.
                    s = ((fq + w * q * q) - (f[p] + w * p * p)) / (2.0 * w * (q - p));
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
                int p = v[j];
                double dq = q - p;
                data[base + q * stride] = w * dq * dq + f[p];
            }
        }
    }
}

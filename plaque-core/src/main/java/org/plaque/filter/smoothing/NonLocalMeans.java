package org.plaque.filter.smoothing;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

/**
 * Non-local means (Buades, Coll &amp; Morel 2005, doi:10.1109/CVPR.2005.38) in 3-D, computed with the
 * integral-image (box-sum per search offset) formulation of Darbon et al. 2008
 * (doi:10.1109/ISBI.2008.4541250), with the automatic smoothing of Coupé et al. 2008
 * (doi:10.1109/TMI.2007.906087).
 *
 * <p>Each voxel i becomes the weighted mean of the voxels j in its search window (a cube of
 * {@code 2·searchRadius+1} voxels per side), with {@code w(i,j) = exp(−d²(i,j) / h²)}, where d² is the mean
 * squared difference between the patches (cubes of {@code 2·patchRadius+1} voxels per side) centred on i
 * and j. The voxel itself gets the largest weight of its neighbours (Buades' rule, so that it does not
 * dominate). Automatic smoothing: {@code h² = 2 β σ̂²} with β = 1 and σ̂ the {@linkplain NoiseEstimate noise
 * estimate} — Coupé's {@code h² = 2βσ²|N|} for unnormalised patch distances; two patches of the same signal
 * differ by 2σ² on average, so they get weight ≈ e⁻¹.
 *
 * <p>Algorithm: for every offset δ of one half of the search window, the squared differences
 * {@code (u(q) − u(q+δ))²} are box-summed over the patch (three separable passes) to give d² for every
 * pair (i, i+δ) at once; the weight is then added to both voxels of the pair, so each weight is computed
 * once. Patches reaching past the grid use replicated edge voxels; search neighbours outside the grid are
 * not used. The exponential is read from a table with linear interpolation (relative error below 1e-5;
 * weights below e⁻³⁰ count as 0). Voxels farther than the search radius from every non-zero voxel are 0
 * and stay 0 exactly, so the work is restricted to the bounding box of the non-zero voxels plus a margin.
 *
 * <p>Threads: the box is cut into slabs of a fixed number of slices (independent of the thread count);
 * a pair reaches at most one slab further, so even slabs run in parallel first, then odd ones: every
 * voxel's sums are accumulated in the same order whatever the thread count, and the output is
 * bit-identical. Memory: the padded image plus three accumulators (two double, one float) over the box.
 * Cost ≈ voxels × ((2r+1)³−1)/2 × ~30 operations: about 6 s of CPU for 182×218×182 at the defaults
 * (search radius 5: about 21 s).
 */
public final class NonLocalMeans implements Denoiser {
    /** Coupé's β: the automatic h² is {@code 2 β σ̂²}. */
    public static final double AUTO_BETA = 1.0;

    private static final int EXP_STEPS_PER_UNIT = 128;
    private static final int EXP_RANGE = 30;
    /** exp(−x) at x = k / EXP_STEPS_PER_UNIT, k = 0 … EXP_RANGE·EXP_STEPS_PER_UNIT + 1. */
    private static final float[] EXP_TABLE = expTable();

    private final Params params;

    /**
     * Settings of the filter.
     *
     * @param searchRadius half-width of the search window in voxels, 1 … 10
     * @param patchRadius  half-width of the patches in voxels, 0 … 5
     * @param h            smoothing strength in intensity units, finite and &gt; 0, or {@link #AUTO_H} (NaN)
     *                     for {@code √(2β) · σ̂} with β = {@link NonLocalMeans#AUTO_BETA}
     */
    public record Params(int searchRadius, int patchRadius, double h) {
        /** Marker for the automatic smoothing strength derived from the noise estimate. */
        public static final double AUTO_H = Double.NaN;

        /**
         * Defaults: search radius 3 (a 7×7×7 window: 171 offset pairs; Coupé's 11×11×11 costs four times
         * as much for little gain on 1 mm brain images), patch radius 1 (3×3×3 patches, as Coupé et al.), h
         * automatic.
         */
        public static final Params DEFAULTS = new Params(3, 1, AUTO_H);

        /** @throws IllegalArgumentException if a value is out of range */
        public Params {
            if (searchRadius < 1 || searchRadius > 10) {
                throw new IllegalArgumentException("search radius must be in 1..10 voxels, got " + searchRadius);
            }
            if (patchRadius < 0 || patchRadius > 5) {
                throw new IllegalArgumentException("patch radius must be in 0..5 voxels, got " + patchRadius);
            }
            if (!Double.isNaN(h) && (!(h > 0) || !Double.isFinite(h))) {
                throw new IllegalArgumentException("h must be finite and > 0 (or AUTO), got " + h);
            }
        }

        /** Whether h is derived from the image's noise estimate. */
        public boolean autoH() {
            return Double.isNaN(h);
        }
    }

    /** A filter with the given settings. */
    public NonLocalMeans(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** A filter with {@link Params#DEFAULTS}. */
    public static NonLocalMeans withDefaults() {
        return new NonLocalMeans(Params.DEFAULTS);
    }

    public Params params() {
        return params;
    }

    @Override
    public String name() {
        return "nlm";
    }

    /**
     * The smoothing strength used on {@code image}: the configured h, or {@code √(2β)·σ̂}; 0 when the image
     * has no measurable noise (then the filter returns a copy).
     */
    public double effectiveH(ScalarVolume image) {
        return params.autoH() ? Math.sqrt(2 * AUTO_BETA) * NoiseEstimate.sigma(image) : params.h();
    }

    @Override
    public Filtered run(ScalarVolume input, ExecutionContext ctx) {
        double h = effectiveH(input);
        if (!(h > 0)) {
            return Filtered.of(ScalarVolume.of(input.geometry(), input.toArray()));
        }
        float[] out = new Run(input, params.searchRadius(), params.patchRadius(), h).execute(ctx);
        return Filtered.of(ScalarVolume.of(input.geometry(), out));
    }

    private static float[] expTable() {
        float[] t = new float[EXP_RANGE * EXP_STEPS_PER_UNIT + 2];
        for (int k = 0; k < t.length; k++) {
            t[k] = (float) Math.exp(-(double) k / EXP_STEPS_PER_UNIT);
        }
        return t;
    }

    /** exp(−x) for x ≥ 0 by table and linear interpolation; 0 from x = 30 on. */
    static float expNeg(float x) {
        float s = x * EXP_STEPS_PER_UNIT;
        if (!(s < EXP_RANGE * EXP_STEPS_PER_UNIT)) {
            return 0f;
        }
        int k = (int) s;
        float f = s - k;
        float a = EXP_TABLE[k];
        return a + f * (EXP_TABLE[k + 1] - a);
    }

    /** One filtering run: the padded image, the work box and the accumulators. */
    private static final class Run {
        private final int nx;
        private final int ny;
        private final int nz;
        private final int r;
        private final int p;
        private final float[] u;
        /** The image padded by m = r + p replicated voxels on every side. */
        private final float[] padded;
        private final int m;
        private final int px;
        private final int pxy;
        /** Work box [x0, x1) × [y0, y1) × [z0, z1): non-zero voxels plus 2r + p. */
        private final int x0;
        private final int x1;
        private final int y0;
        private final int y1;
        private final int z0;
        private final int z1;
        private final int bx;
        private final int bxy;
        /** Scale turning a patch's summed squared difference into the exponent: 1 / (|patch| · h²). */
        private final float scale;
        private final int slab;
        private final double[] num;
        private final double[] den;
        private final float[] wmax;
        private final boolean empty;

        Run(ScalarVolume input, int r, int p, double h) {
            ImageGeometry g = input.geometry();
            nx = g.nx();
            ny = g.ny();
            nz = g.nz();
            this.r = r;
            this.p = p;
            u = input.toArray();
            m = r + p;
            px = nx + 2 * m;
            int py = ny + 2 * m;
            pxy = px * py;
            padded = pad(u, nx, ny, nz, m);
            int[] box = nonZeroBox(u, nx, ny, nz);
            empty = box == null;
            int grow = 2 * r + p;
            x0 = empty ? 0 : Math.max(0, box[0] - grow);
            x1 = empty ? 0 : Math.min(nx, box[1] + grow);
            y0 = empty ? 0 : Math.max(0, box[2] - grow);
            y1 = empty ? 0 : Math.min(ny, box[3] + grow);
            z0 = empty ? 0 : Math.max(0, box[4] - grow);
            z1 = empty ? 0 : Math.min(nz, box[5] + grow);
            bx = x1 - x0;
            bxy = bx * (y1 - y0);
            int n = bxy * (z1 - z0);
            int side = 2 * p + 1;
            scale = (float) (1.0 / (side * side * side * h * h));
            slab = Math.max(4, r);
            num = new double[n];
            den = new double[n];
            wmax = new float[n];
        }

        float[] execute(ExecutionContext ctx) {
            float[] out = u.clone();
            if (empty) {
                return out;
            }
            int slabs = (z1 - z0 + slab - 1) / slab;
            int[][] offsets = halfWindow(r);
            AtomicInteger done = new AtomicInteger();
            String stage = "non-local means";
            ctx.progress().update(stage, 0.0);
            for (int parity = 0; parity < 2; parity++) {
                int first = parity;
                int count = (slabs - first + 1) / 2;
                ctx.parallelFor(count, (from, to) -> {
                    Scratch s = new Scratch();
                    for (int c = from; c < to; c++) {
                        int zs = z0 + (first + 2 * c) * slab;
                        int ze = Math.min(z1, zs + slab);
                        for (int[] d : offsets) {
                            ctx.checkCancelled();
                            accumulate(zs, ze, d[0], d[1], d[2], s);
                        }
                        ctx.progress().update(stage, done.incrementAndGet() / (double) slabs);
                    }
                });
            }
            ctx.parallelFor(z1 - z0, (from, to) -> {
                for (int zz = from; zz < to; zz++) {
                    for (int yy = 0; yy < y1 - y0; yy++) {
                        int a = zz * bxy + yy * bx;
                        int o = (zz + z0) * nx * ny + (yy + y0) * nx + x0;
                        for (int xx = 0; xx < bx; xx++) {
                            double w = wmax[a + xx];
                            double d = den[a + xx] + w;
                            if (d > 0) {
                                out[o + xx] = (float) ((num[a + xx] + w * u[o + xx]) / d);
                            }
                        }
                    }
                }
            });
            return out;
        }

        /** Reusable per-thread buffers for the box sums. */
        private final class Scratch {
            final float[] row = new float[bx + 2 * p];
            final float[] sx = new float[(slab + 2 * p) * ((y1 - y0) + 2 * p) * bx];
            final float[] sy = new float[(slab + 2 * p) * (y1 - y0) * bx];
        }

        /**
         * Adds the weights of all pairs (i, i+δ) with i in slices [zs, ze) of the box and i+δ in the box to
         * the accumulators of both voxels.
         */
        private void accumulate(int zs, int ze, int dx, int dy, int dz, Scratch s) {
            // Range of i, in box coordinates, for which i + δ is inside the box.
            int xa = Math.max(0, -dx);
            int xb = Math.min(bx, bx - dx);
            int ya = Math.max(0, -dy);
            int yb = Math.min(y1 - y0, y1 - y0 - dy);
            int za = zs - z0;
            int zb = Math.min(ze - z0, z1 - z0 - dz);
            int w = xb - xa;
            int hgt = yb - ya;
            int dep = zb - za;
            if (w <= 0 || hgt <= 0 || dep <= 0) {
                return;
            }
            int side = 2 * p + 1;
            int shift = dx + px * (dy + (ny + 2 * m) * dz);
            float[] row = s.row;
            float[] sx = s.sx;
            float[] sy = s.sy;
            int rowsY = hgt + 2 * p;
            // Pass 1: squared differences along each extended row, box-summed along x.
            for (int k = 0; k < dep + 2 * p; k++) {
                int zz = za + z0 - p + k;
                for (int j = 0; j < rowsY; j++) {
                    int yy = ya + y0 - p + j;
                    int q = (xa + x0 - p + m) + px * (yy + m) + pxy * (zz + m);
                    for (int t = 0; t < w + 2 * p; t++) {
                        float diff = padded[q + t] - padded[q + t + shift];
                        row[t] = diff * diff;
                    }
                    int o = (k * rowsY + j) * w;
                    if (p == 1) {
                        for (int t = 0; t < w; t++) {
                            sx[o + t] = row[t] + row[t + 1] + row[t + 2];
                        }
                    } else {
                        for (int t = 0; t < w; t++) {
                            float acc = 0f;
                            for (int e = 0; e < side; e++) {
                                acc += row[t + e];
                            }
                            sx[o + t] = acc;
                        }
                    }
                }
            }
            // Pass 2: box sums along y.
            for (int k = 0; k < dep + 2 * p; k++) {
                for (int j = 0; j < hgt; j++) {
                    int o = (k * hgt + j) * w;
                    int in = (k * rowsY + j) * w;
                    for (int t = 0; t < w; t++) {
                        float acc = 0f;
                        for (int e = 0; e < side; e++) {
                            acc += sx[in + e * w + t];
                        }
                        sy[o + t] = acc;
                    }
                }
            }
            // Pass 3: box sums along z, weights, and accumulation into both voxels of each pair.
            int pairShift = dx + bx * dy + bxy * dz;
            int imageShift = dx + nx * (dy + ny * dz);
            int planeY = hgt * w;
            for (int k = 0; k < dep; k++) {
                for (int j = 0; j < hgt; j++) {
                    int in = (k * hgt + j) * w;
                    int a = (za + k) * bxy + (ya + j) * bx + xa;
                    int img = (za + k + z0) * nx * ny + (ya + j + y0) * nx + xa + x0;
                    for (int t = 0; t < w; t++) {
                        float acc = 0f;
                        for (int e = 0; e < side; e++) {
                            acc += sy[in + e * planeY + t];
                        }
                        float wt = expNeg(acc * scale);
                        if (wt == 0f) {
                            continue;
                        }
                        int i = a + t;
                        int jj = i + pairShift;
                        int ui = img + t;
                        num[i] += wt * (double) u[ui + imageShift];
                        den[i] += wt;
                        num[jj] += wt * (double) u[ui];
                        den[jj] += wt;
                        if (wt > wmax[i]) {
                            wmax[i] = wt;
                        }
                        if (wt > wmax[jj]) {
                            wmax[jj] = wt;
                        }
                    }
                }
            }
        }
    }

    /** The offsets of one half of the search window, in a fixed order: dz &gt; 0, or dz = 0 and dy &gt; 0, … */
    static int[][] halfWindow(int r) {
        int n = ((2 * r + 1) * (2 * r + 1) * (2 * r + 1) - 1) / 2;
        int[][] out = new int[n][];
        int k = 0;
        for (int dz = 0; dz <= r; dz++) {
            for (int dy = -r; dy <= r; dy++) {
                for (int dx = -r; dx <= r; dx++) {
                    boolean positive = dz > 0 || (dz == 0 && (dy > 0 || (dy == 0 && dx > 0)));
                    if (positive) {
                        out[k++] = new int[] {dx, dy, dz};
                    }
                }
            }
        }
        return out;
    }

    /** The image padded by m replicated voxels on every side. */
    static float[] pad(float[] u, int nx, int ny, int nz, int m) {
        int px = nx + 2 * m;
        int py = ny + 2 * m;
        int pz = nz + 2 * m;
        float[] out = new float[px * py * pz];
        for (int z = 0; z < pz; z++) {
            int sz = Math.max(0, Math.min(nz - 1, z - m));
            for (int y = 0; y < py; y++) {
                int sy = Math.max(0, Math.min(ny - 1, y - m));
                int src = nx * (sy + ny * sz);
                int dst = px * (y + py * z);
                for (int x = 0; x < px; x++) {
                    out[dst + x] = u[src + Math.max(0, Math.min(nx - 1, x - m))];
                }
            }
        }
        return out;
    }

    /** {xmin, xmax+1, ymin, ymax+1, zmin, zmax+1} of the non-zero voxels, or null if there are none. */
    static int[] nonZeroBox(float[] u, int nx, int ny, int nz) {
        int[] b = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
        int i = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (u[i] != 0f) {
                        b[0] = Math.min(b[0], x);
                        b[1] = Math.max(b[1], x + 1);
                        b[2] = Math.min(b[2], y);
                        b[3] = Math.max(b[3], y + 1);
                        b[4] = Math.min(b[4], z);
                        b[5] = Math.max(b[5], z + 1);
                    }
                }
            }
        }
        return b[1] < 0 ? null : b;
    }
}

package org.plaque.filter.smoothing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

/**
 * The explicit finite-difference solver shared by {@link GradientAnisotropicDiffusion} and
 * {@link CurvatureAnisotropicDiffusion}, reproducing ITK 5.2's dense finite-difference scheme
 * ({@code GradientNDAnisotropicDiffusionFunction}, {@code CurvatureNDAnisotropicDiffusionFunction}) operation
 * by operation, so that results agree with ITK to float rounding.
 *
 * <p>Per iteration: the mean squared gradient magnitude of the current image (central differences in mm,
 * replicated edges) sets {@code K = (float) (-2 · mean · conductance²)}; every voxel then gets an update
 * {@code Δ} (a float) and the image becomes {@code u + (float) (Δ · timeStep)}.
 *
 * <p>Speed: ITK evaluates the conductance of each voxel face twice (as the forward term of one voxel and
 * the backward term of the next). The expression is symmetric in the two voxels — its cross terms are sums
 * of the central differences at both ends — so the flux through each face is computed once here and used
 * by both voxels, with bit-identical values. The volume is swept slice by slice with rolling per-slice
 * buffers of central differences and face fluxes; slabs of slices run in parallel and write disjoint
 * output, and a slab recomputes the flux through its lower face with the same expression, so the result does
 * not depend on the number of threads.
 */
final class DiffusionEngine {
    /** Which update rule runs. */
    enum Scheme {
        /** Perona–Malik with the exponential conductance (ITK GradientNDAnisotropicDiffusionFunction). */
        GRADIENT,
        /** Modified curvature diffusion (ITK CurvatureNDAnisotropicDiffusionFunction). */
        CURVATURE
    }

    /** ITK's regulariser inside the square root of the curvature scheme's gradient magnitude. */
    private static final double MIN_NORM = 1.0e-10;

    private DiffusionEngine() {
    }

    /**
     * ITK's conservative stability limit for the explicit scheme in 3-D: {@code min(spacing) / 2^(3+1)}, in
     * the same units as the time step (derivatives are taken in mm).
     */
    static double stableTimeStep(ImageGeometry geometry) {
        double[] s = geometry.spacingMm();
        return Math.min(s[0], Math.min(s[1], s[2])) / 16.0;
    }

    /** The warnings ITK would print for these settings (once each, not once per iteration). */
    static List<String> warnings(Scheme scheme, ImageGeometry geometry, double timeStep) {
        List<String> w = new ArrayList<>();
        double limit = stableTimeStep(geometry);
        if (timeStep > limit) {
            w.add(String.format(Locale.ROOT, "time step %s exceeds the stability limit %.6g (min spacing / 2^4 in mm);"
                + " running anyway, as ITK does", timeStep, limit));
        }
        if (scheme == Scheme.CURVATURE && timeStep > 0.0625) {
            w.add(String.format(Locale.ROOT, "time step %s exceeds 0.0625 (0.5 / 2^3): curvature diffusion may be"
                + " unstable", timeStep));
        }
        return w;
    }

    /** Runs {@code iterations} steps on a copy of {@code input}; returns the new voxel array. */
    static float[] diffuse(Scheme scheme, ScalarVolume input, int iterations, double conductance, double timeStep,
            ExecutionContext ctx, String stage) {
        ImageGeometry g = input.geometry();
        Grid grid = new Grid(g);
        float[] u = input.toArray();
        float[] v = new float[u.length];
        ctx.progress().update(stage, 0.0);
        for (int it = 0; it < iterations; it++) {
            ctx.checkCancelled();
            double meanSq = meanSquaredGradientMagnitude(u, grid, ctx);
            float k = (float) (meanSq * conductance * conductance * -2.0);
            if (k == 0f) {
                // ITK sets every conductance to 0 then: nothing moves (a constant image stays constant).
                ctx.progress().update(stage, (it + 1) / (double) iterations);
                continue;
            }
            final float[] cur = u;
            final float[] next = v;
            ctx.parallelFor(grid.nz, (z0, z1) -> new Sweep(scheme, grid, cur, next, k, timeStep).run(z0, z1));
            v = u;
            u = next;
            ctx.progress().update(stage, (it + 1) / (double) iterations);
        }
        return u;
    }

    /**
     * Mean over all voxels of the squared gradient magnitude (central differences scaled to mm, replicated
     * edges), as ITK's {@code ScalarAnisotropicDiffusionFunction::CalculateAverageGradientMagnitudeSquared}.
     * Per-slice sums are added in slice order, so the value does not depend on the thread count.
     */
    static double meanSquaredGradientMagnitude(float[] u, Grid grid, ExecutionContext ctx) {
        int nx = grid.nx;
        int ny = grid.ny;
        int nz = grid.nz;
        int nxy = grid.nxy;
        double[] perSlice = new double[nz];
        ctx.parallelFor(nz, (z0, z1) -> {
            for (int z = z0; z < z1; z++) {
                int zm = z > 0 ? -nxy : 0;
                int zp = z < nz - 1 ? nxy : 0;
                double sum = 0;
                for (int y = 0; y < ny; y++) {
                    int ym = y > 0 ? -nx : 0;
                    int yp = y < ny - 1 ? nx : 0;
                    int row = z * nxy + y * nx;
                    for (int x = 0; x < nx; x++) {
                        int p = row + x;
                        int xm = x > 0 ? -1 : 0;
                        int xp = x < nx - 1 ? 1 : 0;
                        double gx = (double) (u[p + xp] - u[p + xm]) / -2.0 * grid.s0;
                        double gy = (double) (u[p + yp] - u[p + ym]) / -2.0 * grid.s1;
                        double gz = (double) (u[p + zp] - u[p + zm]) / -2.0 * grid.s2;
                        sum += gx * gx;
                        sum += gy * gy;
                        sum += gz * gz;
                    }
                }
                perSlice[z] = sum;
            }
        });
        double total = 0;
        for (double s : perSlice) {
            total += s;
        }
        return total / ((double) nxy * nz);
    }

    /** Sizes and inverse spacings (1/mm) of the grid. */
    static final class Grid {
        final int nx;
        final int ny;
        final int nz;
        final int nxy;
        final double s0;
        final double s1;
        final double s2;

        Grid(ImageGeometry g) {
            nx = g.nx();
            ny = g.ny();
            nz = g.nz();
            nxy = nx * ny;
            double[] sp = g.spacingMm();
            s0 = 1.0 / sp[0];
            s1 = 1.0 / sp[1];
            s2 = 1.0 / sp[2];
        }
    }

    /**
     * One iteration over a slab of slices [z0, z1): reads {@code u}, writes {@code v} for those slices only.
     * Holds its own scratch buffers (a few slices), allocated once per slab, never per voxel.
     */
    private static final class Sweep {
        private final Scheme scheme;
        private final Grid g;
        private final float[] u;
        private final float[] v;
        private final double k;
        private final double dt;
        /** Central differences (float, unscaled, as ITK rounds them) of slice z (a) and of slice z+1 (b). */
        private float[] cxA;
        private float[] cyA;
        private float[] cxB;
        private float[] cyB;
        /** Central difference along z of slice z. */
        private final float[] cz;
        /** Flux through the face below each voxel of the current slice, replaced by the face above. */
        private final double[] fz;
        /** Flux through the face before each voxel of the current row along y, replaced likewise. */
        private final double[] fy;

        Sweep(Scheme scheme, Grid g, float[] u, float[] v, float k, double dt) {
            this.scheme = scheme;
            this.g = g;
            this.u = u;
            this.v = v;
            this.k = k;
            this.dt = dt;
            int nxy = g.nxy;
            cxA = new float[nxy];
            cyA = new float[nxy];
            cxB = new float[nxy];
            cyB = new float[nxy];
            cz = new float[nxy];
            fz = new double[nxy];
            fy = new double[g.nx];
        }

        void run(int z0, int z1) {
            int nz = g.nz;
            inPlaneDifferences(z0, cxA, cyA);
            if (z0 > 0) {
                // The flux through the slab's lower face, with the expression the slice loop uses.
                inPlaneDifferences(z0 - 1, cxB, cyB);
                lowerFaceFluxes(z0 - 1);
            } else {
                java.util.Arrays.fill(fz, 0.0);
            }
            for (int z = z0; z < z1; z++) {
                boolean hasUpper = z < nz - 1;
                if (hasUpper) {
                    inPlaneDifferences(z + 1, cxB, cyB);
                }
                zDifferences(z);
                if (scheme == Scheme.GRADIENT) {
                    gradientSlice(z, hasUpper);
                } else {
                    curvatureSlice(z, hasUpper);
                }
                float[] t = cxA;
                cxA = cxB;
                cxB = t;
                t = cyA;
                cyA = cyB;
                cyB = t;
            }
        }

        /** (u[+1] − u[−1]) / 2 along x and y within slice z, in float, edges replicated. */
        private void inPlaneDifferences(int z, float[] cx, float[] cy) {
            int nx = g.nx;
            int ny = g.ny;
            int base = z * g.nxy;
            for (int y = 0; y < ny; y++) {
                int ym = y > 0 ? -nx : 0;
                int yp = y < ny - 1 ? nx : 0;
                int row = y * nx;
                int p = base + row;
                if (nx == 1) {
                    cx[row] = 0f;
                } else {
                    cx[row] = (u[p + 1] - u[p]) / 2.0f;
                    for (int x = 1; x < nx - 1; x++) {
                        cx[row + x] = (u[p + x + 1] - u[p + x - 1]) / 2.0f;
                    }
                    cx[row + nx - 1] = (u[p + nx - 1] - u[p + nx - 2]) / 2.0f;
                }
                for (int x = 0; x < nx; x++) {
                    cy[row + x] = (u[p + x + yp] - u[p + x + ym]) / 2.0f;
                }
            }
        }

        /** (u[z+1] − u[z−1]) / 2 for slice z, in float, edges replicated. */
        private void zDifferences(int z) {
            int nxy = g.nxy;
            int lo = (z > 0 ? z - 1 : z) * nxy;
            int hi = (z < g.nz - 1 ? z + 1 : z) * nxy;
            for (int i = 0; i < nxy; i++) {
                cz[i] = (u[hi + i] - u[lo + i]) / 2.0f;
            }
        }

        /** Fluxes through the faces between slice z and z+1, into {@link #fz}; B holds slice z's differences. */
        private void lowerFaceFluxes(int z) {
            int nxy = g.nxy;
            int base = z * nxy;
            boolean curvature = scheme == Scheme.CURVATURE;
            for (int i = 0; i < nxy; i++) {
                int p = base + i;
                double gz = (double) (u[p + nxy] - u[p]) * g.s2;
                double tx = (double) cxB[i] * g.s0 + (double) cxA[i] * g.s0;
                double ty = (double) cyB[i] * g.s1 + (double) cyA[i] * g.s1;
                fz[i] = curvature ? curvatureFlux(gz, tx, ty, k) : gradientFlux(gz, tx, ty, k);
            }
        }

        /**
         * ITK's Perona–Malik flux through one face: {@code g · exp((g² + ¼t₁² + ¼t₂²) / K)}, where g is the
         * half-voxel difference across the face (per mm) and t₁, t₂ the sums of the central differences of
         * both voxels along the two other axes (per mm).
         */
        private static double gradientFlux(double g, double t1, double t2, double k) {
            double accum = 0.25 * (t1 * t1) + 0.25 * (t2 * t2);
            return g * Math.exp((g * g + accum) / k);
        }

        /** ITK's curvature-scheme flux: {@code g / sqrt(1e-10 + m) · exp(m / K)}, m the squared gradient. */
        private static double curvatureFlux(double g, double t1, double t2, double k) {
            double m = g * g;
            m += 0.25 * t1 * t1;
            m += 0.25 * t2 * t2;
            return g / Math.sqrt(MIN_NORM + m) * Math.exp(m / k);
        }

        private void gradientSlice(int z, boolean hasUpper) {
            final int nx = g.nx;
            final int ny = g.ny;
            final int nxy = g.nxy;
            final double s0 = g.s0;
            final double s1 = g.s1;
            final double s2 = g.s2;
            final int base = z * nxy;
            final float[] u = this.u;
            final float[] v = this.v;
            final float[] cxA = this.cxA;
            final float[] cyA = this.cyA;
            final float[] cxB = this.cxB;
            final float[] cyB = this.cyB;
            final float[] cz = this.cz;
            final double[] fz = this.fz;
            final double[] fy = this.fy;
            final double k = this.k;
            final double dt = this.dt;
            java.util.Arrays.fill(fy, 0.0);
            for (int y = 0; y < ny; y++) {
                final boolean hasNextRow = y < ny - 1;
                final int row = y * nx;
                double fxPrev = 0.0;
                for (int x = 0; x < nx; x++) {
                    final int i = row + x;
                    final int p = base + i;
                    final float uc = u[p];
                    double fx = 0.0;
                    if (x < nx - 1) {
                        double gx = (double) (u[p + 1] - uc) * s0;
                        double ty = (double) cyA[i] * s1 + (double) cyA[i + 1] * s1;
                        double tz = (double) cz[i] * s2 + (double) cz[i + 1] * s2;
                        fx = gradientFlux(gx, ty, tz, k);
                    }
                    double fyNext = 0.0;
                    if (hasNextRow) {
                        double gy = (double) (u[p + nx] - uc) * s1;
                        double tx = (double) cxA[i] * s0 + (double) cxA[i + nx] * s0;
                        double tz = (double) cz[i] * s2 + (double) cz[i + nx] * s2;
                        fyNext = gradientFlux(gy, tx, tz, k);
                    }
                    double fzNext = 0.0;
                    if (hasUpper) {
                        double gz = (double) (u[p + nxy] - uc) * s2;
                        double tx = (double) cxA[i] * s0 + (double) cxB[i] * s0;
                        double ty = (double) cyA[i] * s1 + (double) cyB[i] * s1;
                        fzNext = gradientFlux(gz, tx, ty, k);
                    }
                    double delta = fx - fxPrev;
                    delta += fyNext - fy[x];
                    delta += fzNext - fz[i];
                    fxPrev = fx;
                    fy[x] = fyNext;
                    fz[i] = fzNext;
                    float update = (float) delta;
                    v[p] = uc + (float) (update * dt);
                }
            }
        }

        private void curvatureSlice(int z, boolean hasUpper) {
            final int nx = g.nx;
            final int ny = g.ny;
            final int nxy = g.nxy;
            final double s0 = g.s0;
            final double s1 = g.s1;
            final double s2 = g.s2;
            final int base = z * nxy;
            final float[] u = this.u;
            final float[] v = this.v;
            final float[] cxA = this.cxA;
            final float[] cyA = this.cyA;
            final float[] cxB = this.cxB;
            final float[] cyB = this.cyB;
            final float[] cz = this.cz;
            final double[] fz = this.fz;
            final double[] fy = this.fy;
            final double k = this.k;
            final double dt = this.dt;
            java.util.Arrays.fill(fy, 0.0);
            for (int y = 0; y < ny; y++) {
                final boolean hasNextRow = y < ny - 1;
                final int row = y * nx;
                double fxPrev = 0.0;
                for (int x = 0; x < nx; x++) {
                    final int i = row + x;
                    final int p = base + i;
                    final float uc = u[p];
                    double gx = 0.0;
                    double fx = 0.0;
                    if (x < nx - 1) {
                        gx = (double) (u[p + 1] - uc) * s0;
                        double ty = (double) cyA[i] * s1 + (double) cyA[i + 1] * s1;
                        double tz = (double) cz[i] * s2 + (double) cz[i + 1] * s2;
                        fx = curvatureFlux(gx, ty, tz, k);
                    }
                    double gy = 0.0;
                    double fyNext = 0.0;
                    if (hasNextRow) {
                        gy = (double) (u[p + nx] - uc) * s1;
                        double tx = (double) cxA[i] * s0 + (double) cxA[i + nx] * s0;
                        double tz = (double) cz[i] * s2 + (double) cz[i + nx] * s2;
                        fyNext = curvatureFlux(gy, tx, tz, k);
                    }
                    double gz = 0.0;
                    double fzNext = 0.0;
                    if (hasUpper) {
                        gz = (double) (u[p + nxy] - uc) * s2;
                        double tx = (double) cxA[i] * s0 + (double) cxB[i] * s0;
                        double ty = (double) cyA[i] * s1 + (double) cyB[i] * s1;
                        fzNext = curvatureFlux(gz, tx, ty, k);
                    }
                    double speed = fx - fxPrev;
                    speed += fyNext - fy[x];
                    speed += fzNext - fz[i];
                    fxPrev = fx;
                    fy[x] = fyNext;
                    fz[i] = fzNext;
                    // Backward half differences, zero at the lower edges (replicated voxel).
                    double bx = x > 0 ? (double) (uc - u[p - 1]) * s0 : 0.0;
                    double by = y > 0 ? (double) (uc - u[p - nx]) * s1 : 0.0;
                    double bz = z > 0 ? (double) (uc - u[p - nxy]) * s2 : 0.0;
                    // Upwind gradient magnitude (Osher–Sethian), chosen by the sign of the speed as in ITK.
                    double pg = 0.0;
                    if (speed > 0) {
                        pg += sq(Math.min(bx, 0.0)) + sq(Math.max(gx, 0.0));
                        pg += sq(Math.min(by, 0.0)) + sq(Math.max(gy, 0.0));
                        pg += sq(Math.min(bz, 0.0)) + sq(Math.max(gz, 0.0));
                    } else {
                        pg += sq(Math.max(bx, 0.0)) + sq(Math.min(gx, 0.0));
                        pg += sq(Math.max(by, 0.0)) + sq(Math.min(gy, 0.0));
                        pg += sq(Math.max(bz, 0.0)) + sq(Math.min(gz, 0.0));
                    }
                    float update = (float) (Math.sqrt(pg) * speed);
                    v[p] = uc + (float) (update * dt);
                }
            }
        }

        private static double sq(double a) {
            return a * a;
        }
    }
}

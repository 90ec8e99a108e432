package org.plaque.registration;

import org.plaque.registration.transform.SparseJacobianTransform;

/**
 * Test stand-in for a local deformation: {@code T(x) = x + Σ_k c_k·tent(x)} on a regular node grid (first
 * order B-spline: trilinear hat functions), 3 parameters per node, node-major (x, y, z displacement).
 * Each point is moved by at most 8 nodes, so the sparse Jacobian has 24 entries.
 */
public final class TestTentWarp implements SparseJacobianTransform {
    private final double[] origin;
    private final double spacing;
    private final int gx;
    private final int gy;
    private final int gz;
    private final double[] c;

    public TestTentWarp(double[] origin, double spacing, int gx, int gy, int gz, double[] coefficients) {
        this.origin = origin.clone();
        this.spacing = spacing;
        this.gx = gx;
        this.gy = gy;
        this.gz = gz;
        if (coefficients.length != 3 * gx * gy * gz) {
            throw new IllegalArgumentException("coefficients");
        }
        this.c = coefficients.clone();
    }

    /** The identity on nodes {@code spacing} apart covering an axis-aligned grid's voxel centres. */
    public static TestTentWarp overDomain(org.plaque.geom.ImageGeometry g, double spacing) {
        double[] lo = g.voxelToWorld().apply(0, 0, 0);
        double[] hi = g.voxelToWorld().apply(g.nx() - 1, g.ny() - 1, g.nz() - 1);
        int[] n = new int[3];
        for (int a = 0; a < 3; a++) {
            n[a] = (int) Math.ceil(Math.abs(hi[a] - lo[a]) / spacing - 1e-9) + 1;
            lo[a] = Math.min(lo[a], hi[a]);
        }
        return new TestTentWarp(lo, spacing, n[0], n[1], n[2], new double[3 * n[0] * n[1] * n[2]]);
    }

    /** The same (piecewise-linear) deformation on nodes half as far apart. */
    public TestTentWarp refine() {
        int nx = 2 * gx - 1;
        int ny = 2 * gy - 1;
        int nz = 2 * gz - 1;
        double[] out = new double[3 * nx * ny * nz];
        double[] p = new double[3];
        double[] q = new double[3];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    p[0] = origin[0] + i * spacing / 2;
                    p[1] = origin[1] + j * spacing / 2;
                    p[2] = origin[2] + k * spacing / 2;
                    transformPoint(p, q);
                    int node = i + nx * (j + ny * k);
                    for (int a = 0; a < 3; a++) {
                        out[3 * node + a] = q[a] - p[a];
                    }
                }
            }
        }
        return new TestTentWarp(origin, spacing / 2, nx, ny, nz, out);
    }

    @Override
    public int maxSupport() {
        return 24;
    }

    @Override
    public int sparseJacobian(double[] in, int[] idx, double[] values) {
        int count = 0;
        double ux = (in[0] - origin[0]) / spacing;
        double uy = (in[1] - origin[1]) / spacing;
        double uz = (in[2] - origin[2]) / spacing;
        int x0 = (int) Math.floor(ux);
        int y0 = (int) Math.floor(uy);
        int z0 = (int) Math.floor(uz);
        java.util.Arrays.fill(values, 0, 3 * 24, 0);
        for (int dz = 0; dz < 2; dz++) {
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    int i = x0 + dx;
                    int j = y0 + dy;
                    int k = z0 + dz;
                    if (i < 0 || j < 0 || k < 0 || i >= gx || j >= gy || k >= gz) {
                        continue;
                    }
                    double w = (1 - Math.abs(ux - i)) * (1 - Math.abs(uy - j)) * (1 - Math.abs(uz - k));
                    if (w <= 0) {
                        continue;
                    }
                    int node = i + gx * (j + gy * k);
                    for (int a = 0; a < 3; a++) {
                        idx[count] = 3 * node + a;
                        values[a * 24 + count] = w;
                        count++;
                    }
                }
            }
        }
        return count;
    }

    @Override
    public void transformPoint(double[] in, double[] out) {
        int[] idx = new int[24];
        double[] v = new double[72];
        int n = sparseJacobian(in, idx, v);
        double ox = in[0];
        double oy = in[1];
        double oz = in[2];
        for (int e = 0; e < n; e++) {
            ox += v[e] * c[idx[e]];
            oy += v[24 + e] * c[idx[e]];
            oz += v[48 + e] * c[idx[e]];
        }
        out[0] = ox;
        out[1] = oy;
        out[2] = oz;
    }

    @Override
    public int parameterCount() {
        return c.length;
    }

    @Override
    public double[] parameters() {
        return c.clone();
    }

    @Override
    public TestTentWarp withParameters(double[] parameters) {
        return new TestTentWarp(origin, spacing, gx, gy, gz, parameters);
    }

    @Override
    public void jacobian(double[] in, double[] j) {
        int np = c.length;
        java.util.Arrays.fill(j, 0, 3 * np, 0);
        int[] idx = new int[24];
        double[] v = new double[72];
        int n = sparseJacobian(in, idx, v);
        for (int e = 0; e < n; e++) {
            for (int a = 0; a < 3; a++) {
                j[a * np + idx[e]] += v[a * 24 + e];
            }
        }
    }
}

package org.plaque.registration.transform;

import java.util.Arrays;
import java.util.Objects;
import org.plaque.geom.ImageGeometry;

/**
 * A cubic B-spline free-form deformation (Rueckert et al. 1999, doi:10.1109/42.796284):
 * {@code out = in + Σ_k β³(i − i_k)·β³(j − j_k)·β³(l − l_k)·d_k}, where (i, j, l) is the continuous index of
 * {@code in} on a grid of control points and d_k the displacement (mm, world RAS+ axes) of control point k.
 *
 * <p><b>Grid and parameters</b>, as ITKv4's {@code BSplineTransform} (order 3): the control grid is an
 * image geometry (size, origin = control point 0, spacing, direction). A grid made by
 * {@link #overDomain(ImageGeometry, int[])} has {@code mesh + 3} points per axis and starts one control
 * spacing before the fixed-image domain, so the domain spans control indices [1, size − 2]. The parameters
 * are the displacements, all x components (control points x-fastest), then all y, then all z: 3·N values.
 *
 * <p><b>Outside</b>: a point whose continuous index lies outside [1, size − 2] on some axis (where the
 * 4×4×4 support would leave the grid) is not moved, and its Jacobians are those of the identity — ITK's
 * rule, except that ITK leaves out the upper boundary itself, where both agree by continuity.
 *
 * <p>{@link #transformPoint} allocates nothing: the world → grid index mapping is precomputed and the 64
 * weights are products of three per-axis cubic polynomials. Immutable (parameters are copied).
 */
public final class BSplineTransform implements SparseJacobianTransform, DifferentiableTransform {
    /** Control points that move one point: 4³. */
    public static final int SUPPORT_POINTS = 64;
    /** Parameters that move one point: 3·4³. */
    public static final int MAX_SUPPORT = 3 * SUPPORT_POINTS;

    private final ImageGeometry grid;
    private final int gx;
    private final int gy;
    private final int gz;
    private final int gxy;
    private final int n;
    /** Row-major 3×4 world → continuous grid index. */
    private final double[] w2g;
    private final double[] coef;

    private BSplineTransform(ImageGeometry grid, double[] coef) {
        this.grid = grid;
        this.gx = grid.nx();
        this.gy = grid.ny();
        this.gz = grid.nz();
        if (gx < 4 || gy < 4 || gz < 4) {
            throw new IllegalArgumentException("a cubic B-spline grid needs at least 4 control points per axis, got "
                + gx + "×" + gy + "×" + gz);
        }
        this.gxy = gx * gy;
        this.n = gxy * gz;
        if (coef.length != 3 * n) {
            throw new IllegalArgumentException("B-spline grid of " + gx + "×" + gy + "×" + gz + " needs " + 3 * n
                + " parameters, got " + coef.length);
        }
        Mat3.requireFinite(coef, "B-spline coefficients");
        this.coef = coef;
        this.w2g = Arrays.copyOf(grid.worldToVoxel().toRowMajor(), 12);
    }

    /**
     * A B-spline transform on an explicit control grid with the given coefficients (3·N values, copied).
     *
     * @throws IllegalArgumentException if an axis has fewer than 4 control points, on a wrong number of
     *                                  coefficients or a non-finite one
     */
    public static BSplineTransform of(ImageGeometry controlGrid, double[] coefficients) {
        Objects.requireNonNull(controlGrid, "controlGrid");
        return new BSplineTransform(controlGrid, coefficients.clone());
    }

    /**
     * The identity B-spline over a fixed image's domain with {@code meshSize} spans per axis (ITK's
     * {@code BSplineTransformInitializer} layout): the domain runs from the centre of voxel 0 over
     * (n − 1)·spacing along each voxel axis (one voxel's spacing for an axis of one voxel), in the image's
     * direction; control spacing = extent / mesh; grid = mesh + 3 points starting one control spacing before
     * the domain.
     */
    public static BSplineTransform overDomain(ImageGeometry domain, int[] meshSize) {
        if (meshSize.length != 3) {
            throw new IllegalArgumentException("mesh size must be 3-D");
        }
        double[] extent = extentMm(domain);
        double[] spacing = new double[3];
        int[] size = new int[3];
        for (int a = 0; a < 3; a++) {
            if (meshSize[a] < 1) {
                throw new IllegalArgumentException("mesh size must be at least 1 per axis: " + Arrays.toString(meshSize));
            }
            spacing[a] = extent[a] / meshSize[a];
            size[a] = meshSize[a] + 3;
        }
        double[][] dir = domain.direction();
        double[] origin = domain.originMm();
        for (int r = 0; r < 3; r++) {
            for (int a = 0; a < 3; a++) {
                origin[r] -= dir[r][a] * spacing[a];
            }
        }
        ImageGeometry g = ImageGeometry.of(size, spacing, origin, dir);
        return new BSplineTransform(g, new double[3 * size[0] * size[1] * size[2]]);
    }

    /**
     * The identity B-spline over a fixed image's domain with control points about {@code spacingMm} apart:
     * mesh = ⌈extent / spacingMm⌉ spans per axis (at least 1), see {@link #overDomain(ImageGeometry, int[])}.
     */
    public static BSplineTransform overDomain(ImageGeometry domain, double spacingMm) {
        if (!(spacingMm > 0) || !Double.isFinite(spacingMm)) {
            throw new IllegalArgumentException("control-point spacing must be positive, got " + spacingMm);
        }
        double[] extent = extentMm(domain);
        int[] mesh = new int[3];
        for (int a = 0; a < 3; a++) {
            mesh[a] = Math.max(1, (int) Math.ceil(extent[a] / spacingMm - 1e-9));
        }
        return overDomain(domain, mesh);
    }

    private static double[] extentMm(ImageGeometry domain) {
        double[] s = domain.spacingMm();
        int[] size = domain.size();
        return new double[] {
            Math.max(1, size[0] - 1) * s[0], Math.max(1, size[1] - 1) * s[1], Math.max(1, size[2] - 1) * s[2]};
    }

    /** The control grid (origin = control point 0). */
    public ImageGeometry controlGrid() {
        return grid;
    }

    /** Spans per axis: grid size − 3. */
    public int[] meshSize() {
        return new int[] {gx - 3, gy - 3, gz - 3};
    }

    /**
     * The same deformation on a grid of half the control spacing (mesh doubled), exactly: cubic B-spline
     * subdivision (new points between old ones get (d_i + d_{i+1})/2, new points on old ones
     * (d_{i−1} + 6·d_i + d_{i+1})/8, axis by axis). The domain [1, size − 2] in grid index is unchanged.
     */
    public BSplineTransform refine() {
        int[] size = {2 * gx - 3, 2 * gy - 3, 2 * gz - 3};
        double[] spacing = grid.spacingMm();
        double[][] dir = grid.direction();
        double[] origin = grid.originMm();
        for (int a = 0; a < 3; a++) {
            spacing[a] /= 2;
            for (int r = 0; r < 3; r++) {
                origin[r] += dir[r][a] * spacing[a];
            }
        }
        ImageGeometry fine = ImageGeometry.of(size, spacing, origin, dir);
        int m = size[0] * size[1] * size[2];
        double[] out = new double[3 * m];
        for (int d = 0; d < 3; d++) {
            double[] c = Arrays.copyOfRange(coef, d * n, (d + 1) * n);
            int[] dims = {gx, gy, gz};
            for (int axis = 0; axis < 3; axis++) {
                c = subdivide(c, dims, axis);
                dims[axis] = 2 * dims[axis] - 3;
            }
            System.arraycopy(c, 0, out, d * m, m);
        }
        return new BSplineTransform(fine, out);
    }

    /** Doubles the resolution of {@code c} (dims, x-fastest) along one axis. */
    private static double[] subdivide(double[] c, int[] dims, int axis) {
        int len = dims[axis];
        int newLen = 2 * len - 3;
        int stride = axis == 0 ? 1 : (axis == 1 ? dims[0] : dims[0] * dims[1]);
        int[] nd = dims.clone();
        nd[axis] = newLen;
        double[] out = new double[nd[0] * nd[1] * nd[2]];
        for (int z = 0; z < nd[2]; z++) {
            for (int y = 0; y < nd[1]; y++) {
                for (int x = 0; x < nd[0]; x++) {
                    int[] p = {x, y, z};
                    int j = p[axis];
                    p[axis] = 0;
                    int base = p[0] + dims[0] * (p[1] + dims[1] * p[2]);
                    double v;
                    if ((j & 1) == 0) {
                        int i = j / 2;
                        v = 0.5 * (c[base + i * stride] + c[base + (i + 1) * stride]);
                    } else {
                        int i = (j + 1) / 2;
                        v = (c[base + (i - 1) * stride] + 6 * c[base + i * stride] + c[base + (i + 1) * stride]) / 8;
                    }
                    out[x + nd[0] * (y + nd[1] * z)] = v;
                }
            }
        }
        return out;
    }

    @Override
    public int parameterCount() {
        return 3 * n;
    }

    @Override
    public double[] parameters() {
        return coef.clone();
    }

    @Override
    public BSplineTransform withParameters(double[] parameters) {
        return new BSplineTransform(grid, parameters.clone());
    }

    @Override
    public int maxSupport() {
        return MAX_SUPPORT;
    }

    @Override
    public void transformPoint(double[] in, double[] out) {
        double x = in[0];
        double y = in[1];
        double z = in[2];
        double ci = w2g[0] * x + w2g[1] * y + w2g[2] * z + w2g[3];
        double cj = w2g[4] * x + w2g[5] * y + w2g[6] * z + w2g[7];
        double ck = w2g[8] * x + w2g[9] * y + w2g[10] * z + w2g[11];
        if (!inside(ci, cj, ck)) {
            out[0] = x;
            out[1] = y;
            out[2] = z;
            return;
        }
        int i0 = start(ci, gx);
        int j0 = start(cj, gy);
        int k0 = start(ck, gz);
        double u = ci - i0 - 1;
        double v = cj - j0 - 1;
        double w = ck - k0 - 1;
        double x0 = b0(u);
        double x1 = b1(u);
        double x2 = b2(u);
        double x3 = b3(u);
        double y0 = b0(v);
        double y1 = b1(v);
        double y2 = b2(v);
        double y3 = b3(v);
        double z0 = b0(w);
        double z1 = b1(w);
        double z2 = b2(w);
        double z3 = b3(w);
        int base = i0 + gx * (j0 + gy * k0);
        out[0] = x + cube(base, x0, x1, x2, x3, y0, y1, y2, y3, z0, z1, z2, z3);
        out[1] = y + cube(base + n, x0, x1, x2, x3, y0, y1, y2, y3, z0, z1, z2, z3);
        out[2] = z + cube(base + 2 * n, x0, x1, x2, x3, y0, y1, y2, y3, z0, z1, z2, z3);
    }

    /** Whether the 4×4×4 support of a continuous grid index lies on the grid: every index in [1, size − 2]. */
    private boolean inside(double ci, double cj, double ck) {
        return ci >= 1 && ci <= gx - 2 && cj >= 1 && cj <= gy - 2 && ck >= 1 && ck <= gz - 2;
    }

    /** First support index floor(c) − 1, kept ≤ size − 4 so that c = size − 2 uses t = 1 of the last span. */
    private static int start(double c, int size) {
        int f = (int) c; // c ≥ 1: truncation is floor
        return Math.min(f, size - 3) - 1;
    }

    private double cube(int o, double x0, double x1, double x2, double x3, double y0, double y1, double y2,
                        double y3, double z0, double z1, double z2, double z3) {
        return z0 * plane(o, x0, x1, x2, x3, y0, y1, y2, y3)
            + z1 * plane(o + gxy, x0, x1, x2, x3, y0, y1, y2, y3)
            + z2 * plane(o + 2 * gxy, x0, x1, x2, x3, y0, y1, y2, y3)
            + z3 * plane(o + 3 * gxy, x0, x1, x2, x3, y0, y1, y2, y3);
    }

    private double plane(int o, double x0, double x1, double x2, double x3, double y0, double y1, double y2,
                         double y3) {
        return y0 * row(o, x0, x1, x2, x3)
            + y1 * row(o + gx, x0, x1, x2, x3)
            + y2 * row(o + 2 * gx, x0, x1, x2, x3)
            + y3 * row(o + 3 * gx, x0, x1, x2, x3);
    }

    private double row(int o, double x0, double x1, double x2, double x3) {
        double[] c = coef;
        return x0 * c[o] + x1 * c[o + 1] + x2 * c[o + 2] + x3 * c[o + 3];
    }

    /** Uniform cubic B-spline weights of the four support points for a fraction t ∈ [0, 1]. */
    static double b0(double t) {
        double s = 1 - t;
        return s * s * s / 6;
    }

    static double b1(double t) {
        return (3 * t * t * t - 6 * t * t + 4) / 6;
    }

    static double b2(double t) {
        return (-3 * t * t * t + 3 * t * t + 3 * t + 1) / 6;
    }

    static double b3(double t) {
        return t * t * t / 6;
    }

    private static double basis(int i, double t) {
        switch (i) {
            case 0:
                return b0(t);
            case 1:
                return b1(t);
            case 2:
                return b2(t);
            default:
                return b3(t);
        }
    }

    private static double basisDerivative(int i, double t) {
        switch (i) {
            case 0:
                return -(1 - t) * (1 - t) / 2;
            case 1:
                return 1.5 * t * t - 2 * t;
            case 2:
                return -1.5 * t * t + t + 0.5;
            default:
                return t * t / 2;
        }
    }

    /**
     * Indices in the order of {@link #sparseJacobian}: the 64 support points' x parameters, then their y,
     * then their z parameters; {@code values[r·192 + k]} is the weight where parameter k moves axis r, else 0.
     */
    @Override
    public int sparseJacobian(double[] in, int[] parameterIndices, double[] values) {
        double ci = w2g[0] * in[0] + w2g[1] * in[1] + w2g[2] * in[2] + w2g[3];
        double cj = w2g[4] * in[0] + w2g[5] * in[1] + w2g[6] * in[2] + w2g[7];
        double ck = w2g[8] * in[0] + w2g[9] * in[1] + w2g[10] * in[2] + w2g[11];
        if (!inside(ci, cj, ck)) {
            return 0;
        }
        int i0 = start(ci, gx);
        int j0 = start(cj, gy);
        int k0 = start(ck, gz);
        double u = ci - i0 - 1;
        double v = cj - j0 - 1;
        double w = ck - k0 - 1;
        Arrays.fill(values, 0, 3 * MAX_SUPPORT, 0.0);
        int k = 0;
        for (int c = 0; c < 4; c++) {
            double wz = basis(c, w);
            for (int b = 0; b < 4; b++) {
                double wyz = wz * basis(b, v);
                int rowBase = i0 + gx * (j0 + b + gy * (k0 + c));
                for (int a = 0; a < 4; a++, k++) {
                    double wt = wyz * basis(a, u);
                    int cp = rowBase + a;
                    parameterIndices[k] = cp;
                    parameterIndices[SUPPORT_POINTS + k] = cp + n;
                    parameterIndices[2 * SUPPORT_POINTS + k] = cp + 2 * n;
                    values[k] = wt;
                    values[MAX_SUPPORT + SUPPORT_POINTS + k] = wt;
                    values[2 * MAX_SUPPORT + 2 * SUPPORT_POINTS + k] = wt;
                }
            }
        }
        return MAX_SUPPORT;
    }

    /** Dense form of {@link #sparseJacobian}: 3 × {@link #parameterCount()} values, mostly zero. */
    @Override
    public void jacobian(double[] in, double[] jacobian) {
        int p = 3 * n;
        Arrays.fill(jacobian, 0, 3 * p, 0.0);
        double ci = w2g[0] * in[0] + w2g[1] * in[1] + w2g[2] * in[2] + w2g[3];
        double cj = w2g[4] * in[0] + w2g[5] * in[1] + w2g[6] * in[2] + w2g[7];
        double ck = w2g[8] * in[0] + w2g[9] * in[1] + w2g[10] * in[2] + w2g[11];
        if (!inside(ci, cj, ck)) {
            return;
        }
        int i0 = start(ci, gx);
        int j0 = start(cj, gy);
        int k0 = start(ck, gz);
        double u = ci - i0 - 1;
        double v = cj - j0 - 1;
        double w = ck - k0 - 1;
        for (int c = 0; c < 4; c++) {
            for (int b = 0; b < 4; b++) {
                for (int a = 0; a < 4; a++) {
                    double wt = basis(a, u) * basis(b, v) * basis(c, w);
                    int cp = i0 + a + gx * (j0 + b + gy * (k0 + c));
                    for (int r = 0; r < 3; r++) {
                        jacobian[r * p + r * n + cp] = wt;
                    }
                }
            }
        }
    }

    /** I + Σ_k d_k ⊗ ∇β_k, with the weight gradient taken through the world → grid index mapping. */
    @Override
    public void spatialJacobian(double[] in, double[] jacobian) {
        double ci = w2g[0] * in[0] + w2g[1] * in[1] + w2g[2] * in[2] + w2g[3];
        double cj = w2g[4] * in[0] + w2g[5] * in[1] + w2g[6] * in[2] + w2g[7];
        double ck = w2g[8] * in[0] + w2g[9] * in[1] + w2g[10] * in[2] + w2g[11];
        Arrays.fill(jacobian, 0, 9, 0.0);
        jacobian[0] = 1;
        jacobian[4] = 1;
        jacobian[8] = 1;
        if (!inside(ci, cj, ck)) {
            return;
        }
        int i0 = start(ci, gx);
        int j0 = start(cj, gy);
        int k0 = start(ck, gz);
        double u = ci - i0 - 1;
        double v = cj - j0 - 1;
        double w = ck - k0 - 1;
        double x0 = b0(u);
        double x1 = b1(u);
        double x2 = b2(u);
        double x3 = b3(u);
        double y0 = b0(v);
        double y1 = b1(v);
        double y2 = b2(v);
        double y3 = b3(v);
        double z0 = b0(w);
        double z1 = b1(w);
        double z2 = b2(w);
        double z3 = b3(w);
        double dx0 = basisDerivative(0, u);
        double dx1 = basisDerivative(1, u);
        double dx2 = basisDerivative(2, u);
        double dx3 = basisDerivative(3, u);
        double dy0 = basisDerivative(0, v);
        double dy1 = basisDerivative(1, v);
        double dy2 = basisDerivative(2, v);
        double dy3 = basisDerivative(3, v);
        double dz0 = basisDerivative(0, w);
        double dz1 = basisDerivative(1, w);
        double dz2 = basisDerivative(2, w);
        double dz3 = basisDerivative(3, w);
        int base = i0 + gx * (j0 + gy * k0);
        for (int r = 0; r < 3; r++) {
            int o = base + r * n;
            // derivative of displacement r along grid index axes i, j, l
            double di = cube(o, dx0, dx1, dx2, dx3, y0, y1, y2, y3, z0, z1, z2, z3);
            double dj = cube(o, x0, x1, x2, x3, dy0, dy1, dy2, dy3, z0, z1, z2, z3);
            double dl = cube(o, x0, x1, x2, x3, y0, y1, y2, y3, dz0, dz1, dz2, dz3);
            for (int col = 0; col < 3; col++) {
                jacobian[r * 3 + col] += di * w2g[col] + dj * w2g[4 + col] + dl * w2g[8 + col];
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BSplineTransform b && b.grid.equals(grid) && Arrays.equals(b.coef, coef);
    }

    @Override
    public int hashCode() {
        return 31 * grid.hashCode() + Arrays.hashCode(coef);
    }

    @Override
    public String toString() {
        return "BSplineTransform[grid=" + gx + "×" + gy + "×" + gz + ", spacing=" + Arrays.toString(grid.spacingMm())
            + " mm]";
    }
}

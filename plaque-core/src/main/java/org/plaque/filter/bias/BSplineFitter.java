package org.plaque.filter.bias;

import java.util.Arrays;
import org.plaque.exec.ExecutionContext;

/**
 * One level of the B-spline scattered-data approximation of Lee, Wolberg and Shin 1997
 * (doi:10.1109/2945.620490), for data on the voxels of a grid selected by a mask, as ITK's
 * {@code BSplineScatteredDataPointSetToImageFilter} does it with one fitting level and unit point weights.
 *
 * <p>Each data point p with value z spreads φ_k = z·B_k(p) / Σ_l B_l(p)² to the 4×4×4 control points k around it;
 * a control point's value is the B_k²-weighted mean of what it receives: φ_k = Σ_p B_k² φ_pk / Σ_p B_k², zero
 * where no point reaches it. Because the tensor-product weights B_k = b_x·b_y·b_z and Σ_l B_l² factorise per
 * axis, the sums are accumulated separably: along each row, then each slice, then along z. Per-slice partial sums
 * are combined in slice order, so the result does not depend on the number of threads.
 */
final class BSplineFitter {
    private BSplineFitter() {
    }

    /**
     * Fits a lattice with the bases' control point counts to {@code values[i]} at the voxels where
     * {@code mask[i]} is set.
     *
     * @param bases per-axis bases over the data grid (x, y, z); their sample counts give the grid size
     */
    static ControlPointLattice fit(double[] values, boolean[] mask, AxisBasis[] bases, ExecutionContext ctx) {
        AxisBasis bx = bases[0];
        AxisBasis by = bases[1];
        AxisBasis bz = bases[2];
        int nx = bx.samples;
        int ny = by.samples;
        int nz = bz.samples;
        int cx = bx.controlPoints();
        int cy = by.controlPoints();
        int cz = bz.controlPoints();
        double[][] fx = fittingWeights(bx);
        double[][] fy = fittingWeights(by);
        double[][] fz = fittingWeights(bz);
        int planeSize = cx * cy;
        double[][] planeDelta = new double[nz][];
        double[][] planeOmega = new double[nz][];

        ctx.parallelFor(nz, (from, to) -> {
            double[] rowDelta = new double[cx];
            double[] rowOmega = new double[cx];
            for (int z = from; z < to; z++) {
                double[] pd = null;
                double[] po = null;
                for (int y = 0; y < ny; y++) {
                    int start = (z * ny + y) * nx;
                    boolean any = false;
                    for (int x = 0; x < nx; x++) {
                        if (mask[start + x]) {
                            if (!any) {
                                Arrays.fill(rowDelta, 0);
                                Arrays.fill(rowOmega, 0);
                                any = true;
                            }
                            double v = values[start + x];
                            int k = bx.base[x];
                            int w = 4 * x;
                            for (int a = 0; a < 4; a++) {
                                rowDelta[k + a] += v * fx[0][w + a];
                                rowOmega[k + a] += fx[1][w + a];
                            }
                        }
                    }
                    if (!any) {
                        continue;
                    }
                    if (pd == null) {
                        pd = new double[planeSize];
                        po = new double[planeSize];
                    }
                    int ky = by.base[y];
                    for (int b = 0; b < 4; b++) {
                        double wd = fy[0][4 * y + b];
                        double wo = fy[1][4 * y + b];
                        int dst = (ky + b) * cx;
                        for (int k = 0; k < cx; k++) {
                            pd[dst + k] += wd * rowDelta[k];
                            po[dst + k] += wo * rowOmega[k];
                        }
                    }
                }
                planeDelta[z] = pd;
                planeOmega[z] = po;
            }
        });

        double[] delta = new double[planeSize * cz];
        double[] omega = new double[planeSize * cz];
        for (int z = 0; z < nz; z++) {
            double[] pd = planeDelta[z];
            if (pd == null) {
                continue;
            }
            double[] po = planeOmega[z];
            int kz = bz.base[z];
            for (int c = 0; c < 4; c++) {
                double wd = fz[0][4 * z + c];
                double wo = fz[1][4 * z + c];
                int dst = (kz + c) * planeSize;
                for (int k = 0; k < planeSize; k++) {
                    delta[dst + k] += wd * pd[k];
                    omega[dst + k] += wo * po[k];
                }
            }
        }
        double[] phi = new double[delta.length];
        for (int k = 0; k < phi.length; k++) {
            if (omega[k] != 0.0) {
                double p = delta[k] / omega[k];
                phi[k] = Double.isFinite(p) ? p : 0.0;
            }
        }
        return new ControlPointLattice(cx, cy, cz, phi);
    }

    /**
     * Per-axis factors of the two sums: [0] = b³ / Σ b² (the axis's share of B_k³ / Σ_l B_l²) and [1] = b²
     * (its share of B_k²), four per sample.
     */
    private static double[][] fittingWeights(AxisBasis basis) {
        double[] w = basis.weights;
        double[] cube = new double[w.length];
        double[] square = new double[w.length];
        for (int i = 0; i < basis.samples; i++) {
            double sum = 0;
            for (int a = 0; a < 4; a++) {
                sum += w[4 * i + a] * w[4 * i + a];
            }
            for (int a = 0; a < 4; a++) {
                double b = w[4 * i + a];
                cube[4 * i + a] = b * b * b / sum;
                square[4 * i + a] = b * b;
            }
        }
        return new double[][] {cube, square};
    }
}

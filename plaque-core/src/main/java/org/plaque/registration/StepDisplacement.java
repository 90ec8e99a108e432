package org.plaque.registration;

import java.util.function.ToDoubleFunction;
import org.plaque.geom.ImageGeometry;
import org.plaque.registration.metric.MovingMapping;
import org.plaque.registration.transform.BSplineTransform;
import org.plaque.registration.transform.ParametricTransform;

/**
 * How far (mm) a parameter step moves image points, for the stochastic optimiser's automatic gain: for a
 * B-spline the largest control-point displacement (its weights are non-negative and sum to one) times the
 * outer affine's largest stretch; for other transforms the largest displacement of the fixed grid's eight
 * corners, to first order (Jacobian times step).
 */
final class StepDisplacement {
    private StepDisplacement() {
    }

    static ToDoubleFunction<double[]> of(MovingMapping mapping, ImageGeometry fixedGrid) {
        ParametricTransform t = mapping.transform();
        double[] o = mapping.outer().toRowMajor();
        double[] outer = {o[0], o[1], o[2], o[4], o[5], o[6], o[8], o[9], o[10]};
        if (t instanceof BSplineTransform) {
            double stretch = spectralNorm(outer);
            int points = t.parameterCount() / 3;
            return step -> {
                double max = 0;
                for (int k = 0; k < points; k++) {
                    double dx = step[k];
                    double dy = step[points + k];
                    double dz = step[2 * points + k];
                    max = Math.max(max, dx * dx + dy * dy + dz * dz);
                }
                return stretch * Math.sqrt(max);
            };
        }
        int np = t.parameterCount();
        double[][] jacobians = new double[8][3 * np];
        for (int c = 0; c < 8; c++) {
            double[] corner = fixedGrid.voxelToWorld().apply((c & 1) == 0 ? 0 : fixedGrid.nx() - 1,
                (c & 2) == 0 ? 0 : fixedGrid.ny() - 1, (c & 4) == 0 ? 0 : fixedGrid.nz() - 1);
            double[] j = new double[3 * np];
            t.jacobian(corner, j);
            for (int r = 0; r < 3; r++) {
                for (int p = 0; p < np; p++) {
                    jacobians[c][r * np + p] = outer[3 * r] * j[p] + outer[3 * r + 1] * j[np + p]
                        + outer[3 * r + 2] * j[2 * np + p];
                }
            }
        }
        return step -> {
            double max = 0;
            for (double[] j : jacobians) {
                double s = 0;
                for (int r = 0; r < 3; r++) {
                    double d = 0;
                    for (int p = 0; p < np; p++) {
                        d += j[r * np + p] * step[p];
                    }
                    s += d * d;
                }
                max = Math.max(max, s);
            }
            return Math.sqrt(max);
        };
    }

    /** Largest singular value of a 3×3 matrix (row-major), by power iteration on AᵀA. */
    static double spectralNorm(double[] a) {
        double[] v = {1, 1, 1};
        double lambda = 0;
        for (int it = 0; it < 50; it++) {
            double[] av = new double[3];
            for (int r = 0; r < 3; r++) {
                av[r] = a[3 * r] * v[0] + a[3 * r + 1] * v[1] + a[3 * r + 2] * v[2];
            }
            double[] w = new double[3];
            for (int c = 0; c < 3; c++) {
                w[c] = a[c] * av[0] + a[3 + c] * av[1] + a[6 + c] * av[2];
            }
            double norm = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            if (norm == 0) {
                return 0;
            }
            lambda = norm;
            v = new double[] {w[0] / norm, w[1] / norm, w[2] / norm};
        }
        return Math.sqrt(lambda);
    }
}

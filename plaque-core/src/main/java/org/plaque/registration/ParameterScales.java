package org.plaque.registration;

import org.plaque.geom.ImageGeometry;
import org.plaque.registration.metric.MovingMapping;
import org.plaque.registration.transform.ParametricTransform;
import org.plaque.registration.transform.SparseJacobianTransform;

/**
 * Per-parameter optimiser scales from physical shifts, as ITK's
 * {@code RegistrationParameterScalesFromPhysicalShift} for global transforms: parameter p is changed by
 * δ = 0.01, the largest resulting displacement (mm) of the eight corners of the fixed grid is measured, and
 * {@code scale_p = (shift_p / δ)²}; parameters that move no corner get the smallest non-zero scale. A unit
 * change of a parameter then moves points by about √scale mm. Transforms with local support (B-splines,
 * whose coefficients are displacements in mm) get scale 1 for every parameter.
 */
public final class ParameterScales {
    private static final double DELTA = 0.01;

    private ParameterScales() {
    }

    /** Scales for the parameters of {@code mapping}'s transform on the fixed grid {@code fixedGrid}. */
    public static double[] physicalShift(MovingMapping mapping, ImageGeometry fixedGrid) {
        ParametricTransform t = mapping.transform();
        int np = t.parameterCount();
        double[] scales = new double[np];
        if (t instanceof SparseJacobianTransform) {
            java.util.Arrays.fill(scales, 1);
            return scales;
        }
        double[][] corners = new double[8][];
        for (int c = 0; c < 8; c++) {
            corners[c] = fixedGrid.voxelToWorld().apply((c & 1) == 0 ? 0 : fixedGrid.nx() - 1,
                (c & 2) == 0 ? 0 : fixedGrid.ny() - 1, (c & 4) == 0 ? 0 : fixedGrid.nz() - 1);
        }
        double[][] before = new double[8][];
        for (int c = 0; c < 8; c++) {
            before[c] = map(mapping, corners[c]);
        }
        double[] p0 = t.parameters();
        double minNonZero = Double.POSITIVE_INFINITY;
        for (int p = 0; p < np; p++) {
            double[] q = p0.clone();
            q[p] += DELTA;
            MovingMapping moved = mapping.withParameters(q);
            double max = 0;
            for (int c = 0; c < 8; c++) {
                double[] a = map(moved, corners[c]);
                double dx = a[0] - before[c][0];
                double dy = a[1] - before[c][1];
                double dz = a[2] - before[c][2];
                max = Math.max(max, Math.sqrt(dx * dx + dy * dy + dz * dz));
            }
            scales[p] = max;
            if (max > 1e-12 && max < minNonZero) {
                minNonZero = max;
            }
        }
        for (int p = 0; p < np; p++) {
            double shift = scales[p] > 1e-12 ? scales[p] : (Double.isFinite(minNonZero) ? minNonZero : DELTA);
            scales[p] = shift * shift / (DELTA * DELTA);
        }
        return scales;
    }

    private static double[] map(MovingMapping m, double[] p) {
        double[] q = new double[3];
        m.transform().transformPoint(p, q);
        return m.outer().apply(q[0], q[1], q[2]);
    }
}

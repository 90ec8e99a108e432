package org.plaque.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.registration.metric.MetricKind;
import org.plaque.registration.metric.MetricParams;
import org.plaque.registration.metric.SamplingParams;
import org.plaque.registration.pyramid.PyramidSchedule;

/** The B-spline stage on a phantom deformed by a known smooth warp after an affine motion. */
class BSplineStageTest {
    static final ImageGeometry GRID = SyntheticImages.grid(56, 64, 48, 1.6);
    private static final Affine LINEAR = Affine.ofRowMajor(1.03, 0.02, 0, 2, -0.01, 0.97, 0.02, -1.5, 0, 0.01, 1.02, 1);

    /** The smooth displacement (mm) applied before the affine: T(x) = A(x + d(x)). */
    private static void displacement(double x, double y, double z, double[] d) {
        d[0] = 2.0 * Math.sin(2 * Math.PI * y / 60);
        d[1] = 1.6 * Math.sin(2 * Math.PI * z / 50);
        d[2] = 1.8 * Math.cos(2 * Math.PI * x / 70);
    }

    private static void truth(double[] p, double[] out) {
        double[] d = new double[3];
        displacement(p[0], p[1], p[2], d);
        LINEAR.apply(p[0] + d[0], p[1] + d[1], p[2] + d[2], out);
    }

    /** moving(y) = phantom(T⁻¹(y)); T⁻¹ by fixed-point iteration x = A⁻¹y − d(x) (|∇d| ≪ 1). */
    static ScalarVolume moving() {
        Affine inv = LINEAR.inverse();
        ScalarVolume.Builder b = ScalarVolume.builder(GRID);
        float[] a = b.array();
        double[] w = new double[3];
        double[] u = new double[3];
        double[] d = new double[3];
        for (int k = 0, i = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int x = 0; x < GRID.nx(); x++, i++) {
                    GRID.voxelToWorld().apply(x, j, k, w);
                    inv.apply(w[0], w[1], w[2], u);
                    double px = u[0];
                    double py = u[1];
                    double pz = u[2];
                    for (int it = 0; it < 30; it++) {
                        displacement(px, py, pz, d);
                        px = u[0] - d[0];
                        py = u[1] - d[1];
                        pz = u[2] - d[2];
                    }
                    a[i] = (float) SyntheticImages.intensity(px, py, pz);
                }
            }
        }
        return b.build();
    }

    static double meanError(RegistrationResult r, Mask head) {
        double[] p = new double[3];
        double[] q = new double[3];
        double[] t = new double[3];
        double s = 0;
        int n = 0;
        var found = r.transform();
        for (int k = 0, i = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int x = 0; x < GRID.nx(); x++, i++) {
                    if (head.get(i)) {
                        GRID.voxelToWorld().apply(x, j, k, p);
                        found.transformPoint(p, q);
                        truth(p, t);
                        s += Math.sqrt((q[0] - t[0]) * (q[0] - t[0]) + (q[1] - t[1]) * (q[1] - t[1])
                            + (q[2] - t[2]) * (q[2] - t[2]));
                        n++;
                    }
                }
            }
        }
        return s / n;
    }

    /**
     * Head voxels where the phantom has structure (gradient above 2 per mm): in flat regions no metric can
     * tell where a point went, so the error is measured where it can.
     */
    static Mask structured(ScalarVolume f) {
        Mask.Builder m = Mask.builder(GRID);
        for (int k = 1; k < GRID.nz() - 1; k++) {
            for (int j = 1; j < GRID.ny() - 1; j++) {
                for (int x = 1; x < GRID.nx() - 1; x++) {
                    double gx = (f.get(x + 1, j, k) - f.get(x - 1, j, k)) / 3.2;
                    double gy = (f.get(x, j + 1, k) - f.get(x, j - 1, k)) / 3.2;
                    double gz = (f.get(x, j, k + 1) - f.get(x, j, k - 1)) / 3.2;
                    m.set(x, j, k, f.get(x, j, k) > 20 && gx * gx + gy * gy + gz * gz > 4);
                }
            }
        }
        return m.build();
    }

    @Test
    void deformableStageRecoversMuchOfASmoothWarpThatTheAffineStagesCannot() {
        ScalarVolume fixed = SyntheticImages.phantom(GRID);
        ScalarVolume moving = moving();
        Mask head = structured(fixed);
        Registration.Params linear = Registration.Params.DEFAULTS
            .withMetric(new MetricParams(MetricKind.MEAN_SQUARES, 50))
            .withPyramid(new PyramidSchedule(new int[] {2, 1}, new double[] {1, 0}), new int[] {100, 50});
        Registration.Params deformable = linear
            .withBSpline(new BSplineSchedule(new double[] {24, 12}, OptimizerKind.ASGD, new int[] {200, 200},
                SamplingParams.random(4096)))
            .withStages(List.of(Stage.RIGID, Stage.AFFINE, Stage.BSPLINE));
        RegistrationResult a;
        RegistrationResult b;
        try (ExecutionContext ctx = ExecutionContext.of(2, 3, ProgressListener.NONE)) {
            a = Registration.register(fixed, moving, null, null, linear, ctx, r -> { });
            b = Registration.register(fixed, moving, null, null, deformable, ctx, r -> { });
        }
        double affineError = meanError(a, head);
        double deformableError = meanError(b, head);
        assertThat(a.deformation()).isEmpty();
        assertThat(b.deformation()).isPresent();
        assertThat(b.levels()).hasSize(6).last().extracting(LevelReport::stage).isEqualTo(Stage.BSPLINE);
        assertThat(head.count()).isGreaterThan(GRID.voxelCount() / 20);
        assertThat(affineError).isGreaterThan(1.0);
        assertThat(deformableError).as("affine %.3f mm, deformable %.3f mm", affineError, deformableError)
            .isLessThan(0.4 * affineError);
        // the intensities match far better: what remains is motion no image can show (sliding along edges)
        double affineCost = a.levels().get(a.levels().size() - 1).metric();
        double deformableCost = b.levels().get(b.levels().size() - 1).metric();
        assertThat(deformableCost).isLessThan(0.05 * affineCost);
    }

    @Test
    void deformableStageIsBitIdenticalWithOneOrTwoThreads() {
        ScalarVolume fixed = SyntheticImages.phantom(GRID);
        ScalarVolume moving = moving();
        Registration.Params p = Registration.Params.DEFAULTS
            .withPyramid(new PyramidSchedule(new int[] {2, 1}, new double[] {1, 0}), new int[] {30, 20})
            .withBSpline(new BSplineSchedule(new double[] {24, 12}, OptimizerKind.ASGD, new int[] {40, 40},
                SamplingParams.random(6000)))
            .withStages(List.of(Stage.AFFINE, Stage.BSPLINE));
        RegistrationResult one;
        RegistrationResult two;
        try (ExecutionContext c1 = ExecutionContext.of(1, 11, ProgressListener.NONE);
             ExecutionContext c2 = ExecutionContext.of(2, 11, ProgressListener.NONE)) {
            one = Registration.register(fixed, moving, null, null, p, c1);
            two = Registration.register(fixed, moving, null, null, p, c2);
        }
        assertThat(two.affine()).isEqualTo(one.affine());
        assertThat(two.deformation().orElseThrow().parameters())
            .containsExactly(one.deformation().orElseThrow().parameters());
    }
}

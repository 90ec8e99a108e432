package org.plaque.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.registration.metric.MetricKind;
import org.plaque.registration.metric.MetricParams;

class RegistrationTest {
    private static final ImageGeometry GRID = SyntheticImages.grid(60, 68, 52, 1.6);
    private static final DoubleUnaryOperator CONTRAST = v -> 200 - 1.5 * v + 0.004 * v * v;
    private static final Affine RIGID = SyntheticImages.rigid(0.10, -0.06, 0.12, new double[] {4, -3, 5},
        new double[] {2, 1, -1});
    private static final Affine AFFINE = Affine.ofRowMajor(1.06, 0.03, -0.02, 0, -0.02, 0.95, 0.04, 0, 0.01, 0.02,
        1.03, 0).multiply(RIGID);

    /** Fixed-image voxel centres inside the phantom's head (where the error is measured). */
    private static double[] headPoints(ScalarVolume fixed) {
        List<double[]> pts = new ArrayList<>();
        Mask head = Mask.above(fixed, 20);
        for (int k = 0, i = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int x = 0; x < GRID.nx(); x++, i++) {
                    if (head.get(i)) {
                        pts.add(GRID.voxelToWorld().apply(x, j, k));
                    }
                }
            }
        }
        double[] xyz = new double[3 * pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            System.arraycopy(pts.get(i), 0, xyz, 3 * i, 3);
        }
        return xyz;
    }

    /**
     * Plaque's defaults for L-BFGS, the peers' ITK recipe for regular-step descent, elastix' recipe (4096
     * fresh random points per iteration, 250 iterations per level) for adaptive stochastic gradient descent.
     */
    private static Registration.Params quick(OptimizerKind kind) {
        return switch (kind) {
            case LBFGS -> Registration.Params.DEFAULTS;
            case REGULAR_STEP -> Registration.Params.ITK_RECIPE;
            case ASGD -> Registration.Params.DEFAULTS.withSampling(org.plaque.registration.metric.SamplingParams
                .random(4096)).withOptimizer(OptimizerKind.ASGD, new int[] {250, 250, 250});
        };
    }

    /**
     * Same contrast, mean squares: the exact optimum is the truth, so this checks the whole machinery
     * (initialisation, pyramid, scales, optimiser, stages, composition) to a hundredth of a voxel. (ITK's
     * regular-step descent halves its step at every zig-zag of this steep cost and stops early, by design.)
     */
    @Test
    void recoversAKnownRigidAndAffineMotionWithMeanSquares() {
        Registration.Params p = quick(OptimizerKind.LBFGS)
            .withMetric(new MetricParams(MetricKind.MEAN_SQUARES, 50));
        assertRecovered(p, DoubleUnaryOperator.identity(), 0.02);
    }

    /**
     * Another contrast, mutual information. The smooth phantom gives MI a flat optimum (real T1 images are
     * registered to 0.05 mm, see RealDataRegistrationTest), hence the looser bound, a quarter of a voxel.
     */
    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void recoversAKnownRigidAndAffineMotionAcrossContrastsWithMutualInformation(OptimizerKind kind) {
        assertRecovered(quick(kind), CONTRAST, 0.4);
    }

    private static void assertRecovered(Registration.Params p, DoubleUnaryOperator contrast, double toleranceMm) {
        ScalarVolume fixed = SyntheticImages.phantom(GRID);
        double[] head = headPoints(fixed);
        for (Affine truth : new Affine[] {RIGID, AFFINE}) {
            ScalarVolume moving = SyntheticImages.moved(GRID, truth, contrast);
            RegistrationResult r;
            try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
                r = Registration.register(fixed, moving, null, null, p, ctx, Registration.LevelListener.NONE);
            }
            double before = SyntheticImages.meanDistance(Affine.identity(), truth, head);
            double after = SyntheticImages.meanDistance(r.affine(), truth, head);
            assertThat(before).isGreaterThan(5);
            assertThat(after).as("%s, levels %s", p, r.levels()).isLessThan(toleranceMm);
            assertThat(r.levels()).hasSize(6);
        }
    }

    @Test
    void sameSeedGivesTheSameTransformWithOneOrTwoThreads() {
        ScalarVolume fixed = SyntheticImages.phantom(GRID);
        ScalarVolume moving = SyntheticImages.moved(GRID, AFFINE, CONTRAST);
        Registration.Params p = quick(OptimizerKind.LBFGS).withSampling(
            org.plaque.registration.metric.SamplingParams.random(4000));
        RegistrationResult one;
        RegistrationResult two;
        RegistrationResult again;
        RegistrationResult otherSeed;
        try (ExecutionContext c1 = ExecutionContext.of(1, 5, ProgressListener.NONE);
             ExecutionContext c2 = ExecutionContext.of(2, 5, ProgressListener.NONE);
             ExecutionContext c3 = ExecutionContext.of(2, 6, ProgressListener.NONE)) {
            one = Registration.register(fixed, moving, null, null, p, c1, r -> { });
            two = Registration.register(fixed, moving, null, null, p, c2, r -> { });
            again = Registration.register(fixed, moving, null, null, p, c2, r -> { });
            otherSeed = Registration.register(fixed, moving, null, null, p, c3, r -> { });
        }
        assertThat(two.affine()).isEqualTo(one.affine());
        assertThat(again.affine()).isEqualTo(one.affine());
        assertThat(otherSeed.affine()).isNotEqualTo(one.affine());
    }

    /**
     * A fixed image spoiled by a bright slab that the moving image lacks: unmasked, mean squares pulls the
     * moving anatomy towards it; with a fixed mask that leaves the slab out, the truth is recovered.
     */
    @Test
    void fixedMaskKeepsSpoiledRegionsOutOfTheRegistration() {
        ScalarVolume clean = SyntheticImages.phantom(GRID);
        ScalarVolume.Builder spoiled = clean.toBuilder();
        Mask.Builder mask = Mask.builder(GRID);
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int x = 0; x < GRID.nx(); x++) {
                    boolean slab = x >= 34 && x < 44;
                    if (slab) {
                        spoiled.set(x, j, k, clean.get(x, j, k) + 120);
                    }
                    // the mask leaves a margin: level images are smoothed and samples interpolated
                    mask.set(x, j, k, x < 28 || x >= 50);
                }
            }
        }
        ScalarVolume fixed = spoiled.build();
        Mask fixedMask = mask.build();
        ScalarVolume moving = SyntheticImages.moved(GRID, RIGID, DoubleUnaryOperator.identity());
        Registration.Params p = Registration.Params.DEFAULTS.withMetric(new MetricParams(MetricKind.MEAN_SQUARES, 50));
        double[] head = headPoints(clean);
        double masked;
        double unmasked;
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            masked = SyntheticImages.meanDistance(Registration.register(fixed, moving, fixedMask, null, p, ctx).affine(),
                RIGID, head);
            unmasked = SyntheticImages.meanDistance(Registration.register(fixed, moving, null, null, p, ctx).affine(),
                RIGID, head);
        }
        assertThat(masked).isLessThan(0.05);
        assertThat(unmasked).isGreaterThan(5 * masked);
    }
}

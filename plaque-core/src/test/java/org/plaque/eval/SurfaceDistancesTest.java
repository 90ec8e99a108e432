package org.plaque.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.plaque.segment.components.TestMasks.ball;
import static org.plaque.segment.components.TestMasks.box;
import static org.plaque.segment.components.TestMasks.grid;
import static org.plaque.segment.components.TestMasks.shift;
import static org.plaque.segment.components.TestMasks.voxels;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.segment.components.TestMasks;

class SurfaceDistancesTest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();
    private static final ExecutionContext THREE = ExecutionContext.of(3, 1L, ProgressListener.NONE);

    @AfterAll
    static void close() {
        THREE.close();
    }

    @Test
    void cubeShiftedAlongAnisotropicZ() {
        // A 4-voxel cube and the same cube 2 voxels higher, spacing 0.5 × 0.7 × 2 mm. Per direction the 56
        // surface voxels are: bottom face 16 × 4 mm, next ring 12 × 2 mm, third ring 12 × 0, top face ring
        // 12 × 0 and top face centre 4 × 0.5 mm (nearest side voxel one x-step away).
        ImageGeometry g = grid(12, 12, 12, 0.5, 0.7, 2.0);
        Mask a = box(g, 2, 2, 2, 5, 5, 5);
        Mask b = shift(a, 0, 0, 2);
        SurfaceDistanceResult r = SurfaceDistances.compute(a, b, ONE);
        assertThat(r.hausdorffMm()).isCloseTo(4.0, within(1e-12));
        assertThat(r.hd95Mm()).isCloseTo(4.0, within(1e-12));
        assertThat(r.assdMm()).isCloseTo(180.0 / 112, within(1e-12));
        double[] ab = SurfaceDistances.directedMm(a, b, ONE);
        assertThat(ab).hasSize(56);
        assertThat(java.util.Arrays.stream(ab).sum()).isCloseTo(90.0, within(1e-9));
    }

    @Test
    void translatedBallHasHausdorffEqualToTheTranslation() {
        // Every surface voxel of A has its translate on B's surface, so d ≤ |t|; the extreme voxel of A
        // against the direction of t is at least |t| from all of B: HD = |t| exactly, in mm.
        ImageGeometry g = grid(24, 24, 24, 0.8, 0.47, 1.3);
        Mask a = ball(g, 10, 11, 9, 5.3);
        Mask b = shift(a, 2, -1, 3);
        double expected = Math.sqrt(1.6 * 1.6 + 0.47 * 0.47 + 3.9 * 3.9);
        SurfaceDistanceResult r = SurfaceDistances.compute(a, b, THREE);
        assertThat(r.hausdorffMm()).isCloseTo(expected, within(1e-12));
        assertThat(r.hd95Mm()).isLessThanOrEqualTo(r.hausdorffMm()).isGreaterThan(0);
        double[] brute = BruteForceSurfaceDistances.summary(a, b);
        assertThat(r.hd95Mm()).isCloseTo(brute[1], within(1e-9));
        assertThat(r.assdMm()).isCloseTo(brute[2], within(1e-9));
    }

    @Test
    void identicalMasksAreZeroApart() {
        ImageGeometry g = grid(9, 8, 7, 0.9, 0.9, 3);
        Mask m = ball(g, 4, 4, 3, 3);
        SurfaceDistanceResult r = SurfaceDistances.compute(m, m, ONE);
        assertThat(r.hausdorffMm()).isZero();
        assertThat(r.hd95Mm()).isZero();
        assertThat(r.assdMm()).isZero();
    }

    @Test
    void singleVoxelsAreTheirCentreDistanceApart() {
        ImageGeometry g = grid(6, 6, 6, 0.5, 1.5, 2.5);
        Mask a = voxels(g, new int[] {1, 1, 1});
        Mask b = voxels(g, new int[] {4, 2, 1});
        SurfaceDistanceResult r = SurfaceDistances.compute(a, b, ONE);
        double d = Math.hypot(1.5, 1.5);
        assertThat(r.hausdorffMm()).isCloseTo(d, within(1e-12));
        assertThat(r.hd95Mm()).isCloseTo(d, within(1e-12));
        assertThat(r.assdMm()).isCloseTo(d, within(1e-12));
    }

    @Test
    void gridBorderCountsAsOutside() {
        // The full grid: every border voxel is surface, the centre is not.
        ImageGeometry g = grid(3, 3, 3, 1, 2, 3);
        Mask full = box(g, 0, 0, 0, 2, 2, 2);
        Mask centre = voxels(g, new int[] {1, 1, 1});
        double[] fromFull = SurfaceDistances.directedMm(full, centre, ONE);
        assertThat(fromFull).hasSize(26);
        assertThat(fromFull).containsExactly(BruteForceSurfaceDistances.directed(full, centre), within(1e-12));
        assertThat(SurfaceDistances.directedMm(centre, full, ONE)).containsExactly(new double[] {1.0}, within(1e-12));
    }

    @Test
    void emptyMasksFollowThePolicy() {
        ImageGeometry g = grid(5, 5, 5);
        Mask empty = Mask.empty(g);
        Mask some = box(g, 1, 1, 1, 2, 2, 2);
        SurfaceDistanceResult oneEmpty = SurfaceDistances.compute(some, empty, ONE);
        assertThat(oneEmpty.hausdorffMm()).isNaN();
        assertThat(oneEmpty.hd95Mm()).isNaN();
        assertThat(oneEmpty.assdMm()).isNaN();
        assertThat(SurfaceDistances.compute(empty, empty, ONE).hausdorffMm()).isNaN();
        SurfaceDistanceResult strict = SurfaceDistances.compute(empty, some, ONE, EmptyPolicy.BOTH_EMPTY_IS_PERFECT);
        assertThat(strict.hausdorffMm()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(strict.assdMm()).isEqualTo(Double.POSITIVE_INFINITY);
        SurfaceDistanceResult bothEmpty = SurfaceDistances.compute(empty, empty, ONE, EmptyPolicy.BOTH_EMPTY_IS_PERFECT);
        assertThat(bothEmpty.hausdorffMm()).isZero();
        assertThat(bothEmpty.hd95Mm()).isZero();
        assertThat(SurfaceDistances.directedMm(empty, some, ONE)).isEmpty();
        assertThat(SurfaceDistances.directedMm(some, empty, ONE)).hasSize(8).containsOnly(Double.POSITIVE_INFINITY);
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4], 95) = 3.85; numpy.percentile([0, 10], 50) = 5.
        assertThat(SurfaceDistances.percentile(new double[] {1, 2, 3, 4}, 95)).isCloseTo(3.85, within(1e-12));
        assertThat(SurfaceDistances.percentile(new double[] {0, 10}, 50)).isCloseTo(5, within(1e-12));
        assertThat(SurfaceDistances.percentile(new double[] {7}, 95)).isEqualTo(7);
        assertThat(SurfaceDistances.percentile(new double[] {1, 2, 3, 4}, 100)).isEqualTo(4);
    }

    @Test
    void rejectsMasksOnDifferentGrids() {
        Mask a = box(grid(5, 5, 5), 1, 1, 1, 2, 2, 2);
        Mask b = box(grid(5, 5, 5, 1, 1, 1.01), 1, 1, 1, 2, 2, 2);
        assertThatThrownBy(() -> SurfaceDistances.compute(a, b, ONE)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("not on the same grid");
    }

    @Test
    void agreesWithBruteForceOnRandomMasksAndSpacings() {
        qt().withFixedSeed(99L).withExamples(80)
            .forAll(longs().all(), integers().between(1, 9), doubles().between(0.2, 0.9), doubles().between(0.3, 3.0))
            .checkAssert((seed, n, density, sz) -> {
                ImageGeometry g = grid(n + 2, n, 1 + (int) Math.floorMod(seed, 7L), 0.47, 0.8, sz);
                Mask a = TestMasks.random(g, seed, density * 0.5);
                Mask b = TestMasks.random(g, seed * 31 + 7, density);
                if (a.count() == 0 || b.count() == 0) {
                    return;
                }
                assertThat(SurfaceDistances.directedMm(a, b, THREE))
                    .containsExactly(BruteForceSurfaceDistances.directed(a, b), within(1e-9));
                assertThat(SurfaceDistances.directedMm(b, a, ONE))
                    .containsExactly(BruteForceSurfaceDistances.directed(b, a), within(1e-9));
                SurfaceDistanceResult r = SurfaceDistances.compute(a, b, THREE);
                double[] brute = BruteForceSurfaceDistances.summary(a, b);
                assertThat(r.hausdorffMm()).isCloseTo(brute[0], within(1e-9));
                assertThat(r.hd95Mm()).isCloseTo(brute[1], within(1e-9));
                assertThat(r.assdMm()).isCloseTo(brute[2], within(1e-9));
                SurfaceDistanceResult swapped = SurfaceDistances.compute(b, a, ONE);
                assertThat(swapped.hausdorffMm()).isCloseTo(r.hausdorffMm(), within(1e-12));
                assertThat(swapped.assdMm()).isCloseTo(r.assdMm(), within(1e-12));
            });
    }

    @Test
    void sparseMasksFarApartInALargerGrid() {
        // Few voxels far apart exercise the bounding box and the +∞ handling of lines without features.
        qt().withFixedSeed(5L).withExamples(40)
            .forAll(longs().all(), integers().between(2, 6))
            .checkAssert((seed, k) -> {
                ImageGeometry g = grid(30, 25, 20, 0.6, 0.9, 1.7);
                Mask a = TestMasks.random(g, seed, k / 15000.0 + 0.0004);
                Mask b = TestMasks.random(g, seed ^ 0x5DEECE66DL, 0.0005);
                if (a.count() == 0 || b.count() == 0) {
                    return;
                }
                assertThat(SurfaceDistances.directedMm(a, b, THREE))
                    .containsExactly(BruteForceSurfaceDistances.directed(a, b), within(1e-9));
            });
    }

    @Test
    void worldDistancesOnARotatedObliqueGrid() {
        // An orthonormal direction (rotation by 30° about z, then axis swap) with anisotropic spacing:
        // distances in index space × spacing equal world distances.
        double c = Math.cos(Math.PI / 6);
        double s = Math.sin(Math.PI / 6);
        double[] sp = {0.7, 1.1, 2.3};
        Affine a = Affine.ofRowMajor(
            c * sp[0], 0, -s * sp[2], 12,
            s * sp[0], 0, c * sp[2], -40,
            0, -sp[1], 0, 7);
        ImageGeometry g = ImageGeometry.of(10, 9, 8, a);
        Mask p = TestMasks.random(g, 42, 0.3);
        Mask t = TestMasks.random(g, 43, 0.2);
        assertThat(SurfaceDistances.directedMm(p, t, ONE))
            .containsExactly(BruteForceSurfaceDistances.directed(p, t), within(1e-9));
    }

    @Test
    void resultDoesNotDependOnThreadCountAndInputsAreUnchanged() {
        ImageGeometry g = grid(40, 37, 23, 0.47, 0.47, 0.8);
        Mask a = TestMasks.random(g, 1, 0.05);
        Mask b = TestMasks.random(g, 2, 0.1);
        boolean[] beforeA = a.toArray();
        boolean[] beforeB = b.toArray();
        assertThat(SurfaceDistances.directedMm(a, b, THREE)).isEqualTo(SurfaceDistances.directedMm(a, b, ONE));
        assertThat(SurfaceDistances.compute(a, b, THREE)).isEqualTo(SurfaceDistances.compute(a, b, ONE));
        assertThat(a.toArray()).isEqualTo(beforeA);
        assertThat(b.toArray()).isEqualTo(beforeB);
    }
}

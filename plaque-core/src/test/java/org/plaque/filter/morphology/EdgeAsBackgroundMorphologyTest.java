package org.plaque.filter.morphology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;
import org.plaque.segment.components.ConnectedComponents;
import org.quicktheories.core.Gen;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Ball morphology under {@link BinaryMorphology.Convention#EDGE_AS_BACKGROUND} (skull stripping's), hole
 * filling in 3-D and per slice, the largest component, and the set operations (moved here with the skull-strip
 * morphology they used to belong to).
 */
class EdgeAsBackgroundMorphologyTest {
    private static final BinaryMorphology.Convention EDGE = BinaryMorphology.Convention.EDGE_AS_BACKGROUND;

    private static final ImageGeometry GRID = ImageGeometry.axisAligned(15, 13, 11, new double[] {1, 1.5, 2},
        new double[] {0, 0, 0});

    private static Mask random(long seed, double density) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Mask.Builder b = Mask.builder(GRID);
        for (int i = 0; i < GRID.voxelCount(); i++) {
            b.set(i, r.nextDouble() < density);
        }
        return b.build();
    }

    /** Brute force: squared world distance between voxel centres. */
    private static double d2(int a, int b) {
        int nx = GRID.nx();
        int ny = GRID.ny();
        double[] s = GRID.spacingMm();
        double dx = (a % nx - b % nx) * s[0];
        double dy = ((a / nx) % ny - (b / nx) % ny) * s[1];
        double dz = (a / (nx * ny) - b / (nx * ny)) * s[2];
        return dx * dx + dy * dy + dz * dz;
    }

    @Test
    void dilationMatchesABruteForceBallOnRandomMasks() {
        Gen<Integer> seeds = integers().between(0, 1000);
        qt().withFixedSeed(49L).withExamples(15).forAll(seeds).checkAssert(seed -> {
            Mask m = random(seed, 0.01);
            double r = 2.6;
            Mask d = BinaryMorphology.dilate(m, r, ExecutionContext.of(2, 1, (s, f) -> { }), EDGE);
            for (int i = 0; i < GRID.voxelCount(); i++) {
                boolean expect = false;
                for (int j = 0; j < GRID.voxelCount() && !expect; j++) {
                    expect = m.get(j) && d2(i, j) <= r * r + 1e-6;
                }
                assertThat(d.get(i)).as("voxel %d", i).isEqualTo(expect);
            }
        });
    }

    @Test
    void erosionIsTheDualOfDilationAwayFromTheEdge() {
        Mask m = random(7, 0.9);
        ExecutionContext ctx = ExecutionContext.singleThreaded();
        Mask e = BinaryMorphology.erode(m, 2.0, ctx, EDGE);
        boolean[] inv = new boolean[GRID.voxelCount()];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = !m.get(i);
        }
        Mask dInv = BinaryMorphology.dilate(Mask.of(GRID, inv), 2.0, ctx, EDGE);
        for (int z = 2; z < GRID.nz() - 2; z++) {
            for (int y = 2; y < GRID.ny() - 2; y++) {
                for (int x = 3; x < GRID.nx() - 3; x++) {
                    assertThat(e.get(x, y, z)).isEqualTo(m.get(x, y, z) && !dInv.get(x, y, z));
                }
            }
        }
        // the edge of the grid counts as outside
        assertThat(BinaryMorphology.erode(Mask.of(GRID, fill(true)), 1.0, ctx, EDGE).get(0, 5, 5)).isFalse();
    }

    private static boolean[] fill(boolean v) {
        boolean[] a = new boolean[GRID.voxelCount()];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void holesAreFilledAndTheLargestComponentIsKept() {
        Mask.Builder b = Mask.builder(GRID);
        // a hollow box 3..9 with a cavity, and a separate voxel
        for (int z = 2; z <= 8; z++) {
            for (int y = 2; y <= 8; y++) {
                for (int x = 2; x <= 8; x++) {
                    boolean shell = x == 2 || x == 8 || y == 2 || y == 8 || z == 2 || z == 8;
                    b.set(x, y, z, shell);
                }
            }
        }
        b.set(12, 11, 9, true);
        Mask m = b.build();
        Mask filled = HoleFilling.fill(m, Connectivity.SIX);
        assertThat(filled.count()).isEqualTo(7 * 7 * 7 + 1);
        assertThat(m.get(5, 5, 5)).isFalse();
        Mask largest = ConnectedComponents.largest(filled, Connectivity.SIX);
        assertThat(largest.count()).isEqualTo(7 * 7 * 7);
        assertThat(largest.get(12, 11, 9)).isFalse();
        assertThat(BinaryMorphology.close(m, 0.5, ExecutionContext.singleThreaded(), EDGE).count()).isEqualTo(m.count());
    }

    @Test
    void perSliceFillingClosesATubeThatIsOpenAtTheEndsOfTheVolume() {
        // a square tube along z through the whole grid: no 3-D hole, one 2-D hole per z slice
        Mask.Builder b = Mask.builder(GRID);
        for (int z = 0; z < GRID.nz(); z++) {
            for (int y = 3; y <= 9; y++) {
                for (int x = 3; x <= 9; x++) {
                    b.set(x, y, z, x == 3 || x == 9 || y == 3 || y == 9);
                }
            }
        }
        Mask tube = b.build();
        Mask before = Mask.of(GRID, tube.toArray());
        assertThat(HoleFilling.fill(tube, Connectivity.SIX).count()).isEqualTo(tube.count());
        Mask filled = HoleFilling.fillPerSlice(tube, 2);
        assertThat(filled.count()).isEqualTo(7 * 7 * GRID.nz());
        // across x or y the slices cut the tube into open strips: nothing to fill
        assertThat(HoleFilling.fillPerSlice(tube, 0).count()).isEqualTo(tube.count());
        assertThat(HoleFilling.fillPerSlice(tube, 1).count()).isEqualTo(tube.count());
        assertThat(tube.toArray()).isEqualTo(before.toArray());
    }

    @Test
    void andAndOrAreTheVoxelwiseIntersectionAndUnion() {
        Mask a = random(1, 0.5);
        Mask b = random(2, 0.5);
        Mask and = BinaryMorphology.and(a, b);
        Mask or = BinaryMorphology.or(a, b);
        for (int i = 0; i < GRID.voxelCount(); i++) {
            assertThat(and.get(i)).isEqualTo(a.get(i) && b.get(i));
            assertThat(or.get(i)).isEqualTo(a.get(i) || b.get(i));
        }
    }

    @Test
    void singlePrecisionDistancesAreTheDoubleOnesRoundedWithinAFloatStep() {
        Mask m = random(3, 0.02);
        ExecutionContext ctx = ExecutionContext.of(2, 1, (s, f) -> { });
        double[] d = DistanceTransform.squaredMm(m, ctx);
        float[] f = DistanceTransform.squaredMmSingle(m, ctx);
        double[] viaArray = new double[d.length];
        DistanceTransform.squaredMm(m.toArray(), GRID.nx(), GRID.ny(), GRID.nz(), GRID.spacingMm(), viaArray, ctx);
        assertThat(viaArray).isEqualTo(d);
        for (int i = 0; i < d.length; i++) {
            assertThat((double) f[i]).isCloseTo(d[i], org.assertj.core.api.Assertions.within(1e-5 * (1 + d[i])));
        }
    }
}

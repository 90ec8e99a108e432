package org.plaque.segment.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plaque.segment.components.TestMasks.box;
import static org.plaque.segment.components.TestMasks.grid;
import static org.plaque.segment.components.TestMasks.union;
import static org.plaque.segment.components.TestMasks.voxels;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;

class ConnectedComponentsTest {

    /** Pairs touching by a face, an edge and a corner, plus a 2×2×2 cube: 6, 18 and 26 differ. */
    private static Mask touchingPairs() {
        ImageGeometry g = grid(12, 4, 4);
        return union(
            voxels(g, new int[] {0, 0, 0}, new int[] {1, 1, 0}),        // edge neighbours
            voxels(g, new int[] {3, 0, 0}, new int[] {4, 1, 1}),        // corner neighbours
            voxels(g, new int[] {6, 0, 0}, new int[] {7, 0, 0}),        // face neighbours
            box(g, 9, 1, 1, 10, 2, 2));                                   // a cube, one component always
    }

    @Test
    void sixEighteenAndTwentySixConnectivityDifferOnPaintedPairs() {
        Mask m = touchingPairs();
        assertThat(ConnectedComponents.label(m, Connectivity.SIX).count()).isEqualTo(6);
        assertThat(ConnectedComponents.label(m, Connectivity.EIGHTEEN).count()).isEqualTo(5);
        assertThat(ConnectedComponents.label(m, Connectivity.TWENTY_SIX).count()).isEqualTo(4);
    }

    @Test
    void labelsAndCountsOfPaintedPairsUnderSixConnectivity() {
        Components c = ConnectedComponents.label(touchingPairs(), Connectivity.SIX);
        // Raster order of first voxels (x fastest): (0,0,0), (3,0,0), (6,0,0), then (1,1,0), then (4,1,1),
        // then the cube starting at (9,1,1).
        assertThat(c.labels().get(0, 0, 0)).isEqualTo(1);
        assertThat(c.labels().get(3, 0, 0)).isEqualTo(2);
        assertThat(c.labels().get(6, 0, 0)).isEqualTo(3);
        assertThat(c.labels().get(7, 0, 0)).isEqualTo(3);
        assertThat(c.labels().get(1, 1, 0)).isEqualTo(4);
        assertThat(c.labels().get(4, 1, 1)).isEqualTo(5);
        assertThat(c.labels().get(9, 1, 1)).isEqualTo(6);
        assertThat(c.labels().get(10, 2, 2)).isEqualTo(6);
        assertThat(c.voxelCounts()).containsExactly(0, 1, 1, 2, 1, 1, 8);
        assertThat(c.labels().get(2, 0, 0)).isZero();
    }

    @Test
    void mergedShapesAreNumberedByTheirFirstVoxel() {
        // A "U" whose arms start at x = 0 and x = 4 and join at y = 3, with a separate voxel between the
        // arms: the right arm gets a later provisional label and must merge into label 1; the single voxel
        // is the second component even though the U's bottom comes after it.
        ImageGeometry g = grid(6, 5, 1);
        Mask m = union(box(g, 0, 0, 0, 0, 3, 0), box(g, 4, 0, 0, 4, 3, 0), box(g, 0, 3, 0, 4, 3, 0),
            voxels(g, new int[] {2, 0, 0}));
        Components c = ConnectedComponents.label(m, Connectivity.SIX);
        assertThat(c.count()).isEqualTo(2);
        assertThat(c.labels().get(0, 0, 0)).isEqualTo(1);
        assertThat(c.labels().get(4, 0, 0)).isEqualTo(1);
        assertThat(c.labels().get(2, 3, 0)).isEqualTo(1);
        assertThat(c.labels().get(2, 0, 0)).isEqualTo(2);
        assertThat(c.voxelCounts()).containsExactly(0, 11, 1);
    }

    @Test
    void emptyAndFullMasks() {
        ImageGeometry g = grid(5, 4, 3);
        Components empty = ConnectedComponents.label(Mask.empty(g), Connectivity.TWENTY_SIX);
        assertThat(empty.count()).isZero();
        assertThat(empty.voxelCounts()).containsExactly(0);
        assertThat(empty.labels().maxLabel()).isZero();
        Components full = ConnectedComponents.label(box(g, 0, 0, 0, 4, 3, 2), Connectivity.SIX);
        assertThat(full.count()).isEqualTo(1);
        assertThat(full.voxelCount(1)).isEqualTo(60);
    }

    @Test
    void componentsDoNotWrapAroundGridEdges() {
        // (4, 0, 0) and (0, 1, 0) are neighbours in linear index (i and i + 1) but not in space; each is
        // edge-connected to one more voxel.
        ImageGeometry g = grid(5, 2, 2);
        Mask m = voxels(g, new int[] {4, 0, 0}, new int[] {0, 1, 0}, new int[] {4, 1, 1}, new int[] {0, 0, 1});
        assertThat(ConnectedComponents.label(m, Connectivity.TWENTY_SIX).count()).isEqualTo(2);
        assertThat(ConnectedComponents.label(m, Connectivity.SIX).count()).isEqualTo(4);
    }

    @Test
    void resultIsImmutableAndInputUnchanged() {
        Mask m = touchingPairs();
        boolean[] before = m.toArray();
        Components c = ConnectedComponents.label(m, Connectivity.SIX);
        int[] counts = c.voxelCounts();
        counts[1] = 999;
        assertThat(c.voxelCounts()[1]).isEqualTo(1);
        assertThat(m.toArray()).isEqualTo(before);
        assertThat(c.labels().geometry()).isEqualTo(m.geometry());
    }

    @Test
    void backwardOffsetsAreHalfTheNeighbourhood() {
        for (Connectivity conn : Connectivity.values()) {
            assertThat(ConnectedComponents.backwardOffsets(conn).length).isEqualTo(conn.neighbours() / 2);
        }
    }

    @Test
    void agreesWithBruteForceFloodFillOnRandomMasks() {
        qt().withFixedSeed(20240611L).withExamples(150)
            .forAll(longs().all(), integers().between(1, 14), integers().between(1, 12), doubles().between(0.05, 0.75))
            .checkAssert((seed, nx, ny, density) -> {
                int nz = 1 + (int) Math.floorMod(seed, 9L);
                Mask m = TestMasks.random(grid(nx, ny, nz), seed, density);
                for (Connectivity conn : Connectivity.values()) {
                    Components c = ConnectedComponents.label(m, conn);
                    int[] expected = BruteForceLabeller.label(m, conn.neighbours());
                    assertThat(c.labels().toArray()).as("%s on %dx%dx%d seed %d", conn, nx, ny, nz, seed)
                        .isEqualTo(expected);
                    assertThat(c.count()).isEqualTo(Arrays.stream(expected).max().orElse(0));
                    assertThat(c.totalVoxels()).isEqualTo(m.count());
                    assertThat(Arrays.stream(c.voxelCounts()).sum()).isEqualTo(m.count());
                }
            });
    }

    @Test
    void countAndSizesInvariantUnderAxisFlips() {
        qt().withFixedSeed(7L).withExamples(60)
            .forAll(longs().all(), integers().between(2, 16), integers().between(0, 2), doubles().between(0.1, 0.7))
            .checkAssert((seed, n, axis, density) -> {
                Mask m = TestMasks.random(grid(n, n + 1, n + 2), seed, density);
                Mask flipped = TestMasks.flip(m, axis);
                for (Connectivity conn : Connectivity.values()) {
                    Components a = ConnectedComponents.label(m, conn);
                    Components b = ConnectedComponents.label(flipped, conn);
                    assertThat(b.count()).isEqualTo(a.count());
                    int[] sa = a.voxelCounts();
                    int[] sb = b.voxelCounts();
                    Arrays.sort(sa);
                    Arrays.sort(sb);
                    assertThat(sb).isEqualTo(sa);
                }
            });
    }

    @Test
    void manyProvisionalLabelsGrowTheUnionFind() {
        // A 3-D checkerboard has no face neighbours: every set voxel is its own 6-component, and under 18
        // connectivity the whole board merges through edges into few components.
        ImageGeometry g = grid(40, 40, 40);
        Mask.Builder b = Mask.builder(g);
        for (int z = 0; z < 40; z++) {
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    b.set(x, y, z, (x + y + z) % 2 == 0);
                }
            }
        }
        Mask m = b.build();
        assertThat(ConnectedComponents.label(m, Connectivity.SIX).count()).isEqualTo(32000);
        assertThat(ConnectedComponents.label(m, Connectivity.EIGHTEEN).count()).isEqualTo(1);
        assertThat(ConnectedComponents.label(m, Connectivity.SIX).labels().toArray())
            .isEqualTo(BruteForceLabeller.label(m, 6));
    }
}

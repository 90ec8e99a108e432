package org.plaque.lesion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.plaque.segment.components.TestMasks.box;
import static org.plaque.segment.components.TestMasks.grid;
import static org.plaque.segment.components.TestMasks.union;
import static org.plaque.segment.components.TestMasks.voxels;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.segment.components.ConnectedComponents;
import org.plaque.segment.components.TestMasks;

class LesionTableTest {
    /** Voxels of 1 × 1 × 3 mm = 3 mm³, origin (10, 20, 30). */
    private static final ImageGeometry GRID = ImageGeometry.axisAligned(12, 10, 8,
        new double[] {1, 1, 3}, new double[] {10, 20, 30});

    /** Cubes of 1, 8 and 27 voxels (3, 24 and 81 mm³), in that raster order of first voxels. */
    private static Mask threeCubes() {
        return union(voxels(GRID, new int[] {0, 0, 0}),
            box(GRID, 3, 0, 0, 4, 1, 1),
            box(GRID, 7, 5, 4, 9, 7, 6));
    }

    @Test
    void sizeFilterIsStrictAndIdsFollowDecreasingVolume() {
        LesionTable t = LesionTable.of(threeCubes(), Connectivity.SIX, 3.0);
        // The single voxel has exactly 3 mm³: not strictly larger, removed.
        assertThat(t.count()).isEqualTo(2);
        List<Lesion> lesions = t.lesions();
        assertThat(lesions.get(0).id()).isEqualTo(1);
        assertThat(lesions.get(0).voxels()).isEqualTo(27);
        assertThat(lesions.get(0).volumeMm3()).isCloseTo(81.0, within(1e-12));
        assertThat(lesions.get(1).voxels()).isEqualTo(8);
        assertThat(lesions.get(1).volumeMm3()).isCloseTo(24.0, within(1e-12));
        assertThat(t.totalVolumeMm3()).isCloseTo(105.0, within(1e-12));
        // Centroids: index means (8, 6, 5) and (3.5, 0.5, 0.5) mapped by spacing and origin.
        assertThat(lesions.get(0).centroidMm()).containsExactly(new double[] {18, 26, 45}, within(1e-12));
        assertThat(lesions.get(1).centroidMm()).containsExactly(new double[] {13.5, 20.5, 31.5}, within(1e-12));
        // Labels carry the ids; the removed voxel is background.
        LabelVolume labels = t.labels();
        assertThat(labels.get(8, 6, 5)).isEqualTo(1);
        assertThat(labels.get(3, 0, 0)).isEqualTo(2);
        assertThat(labels.get(0, 0, 0)).isZero();
        assertThat(labels.maxLabel()).isEqualTo(2);
        assertThat(t.connectivity()).isEqualTo(Connectivity.SIX);
        assertThat(t.minVolumeMm3()).isEqualTo(3.0);
    }

    @Test
    void zeroMinimumKeepsEverythingAndDefaultIsSixConnectivity() {
        LesionTable t = LesionTable.of(threeCubes());
        assertThat(t.count()).isEqualTo(3);
        assertThat(t.connectivity()).isEqualTo(Connectivity.DEFAULT).isEqualTo(Connectivity.SIX);
        assertThat(t.minVolumeMm3()).isZero();
        assertThat(t.lesions()).extracting(Lesion::voxels).containsExactly(27, 8, 1);
        assertThat(t.lesion(3).centroidMm()).containsExactly(new double[] {10, 20, 30}, within(1e-12));
        assertThat(t.voxelCountsById()).containsExactly(0, 27, 8, 1);
    }

    @Test
    void equalVolumesAreOrderedByRasterPositionOfFirstVoxel() {
        ImageGeometry g = grid(10, 10, 10);
        // Component A starts at (5, 0, 0); B starts at (0, 0, 3) later in raster order although its x is
        // smaller; C (bigger) starts last.
        Mask a = box(g, 5, 0, 0, 6, 0, 0);
        Mask b = box(g, 0, 0, 3, 1, 0, 3);
        Mask c = box(g, 0, 5, 8, 2, 5, 8);
        LesionTable t = LesionTable.of(union(b, c, a), Connectivity.SIX, 0);
        assertThat(t.lesions()).extracting(Lesion::voxels).containsExactly(3, 2, 2);
        assertThat(t.labels().get(0, 5, 8)).isEqualTo(1);
        assertThat(t.labels().get(5, 0, 0)).isEqualTo(2);
        assertThat(t.labels().get(0, 0, 3)).isEqualTo(3);
    }

    @Test
    void lesionExactlyAtTheMinimumVolumeIsRemovedDespiteRounding() {
        // 0.1 mm × 1 × 1 voxels: 3 / voxel volume is 30 up to rounding; 30 voxels = 3 mm³ exactly.
        ImageGeometry g = grid(40, 4, 4, 0.1, 1, 1);
        assertThat(LesionTable.maxRemovedVoxels(3.0, g.voxelVolumeMm3())).isEqualTo(30);
        Mask m = union(box(g, 0, 0, 0, 29, 0, 0), box(g, 0, 2, 2, 30, 2, 2));
        LesionTable t = LesionTable.of(m, Connectivity.SIX, 3.0);
        assertThat(t.lesions()).extracting(Lesion::voxels).containsExactly(31);
        // MSSEG voxel count rule: more than floor(3 / 0.17578125) = 17 voxels of the Ljubljana grid.
        assertThat(LesionTable.maxRemovedVoxels(3.0, 0.8 * 0.46875 * 0.46875)).isEqualTo(17);
        assertThat(LesionTable.maxRemovedVoxels(0.0, 0.3)).isZero();
    }

    @Test
    void connectivityChangesLesionCount() {
        ImageGeometry g = grid(6, 6, 6);
        Mask m = union(box(g, 0, 0, 0, 1, 1, 1), box(g, 2, 2, 2, 3, 3, 3));   // cubes touching at a corner
        assertThat(LesionTable.of(m, Connectivity.SIX, 0).count()).isEqualTo(2);
        assertThat(LesionTable.of(m, Connectivity.EIGHTEEN, 0).count()).isEqualTo(2);
        assertThat(LesionTable.of(m, Connectivity.TWENTY_SIX, 0).count()).isEqualTo(1);
    }

    @Test
    void centroidIsInWorldCoordinatesOnARotatedGrid() {
        // Voxel axes: x → world −y, y → world +x, z → world +z; spacing 2, 1, 1; origin (5, 5, 5).
        Affine a = Affine.ofRowMajor(0, 1, 0, 5, -2, 0, 0, 5, 0, 0, 1, 5);
        ImageGeometry g = ImageGeometry.of(6, 6, 6, a);
        Mask m = box(g, 1, 2, 3, 2, 2, 3);            // index mean (1.5, 2, 3)
        Lesion l = LesionTable.of(m).lesion(1);
        assertThat(l.centroidMm()).containsExactly(new double[] {7, 2, 8}, within(1e-12));
        assertThat(l.volumeMm3()).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void lesionIsAnImmutableValue() {
        double[] c = {1, 2, 3};
        Lesion l = new Lesion(1, 5, 2.5, c);
        c[0] = 99;
        l.centroidMm()[1] = 99;
        assertThat(l.centroidMm()).containsExactly(1, 2, 3);
        assertThat(l).isEqualTo(new Lesion(1, 5, 2.5, new double[] {1, 2, 3}));
        assertThatThrownBy(() -> new Lesion(1, 1, 1, new double[2])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNegativeOrNonFiniteMinimum() {
        Mask m = threeCubes();
        assertThatThrownBy(() -> LesionTable.of(m, Connectivity.SIX, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LesionTable.of(m, Connectivity.SIX, Double.NaN))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LesionTable.of(m, Connectivity.SIX, Double.POSITIVE_INFINITY))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyMaskHasNoLesions() {
        LesionTable t = LesionTable.of(Mask.empty(GRID), Connectivity.SIX, 3);
        assertThat(t.count()).isZero();
        assertThat(t.totalVolumeMm3()).isZero();
        assertThat(t.labels().maxLabel()).isZero();
    }

    @Test
    void tableAgreesWithComponentsOnRandomMasks() {
        qt().withFixedSeed(11L).withExamples(60)
            .forAll(longs().all(), integers().between(2, 14), doubles().between(0.05, 0.6), integers().between(0, 6))
            .checkAssert((seed, n, density, minVoxels) -> {
                ImageGeometry g = grid(n, n + 3, 5, 0.5, 1.0, 2.0);   // 1 mm³ voxels
                Mask m = TestMasks.random(g, seed, density);
                boolean[] before = m.toArray();
                for (Connectivity conn : Connectivity.values()) {
                    var comps = ConnectedComponents.label(m, conn);
                    LesionTable all = LesionTable.of(m, conn, 0);
                    assertThat(all.count()).isEqualTo(comps.count());
                    assertThat(all.lesions().stream().mapToInt(Lesion::voxels).sum()).isEqualTo(m.count());
                    assertThat(all.totalVolumeMm3()).isCloseTo(m.volumeMm3(), within(1e-9));
                    LesionTable some = LesionTable.of(m, conn, minVoxels);
                    long expected = java.util.Arrays.stream(comps.voxelCounts()).filter(v -> v > minVoxels).count();
                    assertThat(some.count()).isEqualTo((int) expected);
                    // Ids by non-increasing size, and each label id has exactly that many voxels.
                    int[] perLabel = new int[some.count() + 1];
                    for (int i = 0; i < g.voxelCount(); i++) {
                        perLabel[some.labels().get(i)]++;
                    }
                    for (Lesion l : some.lesions()) {
                        assertThat(perLabel[l.id()]).isEqualTo(l.voxels());
                        if (l.id() > 1) {
                            assertThat(l.voxels()).isLessThanOrEqualTo(some.lesion(l.id() - 1).voxels());
                        }
                    }
                }
                assertThat(m.toArray()).isEqualTo(before);
            });
    }
}

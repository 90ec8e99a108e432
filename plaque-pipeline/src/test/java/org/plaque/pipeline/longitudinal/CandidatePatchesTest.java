package org.plaque.pipeline.longitudinal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.spatial.Reorient;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.segment.lesion.RobustIntensity;

/** Distance maps and candidate patches on a synthetic ellipsoidal brain with anisotropic voxels. */
class CandidatePatchesTest {
    private static final ExecutionContext CTX = ExecutionContext.of(2, 1, (s, f) -> { });
    /** RAS storage, anisotropic spacing. */
    private static final ImageGeometry GRID = ImageGeometry.axisAligned(40, 48, 30, new double[] {1.5, 1.2, 2.0},
        new double[] {-30, -28, -30});

    /** An ellipsoid off the grid centre (world semi-axes 22, 24, 20 mm around (0, 1, -1)). */
    private static Mask brain(ImageGeometry g) {
        Mask.Builder b = Mask.builder(g);
        double[] w = new double[3];
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    g.voxelToWorld().apply(x, y, z, w);
                    double q = sq(w[0] / 22) + sq((w[1] - 1) / 24) + sq((w[2] + 1) / 20);
                    b.set(x, y, z, q <= 1);
                }
            }
        }
        return b.build();
    }

    private static double sq(double v) {
        return v * v;
    }

    @Test
    void mapsAreMonotoneAlongTheirAxes() {
        Mask m = brain(GRID);
        CandidatePatches.DistanceMaps d = CandidatePatches.distanceMaps(m, CTX);
        int cx = 20, cy = 24, cz = 14;
        // vertex → neck falls with z (superior = +z in RAS storage), occiput → nose rises with y
        for (int z = 1; z < GRID.nz(); z++) {
            assertThat(d.vertexToNeck().get(cx, cy, z)).isLessThan(d.vertexToNeck().get(cx, cy, z - 1));
        }
        for (int y = 1; y < GRID.ny(); y++) {
            assertThat(d.occiputToNose().get(cx, y, cz)).isGreaterThan(d.occiputToNose().get(cx, y - 1, cz));
        }
        // 0 and 1 at the brain's extremes
        float topMin = Float.MAX_VALUE, frontMax = -Float.MAX_VALUE, backMin = Float.MAX_VALUE;
        float bottomMax = -Float.MAX_VALUE;
        for (int i = 0; i < GRID.voxelCount(); i++) {
            if (m.get(i)) {
                topMin = Math.min(topMin, d.vertexToNeck().get(i));
                bottomMax = Math.max(bottomMax, d.vertexToNeck().get(i));
                backMin = Math.min(backMin, d.occiputToNose().get(i));
                frontMax = Math.max(frontMax, d.occiputToNose().get(i));
            } else {
                assertThat(d.depthMm().get(i)).isZero();
            }
        }
        assertThat(new float[] {topMin, backMin}).containsOnly(0f);
        assertThat(new float[] {bottomMax, frontMax}).containsOnly(1f);
        // depth grows from the edge towards the centre along x through the centre, and is at least one voxel
        int edge = -1;
        for (int x = 0; x <= cx; x++) {
            if (m.get(x, cy, cz)) {
                if (edge < 0) {
                    edge = x;
                    assertThat(d.depthMm().get(x, cy, cz)).isBetween(1.0f, 1.6f);
                } else {
                    assertThat(d.depthMm().get(x, cy, cz)).isGreaterThanOrEqualTo(d.depthMm().get(x - 1, cy, cz));
                }
            }
        }
        assertThat(d.depthMm().get(cx, cy, cz)).isGreaterThan(15f);
    }

    @Test
    void mapsDoNotDependOnStorageOrientation() {
        Mask ras = brain(GRID);
        CandidatePatches.DistanceMaps a = CandidatePatches.distanceMaps(ras, CTX);
        for (String code : new String[] {"LPS", "PIL"}) {
            Mask other = Reorient.to(ras, code);
            assertThat(other.geometry().nx()).isPositive();
            CandidatePatches.DistanceMaps b = CandidatePatches.distanceMaps(other, CTX);
            ScalarVolume[] back = {Reorient.to(b.depthMm(), "RAS"), Reorient.to(b.vertexToNeck(), "RAS"),
                Reorient.to(b.occiputToNose(), "RAS")};
            ScalarVolume[] want = {a.depthMm(), a.vertexToNeck(), a.occiputToNose()};
            for (int c = 0; c < 3; c++) {
                assertThat(back[c].geometry().sameGrid(GRID, org.plaque.geom.Tolerance.DEFAULT)).isTrue();
                for (int i = 0; i < GRID.voxelCount(); i++) {
                    assertThat(back[c].get(i)).as(code + " map " + c + " voxel " + i)
                        .isCloseTo(want[c].get(i), org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
    }

    @Test
    void patchesHoldTheCandidateBoxWithPaddingAndLabels() {
        Mask m = brain(GRID);
        ScalarVolume.Builder fb = ScalarVolume.builder(GRID);
        ScalarVolume.Builder bb = ScalarVolume.builder(GRID);
        float[] fa = fb.array();
        float[] ba = bb.array();
        for (int i = 0; i < fa.length; i++) {
            fa[i] = 100 + (i * 37 % 101);
            ba[i] = 90 + (i * 53 % 97);
        }
        ScalarVolume f = fb.build();
        ScalarVolume b = bb.build();
        float[] fBefore = f.toArray();
        // a 3×2×2 block in the middle and a 2-voxel one touching the x = 0 face
        int[] mid = {idx(18, 20, 10), idx(19, 20, 10), idx(20, 20, 10), idx(18, 21, 10), idx(19, 21, 10),
            idx(20, 21, 10), idx(18, 20, 11), idx(19, 20, 11), idx(20, 20, 11), idx(18, 21, 11), idx(19, 21, 11),
            idx(20, 21, 11)};
        int[] edge = {idx(0, 5, 3), idx(1, 5, 3)};
        List<Candidate> cands = List.of(new Candidate(true, mid, 12 * 3.6, 3, 0, 1.5, 1, Double.NaN),
            new Candidate(false, edge, 2 * 3.6, 3, 0, 1.5, 1, Double.NaN));
        Mask.Builder gt = Mask.builder(GRID);
        for (int k = 0; k < 6; k++) {
            gt.array()[mid[k]] = true;
        }
        CandidatePatches.DistanceMaps maps = CandidatePatches.distanceMaps(m, CTX);
        List<CandidatePatches.Patch> p = CandidatePatches.of(cands, b, f, m, maps, gt.build());
        assertThat(p).hasSize(2);
        CandidatePatches.Patch a = p.get(0);
        assertThat(a.originVoxel()).containsExactly(16, 18, 8);
        assertThat(a.sizeVoxels()).containsExactly(7, 6, 6);
        assertThat(a.channels()).hasSize(5 * 7 * 6 * 6);
        assertThat(a.label()).isEqualTo(0.5);
        assertThat(a.increase()).isTrue();
        RobustIntensity stats = LongitudinalChangeDetector.tissueStatistics(f, m, "f");
        // layout (C, D, H, W), x fastest
        float[] ch = a.channels();
        int x = 3, y = 4, z = 5;
        int plane = 7 * 6 * 6;
        int at = (z * 6 + y) * 7 + x;
        int gi = idx(16 + x, 18 + y, 8 + z);
        assertThat(ch[at]).isCloseTo((float) stats.z(b.get(gi)), org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(ch[plane + at]).isCloseTo((float) stats.z(f.get(gi)), org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(ch[2 * plane + at]).isEqualTo(maps.depthMm().get(gi));
        assertThat(ch[3 * plane + at]).isEqualTo(maps.vertexToNeck().get(gi));
        assertThat(ch[4 * plane + at]).isEqualTo(maps.occiputToNose().get(gi));
        assertThat(a.value(4, x, y, z)).isEqualTo(maps.occiputToNose().get(gi));
        CandidatePatches.Patch e = p.get(1);
        assertThat(e.originVoxel()).containsExactly(0, 3, 1);
        assertThat(e.sizeVoxels()).containsExactly(4, 5, 5);
        assertThat(e.label()).isZero();
        assertThat(e.increase()).isFalse();
        assertThat(f.toArray()).isEqualTo(fBefore);
        assertThat(CandidatePatches.of(cands, b, f, m, maps, null).get(0).label()).isNaN();
    }

    private static int idx(int x, int y, int z) {
        return GRID.index(x, y, z);
    }
}

package org.plaque.filter.morphology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;

class BinaryMorphologyTest {
    private static final ExecutionContext CTX = ExecutionContext.singleThreaded();

    static ImageGeometry grid(int nx, int ny, int nz, double sx, double sy, double sz) {
        return ImageGeometry.axisAligned(nx, ny, nz, new double[] {sx, sy, sz}, new double[] {0, 0, 0});
    }

    static Mask point(ImageGeometry g, int x, int y, int z) {
        return Mask.builder(g).set(x, y, z, true).build();
    }

    @Test
    void dilatingOneVoxelGivesTheDigitalBallOfEachRadius() {
        ImageGeometry g = grid(9, 9, 9, 1, 1, 1);
        Mask p = point(g, 4, 4, 4);
        assertThat(BinaryMorphology.dilate(p, 0.5, CTX).count()).isEqualTo(1);
        assertThat(BinaryMorphology.dilate(p, 1, CTX).count()).isEqualTo(7);          // face neighbours
        assertThat(BinaryMorphology.dilate(p, Math.sqrt(2), CTX).count()).isEqualTo(19); // + edges
        assertThat(BinaryMorphology.dilate(p, Math.sqrt(3), CTX).count()).isEqualTo(27); // + corners
        assertThat(BinaryMorphology.dilate(p, 2, CTX).count()).isEqualTo(33);         // + (±2,0,0)…
    }

    @Test
    void theBallFollowsAnisotropicSpacing() {
        ImageGeometry g = grid(9, 9, 9, 1, 1, 2);
        Mask d = BinaryMorphology.dilate(point(g, 4, 4, 4), 2, CTX);
        // in-plane: the radius-2 disc (13 voxels); one slice up (2 mm away): the centre only
        assertThat(d.count()).isEqualTo(13 + 2);
        assertThat(d.get(4, 4, 5)).isTrue();
        assertThat(d.get(5, 4, 5)).isFalse();
        assertThat(d.get(6, 4, 4)).isTrue();
    }

    @Test
    void dilationAndErosionMatchABruteForceBallOnRandomMasks() {
        qt().withFixedSeed(51L).withExamples(25)
            .forAll(longs().all(), doubles().between(0, 2.6)).checkAssert((seed, r) -> {
            ImageGeometry g = grid(9, 8, 7, 1, 1.2, 0.9);
            Mask m = random(g, seed, 0.3);
            assertThat(BinaryMorphology.dilate(m, r, CTX).toArray()).isEqualTo(bruteForce(m, r, true));
            assertThat(BinaryMorphology.erode(m, r, CTX).toArray()).isEqualTo(bruteForce(m, r, false));
        });
    }

    @Test
    void erosionShrinksACubeAndTreatsTheOutsideOfTheGridAsForeground() {
        ImageGeometry g = grid(10, 10, 10, 1, 1, 1);
        Mask.Builder b = Mask.builder(g);
        for (int z = 2; z <= 6; z++) {
            for (int y = 2; y <= 6; y++) {
                for (int x = 2; x <= 6; x++) {
                    b.set(x, y, z, true);
                }
            }
        }
        Mask cube = b.build();
        assertThat(BinaryMorphology.erode(cube, 1, CTX).count()).isEqualTo(27);
        Mask all = Mask.of(g, filled(g.voxelCount()));
        assertThat(BinaryMorphology.erode(all, 3, CTX).count()).isEqualTo(1000);
    }

    @Test
    void openingRemovesThinStructuresAndClosingBridgesGaps() {
        ImageGeometry g = grid(20, 9, 9, 1, 1, 1);
        Mask.Builder b = Mask.builder(g);
        for (int z = 2; z <= 6; z++) {
            for (int y = 2; y <= 6; y++) {
                for (int x = 1; x <= 5; x++) {
                    b.set(x, y, z, true);       // a 5³ cube at x = 1..5
                    b.set(x + 7, y, z, true);   // another at x = 8..12
                }
            }
        }
        for (int x = 6; x <= 18; x++) {
            b.set(x, 4, 4, true);               // a one-voxel-thick line
        }
        Mask m = b.build();
        Mask opened = BinaryMorphology.open(m, 1, CTX);
        assertThat(opened.get(15, 4, 4)).isFalse();   // the line is gone
        assertThat(opened.get(3, 4, 4)).isTrue();     // the cubes stay
        assertThat(opened.get(10, 4, 4)).isTrue();
        // a 3×3 bar with a one-voxel gap at x = 5: closing with a 1 mm ball bridges it
        ImageGeometry g2 = grid(12, 7, 7, 1, 1, 1);
        Mask.Builder bar = Mask.builder(g2);
        for (int x = 1; x <= 10; x++) {
            for (int y = 2; y <= 4; y++) {
                for (int z = 2; z <= 4; z++) {
                    bar.set(x, y, z, x != 5);
                }
            }
        }
        Mask closed = BinaryMorphology.close(bar.build(), 1, CTX);
        assertThat(closed.get(5, 3, 3)).isTrue();
        assertThat(closed.get(5, 5, 3)).isFalse(); // nothing grows outside the bar
    }

    @Test
    void inputsAreUnchangedAndResultsDoNotDependOnThreads() {
        ImageGeometry g = grid(16, 15, 14, 1, 1, 1);
        Mask m = random(g, 3, 0.4);
        boolean[] before = m.toArray();
        Mask a = BinaryMorphology.dilate(m, 1.8, CTX);
        Mask b;
        try (ExecutionContext four = ExecutionContext.of(4, 1, ProgressListener.NONE)) {
            b = BinaryMorphology.dilate(m, 1.8, four);
        }
        assertThat(m.toArray()).isEqualTo(before);
        assertThat(b.toArray()).isEqualTo(a.toArray());
        assertThatThrownBy(() -> BinaryMorphology.dilate(m, -1, CTX)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void distanceTransformKnownAnswers() {
        ImageGeometry g = grid(5, 1, 1, 2, 1, 1);
        double[] d = DistanceTransform.squaredMm(point(g, 0, 0, 0), CTX);
        assertThat(d).containsExactly(0, 4, 16, 36, 64);
        assertThat(DistanceTransform.squaredMm(Mask.empty(g), CTX)).containsOnly(Double.POSITIVE_INFINITY);
    }

    static Mask random(ImageGeometry g, long seed, double p) {
        Random r = new Random(seed);
        boolean[] a = new boolean[g.voxelCount()];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble() < p;
        }
        return Mask.of(g, a);
    }

    private static boolean[] filled(int n) {
        boolean[] a = new boolean[n];
        java.util.Arrays.fill(a, true);
        return a;
    }

    /** Dilation/erosion by visiting every offset within r mm; outside the grid: background / foreground. */
    private static boolean[] bruteForce(Mask m, double r, boolean dilate) {
        ImageGeometry g = m.geometry();
        double[] s = g.spacingMm();
        int[] rad = {(int) (r / s[0]) + 1, (int) (r / s[1]) + 1, (int) (r / s[2]) + 1};
        boolean[] out = new boolean[g.voxelCount()];
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    boolean any = false;
                    boolean all = true;
                    for (int dz = -rad[2]; dz <= rad[2]; dz++) {
                        for (int dy = -rad[1]; dy <= rad[1]; dy++) {
                            for (int dx = -rad[0]; dx <= rad[0]; dx++) {
                                double d2 = Math.pow(dx * s[0], 2) + Math.pow(dy * s[1], 2) + Math.pow(dz * s[2], 2);
                                if (d2 > r * r * (1 + 1e-9)) {
                                    continue;
                                }
                                int xx = x + dx;
                                int yy = y + dy;
                                int zz = z + dz;
                                boolean inside = g.contains(xx, yy, zz);
                                boolean v = inside && m.get(xx, yy, zz);
                                any |= v;
                                all &= !inside || v;
                            }
                        }
                    }
                    out[g.index(x, y, z)] = dilate ? any : m.get(x, y, z) && all;
                }
            }
        }
        return out;
    }
}

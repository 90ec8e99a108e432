package org.plaque.filter.smoothing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

class NonLocalMeansTest {

    /** Noisy blobs inside a zero margin, so the non-zero bounding box shortcut is exercised. */
    private static ScalarVolume blobsInZeroMargin(ImageGeometry g, int margin, long seed) {
        ScalarVolume blobs = TestVolumes.noisyBlobs(g, seed, 12);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    boolean inside = x >= margin && x < g.nx() - margin && y >= margin && y < g.ny() - margin
                        && z >= 1 && z < g.nz() - 1;
                    b.set(x, y, z, inside ? blobs.get(x, y, z) : 0f);
                }
            }
        }
        return b.build();
    }

    @Test
    void equalsABruteForceEvaluationOfTheDefinition() {
        ImageGeometry g = TestVolumes.obliqueGeometry(20, 18, 12);
        ScalarVolume in = blobsInZeroMargin(g, 7, 2);
        int r = 2;
        int p = 1;
        double h = 15;
        ScalarVolume out = new NonLocalMeans(new NonLocalMeans.Params(r, p, h)).apply(in, ExecutionContext.singleThreaded());
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int patch = (2 * p + 1) * (2 * p + 1) * (2 * p + 1);
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double num = 0;
                    double den = 0;
                    double wmax = 0;
                    for (int dz = -r; dz <= r; dz++) {
                        for (int dy = -r; dy <= r; dy++) {
                            for (int dx = -r; dx <= r; dx++) {
                                int jx = x + dx;
                                int jy = y + dy;
                                int jz = z + dz;
                                if ((dx == 0 && dy == 0 && dz == 0) || !g.contains(jx, jy, jz)) {
                                    continue;
                                }
                                double d2 = 0;
                                for (int kz = -p; kz <= p; kz++) {
                                    for (int ky = -p; ky <= p; ky++) {
                                        for (int kx = -p; kx <= p; kx++) {
                                            double diff = at(in, x + kx, y + ky, z + kz) - at(in, jx + kx, jy + ky, jz + kz);
                                            d2 += diff * diff;
                                        }
                                    }
                                }
                                double w = Math.exp(-d2 / patch / (h * h));
                                num += w * in.get(jx, jy, jz);
                                den += w;
                                wmax = Math.max(wmax, w);
                            }
                        }
                    }
                    double expected = (num + wmax * in.get(x, y, z)) / (den + wmax);
                    assertThat((double) out.get(x, y, z)).as("(%d,%d,%d)", x, y, z)
                        .isCloseTo(expected, within(1e-3 + 1e-5 * Math.abs(expected)));
                }
            }
        }
    }

    @Test
    void inputUnchangedGeometryKeptAndSameOutputForAnyThreadCount() {
        ImageGeometry g = TestVolumes.obliqueGeometry(19, 17, 23);
        ScalarVolume in = blobsInZeroMargin(g, 3, 4);
        float[] before = in.toArray();
        NonLocalMeans f = new NonLocalMeans(new NonLocalMeans.Params(3, 1, NonLocalMeans.Params.AUTO_H));
        float[][] outs = new float[3][];
        for (int t = 1; t <= 3; t++) {
            try (ExecutionContext ctx = ExecutionContext.of(t, 9, ProgressListener.NONE)) {
                ScalarVolume o = f.apply(in, ctx);
                assertThat(o.geometry()).isEqualTo(g);
                outs[t - 1] = o.toArray();
            }
        }
        assertThat(in.toArray()).containsExactly(before);
        assertThat(outs[1]).containsExactly(outs[0]);
        assertThat(outs[2]).containsExactly(outs[0]);
    }

    @Test
    void removesMostOfTheNoiseOfAFlatImage() {
        ImageGeometry g = ImageGeometry.axisAligned(24, 24, 24, new double[] {1, 1, 1}, new double[3]);
        Random rnd = new Random(3);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int i = 0; i < g.voxelCount(); i++) {
            b.set(i, (float) (100 + 10 * rnd.nextGaussian()));
        }
        ScalarVolume in = b.build();
        ScalarVolume out = NonLocalMeans.withDefaults().apply(in, ExecutionContext.singleThreaded());
        assertThat(Math.sqrt(DiffusionFiltersTest.variance(out.toArray())))
            .isLessThan(Math.sqrt(DiffusionFiltersTest.variance(in.toArray())) / 3);
        assertThat(NonLocalMeans.withDefaults().effectiveH(in))
            .isEqualTo(Math.sqrt(2.0) * NoiseEstimate.sigma(in));
    }

    @Test
    void constantAndZeroImagesStayAsTheyAre() {
        ImageGeometry g = TestVolumes.obliqueGeometry(9, 9, 9);
        ScalarVolume c = ScalarVolume.filled(g, 12.5f);
        // No noise: automatic h is 0 and the filter returns a copy.
        assertThat(NonLocalMeans.withDefaults().apply(c, ExecutionContext.singleThreaded()).toArray())
            .containsExactly(c.toArray());
        ScalarVolume out = new NonLocalMeans(new NonLocalMeans.Params(2, 1, 5)).apply(c, ExecutionContext.singleThreaded());
        for (int i = 0; i < g.voxelCount(); i++) {
            assertThat(out.get(i)).isCloseTo(12.5f, within(1e-5f));
        }
        ScalarVolume zero = ScalarVolume.filled(g, 0f);
        assertThat(new NonLocalMeans(new NonLocalMeans.Params(2, 1, 5)).apply(zero, ExecutionContext.singleThreaded())
            .toArray()).containsOnly(0f);
    }

    @Test
    void tabulatedExponentialIsAccurate() {
        for (double x = 0; x < 29.9; x += 0.0137) {
            double e = Math.exp(-x);
            assertThat((double) NonLocalMeans.expNeg((float) x)).isCloseTo(e, within(1e-5 * e + 1e-7));
        }
        assertThat(NonLocalMeans.expNeg(30f)).isEqualTo(0f);
        assertThat(NonLocalMeans.expNeg(Float.POSITIVE_INFINITY)).isEqualTo(0f);
        assertThat(NonLocalMeans.expNeg(0f)).isEqualTo(1f);
    }

    @Test
    void halfWindowHoldsEachPairOnce() {
        int r = 3;
        int[][] half = NonLocalMeans.halfWindow(r);
        assertThat(half).hasNumberOfRows(171);
        Set<String> seen = new HashSet<>();
        for (int[] d : half) {
            assertThat(seen.add(d[0] + "," + d[1] + "," + d[2])).isTrue();
            assertThat(seen).doesNotContain(-d[0] + "," + -d[1] + "," + -d[2]);
            assertThat(Math.max(Math.abs(d[0]), Math.max(Math.abs(d[1]), Math.abs(d[2])))).isBetween(1, r);
        }
    }

    @Test
    void documentedDefaultsAndInvalidParams() {
        assertThat(NonLocalMeans.Params.DEFAULTS.searchRadius()).isEqualTo(3);
        assertThat(NonLocalMeans.Params.DEFAULTS.patchRadius()).isEqualTo(1);
        assertThat(NonLocalMeans.Params.DEFAULTS.autoH()).isTrue();
        assertThat(NonLocalMeans.withDefaults().params()).isEqualTo(NonLocalMeans.Params.DEFAULTS);
        assertThat(NonLocalMeans.withDefaults().name()).isEqualTo("nlm");
        assertThatThrownBy(() -> new NonLocalMeans.Params(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("search radius");
        assertThatThrownBy(() -> new NonLocalMeans.Params(11, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NonLocalMeans.Params(3, -1, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("patch radius");
        assertThatThrownBy(() -> new NonLocalMeans.Params(3, 1, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("h must");
        assertThatThrownBy(() -> new NonLocalMeans.Params(3, 1, Double.POSITIVE_INFINITY))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static double at(ScalarVolume v, int x, int y, int z) {
        ImageGeometry g = v.geometry();
        return v.get(Math.max(0, Math.min(g.nx() - 1, x)), Math.max(0, Math.min(g.ny() - 1, y)),
            Math.max(0, Math.min(g.nz() - 1, z)));
    }
}

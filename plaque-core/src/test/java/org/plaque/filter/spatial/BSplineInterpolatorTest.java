package org.plaque.filter.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

/** Cubic B-spline interpolation: interpolating, exact on low-order polynomials, mirror boundaries, threads. */
class BSplineInterpolatorTest {

    private static ScalarVolume random(Random r, int nx, int ny, int nz) {
        ImageGeometry g = ImageGeometry.axisAligned(nx, ny, nz, new double[] {1, 1, 1}, new double[3]);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        float[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (100 * r.nextGaussian());
        }
        return b.build();
    }

    @Test
    void passesThroughEveryVoxelValue() {
        qt().withFixedSeed(71).withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            // short axes too: 1 voxel (constant), 2 and 3 (exact mirror sums), up to longer than the horizon
            ScalarVolume v = random(r, 1 + r.nextInt(30), 1 + r.nextInt(5), 1 + r.nextInt(25));
            float[] before = v.toArray();
            BSplineInterpolator s = BSplineInterpolator.of(v, ExecutionContext.singleThreaded());
            ImageGeometry g = v.geometry();
            for (int k = 0; k < g.nz(); k++) {
                for (int j = 0; j < g.ny(); j++) {
                    for (int i = 0; i < g.nx(); i++) {
                        assertThat(s.valueAt(i, j, k)).isCloseTo(v.get(i, j, k), within(2e-3));
                    }
                }
            }
            assertThat(v.toArray()).containsExactly(before);
        });
    }

    @Test
    void reproducesAQuadraticAwayFromTheBorders() {
        ImageGeometry g = ImageGeometry.axisAligned(40, 40, 40, new double[] {1, 1, 1}, new double[3]);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int k = 0; k < 40; k++) {
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    b.set(i, j, k, (float) quadratic(i, j, k));
                }
            }
        }
        BSplineInterpolator s = BSplineInterpolator.of(b.build(), ExecutionContext.singleThreaded());
        Random r = new Random(72);
        for (int n = 0; n < 500; n++) {
            double x = 14 + 12 * r.nextDouble();
            double y = 14 + 12 * r.nextDouble();
            double z = 14 + 12 * r.nextDouble();
            // the mirror boundary's influence decays as 0.268^distance: ~1e-6 relative here
            assertThat(s.valueAt(x, y, z)).isCloseTo(quadratic(x, y, z), within(2e-3));
        }
    }

    private static double quadratic(double x, double y, double z) {
        return 10 + 2 * x - 3 * y + 0.5 * z + 0.2 * x * x - 0.1 * x * y + 0.15 * z * z;
    }

    @Test
    void isMirrorSymmetricAboutTheOutermostCentres() {
        Random r = new Random(73);
        ScalarVolume v = random(r, 7, 6, 5);
        BSplineInterpolator s = BSplineInterpolator.of(v, ExecutionContext.singleThreaded());
        for (int n = 0; n < 100; n++) {
            double d = 0.5 * r.nextDouble();
            double y = 5 * r.nextDouble();
            double z = 4 * r.nextDouble();
            assertThat(s.valueAt(-d, y, z)).isCloseTo(s.valueAt(d, y, z), within(1e-9));
            assertThat(s.valueAt(6 + d, y, z)).isCloseTo(s.valueAt(6 - d, y, z), within(1e-9));
        }
        assertThat(BSplineInterpolator.mirror(-1, 5)).isEqualTo(1);
        assertThat(BSplineInterpolator.mirror(5, 5)).isEqualTo(3);
        assertThat(BSplineInterpolator.mirror(-3, 2)).isEqualTo(1);
        assertThat(BSplineInterpolator.mirror(7, 1)).isZero();
    }

    @Test
    void coefficientsDoNotDependOnTheThreadCount() {
        Random r = new Random(74);
        ScalarVolume v = random(r, 33, 29, 31);
        BSplineInterpolator one = BSplineInterpolator.of(v, ExecutionContext.singleThreaded());
        try (ExecutionContext ctx = ExecutionContext.of(3, 1, ProgressListener.NONE)) {
            BSplineInterpolator three = BSplineInterpolator.of(v, ctx);
            for (int n = 0; n < 200; n++) {
                double x = 32 * r.nextDouble();
                double y = 28 * r.nextDouble();
                double z = 30 * r.nextDouble();
                assertThat(three.valueAt(x, y, z)).isEqualTo(one.valueAt(x, y, z));
            }
        }
    }
}

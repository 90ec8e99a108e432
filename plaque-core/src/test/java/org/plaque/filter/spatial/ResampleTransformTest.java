package org.plaque.filter.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Interpolation;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.registration.transform.AffineTransform;
import org.plaque.registration.transform.BSplineTransform;
import org.plaque.registration.transform.CompositeTransform;
import org.plaque.registration.transform.Transform;

/** Resampling through {@link Transform}s: linear fast path, point-wise path, B-spline and composite chains. */
class ResampleTransformTest {
    private static final ExecutionContext CTX = ExecutionContext.of(2, 1, ProgressListener.NONE);

    @AfterAll
    static void close() {
        CTX.close();
    }

    /** A smooth image on an oblique 24×22×20 grid, so that every interpolation is well conditioned. */
    private static ScalarVolume smooth(Random r) {
        ImageGeometry g = ImageGeometry.of(new int[] {24, 22, 20}, new double[] {1.1, 0.9, 1.3},
            new double[] {-13, -10, -12}, SpatialFixtures.rotation(r, 15));
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int k = 0; k < 20; k++) {
            for (int j = 0; j < 22; j++) {
                for (int i = 0; i < 24; i++) {
                    b.set(i, j, k, (float) (100 + 40 * Math.sin(i * 0.3) * Math.cos(j * 0.25) + 3 * k));
                }
            }
        }
        return b.build();
    }

    private static AffineTransform randomAffine(Random r) {
        double[][] rot = SpatialFixtures.rotation(r, 8);
        double[] m = new double[9];
        for (int i = 0; i < 9; i++) {
            m[i] = rot[i / 3][i % 3] * (1 + 0.05 * r.nextGaussian());
        }
        return AffineTransform.of(m, new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()},
            new double[] {2 * r.nextGaussian(), 2 * r.nextGaussian(), 2 * r.nextGaussian()});
    }

    @Test
    void linearTransformsTakeTheAffinePathExactly() {
        qt().withFixedSeed(81).withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ScalarVolume s = smooth(r);
            ImageGeometry t = ImageGeometry.axisAligned(20, 20, 18, new double[] {1, 1, 1}, new double[] {-10, -10, -9});
            AffineTransform a = randomAffine(r);
            for (Interpolation interp : Interpolation.values()) {
                float[] viaAffine = Resample.scalar(s, t, a.toAffine(), interp, -1, CTX).toArray();
                assertThat(Resample.scalar(s, t, a, interp, -1, CTX).toArray()).containsExactly(viaAffine);
                assertThat(Resample.scalar(s, t, CompositeTransform.of(a), interp, -1, CTX).toArray())
                    .containsExactly(viaAffine);
            }
        });
    }

    @Test
    void pointwisePathAgreesWithTheAffinePath() {
        qt().withFixedSeed(82).withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ScalarVolume s = smooth(r);
            ImageGeometry t = ImageGeometry.axisAligned(20, 20, 18, new double[] {1, 1, 1}, new double[] {-10, -10, -9});
            AffineTransform a = randomAffine(r);
            Transform opaque = a::transformPoint; // not recognisably linear: evaluated voxel by voxel
            for (Interpolation interp : new Interpolation[] {Interpolation.LINEAR, Interpolation.BSPLINE}) {
                float[] fast = Resample.scalar(s, t, a.toAffine(), interp, -1, CTX).toArray();
                float[] slow = Resample.scalar(s, t, opaque, interp, -1, CTX).toArray();
                int differ = 0;
                for (int i = 0; i < fast.length; i++) {
                    if (fast[i] == -1 || slow[i] == -1) {
                        differ += fast[i] != slow[i] ? 1 : 0; // only on the border, by rounding
                    } else {
                        assertThat(slow[i]).isCloseTo(fast[i], within(1e-3f));
                    }
                }
                assertThat(differ).isLessThan(5);
            }
        });
    }

    @Test
    void aBSplineThenAffineChainIsSampledWherePointsLand() {
        Random r = new Random(83);
        ScalarVolume s = smooth(r);
        ImageGeometry t = ImageGeometry.axisAligned(16, 15, 14, new double[] {1.2, 1.2, 1.2},
            new double[] {-9, -9, -8});
        BSplineTransform spline = BSplineTransform.overDomain(t, new int[] {3, 3, 3});
        double[] p = new double[spline.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1.5 * r.nextGaussian();
        }
        CompositeTransform chain = CompositeTransform.of(randomAffine(r), spline.withParameters(p));
        ScalarVolume out = Resample.scalar(s, t, chain, Interpolation.LINEAR, Float.NaN, CTX);
        BSplineInterpolator reference = BSplineInterpolator.of(s, CTX);
        ScalarVolume outSpline = Resample.scalar(s, t, chain, Interpolation.BSPLINE, Float.NaN, CTX);
        int inside = 0;
        for (int k = 0; k < t.nz(); k++) {
            for (int j = 0; j < t.ny(); j++) {
                for (int i = 0; i < t.nx(); i++) {
                    double[] x = t.voxelToWorld().apply(i, j, k);
                    double[] q = new double[3];
                    chain.transformPoint(x, q);
                    double[] c = s.geometry().worldToVoxel().apply(q[0], q[1], q[2]);
                    boolean in = c[0] >= 0 && c[0] <= 23 && c[1] >= 0 && c[1] <= 21 && c[2] >= 0 && c[2] <= 19;
                    if (!in) {
                        continue;
                    }
                    inside++;
                    assertThat((double) outSpline.get(i, j, k)).isCloseTo(reference.valueAt(c[0], c[1], c[2]),
                        within(1e-3));
                    // trilinear between the 8 neighbours: within their range
                    int x0 = (int) Math.floor(c[0]);
                    int y0 = (int) Math.floor(c[1]);
                    int z0 = (int) Math.floor(c[2]);
                    float lo = Float.MAX_VALUE;
                    float hi = -Float.MAX_VALUE;
                    for (int d = 0; d < 8; d++) {
                        float v = s.get(Math.min(23, x0 + (d & 1)), Math.min(21, y0 + ((d >> 1) & 1)),
                            Math.min(19, z0 + (d >> 2)));
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                    assertThat(out.get(i, j, k)).isBetween(lo - 1e-3f, hi + 1e-3f);
                }
            }
        }
        assertThat(inside).isGreaterThan(1000);
    }

    @Test
    void masksAndLabelsFollowTheTransformByNearestNeighbour() {
        Random r = new Random(84);
        ImageGeometry g = ImageGeometry.axisAligned(10, 10, 10, new double[] {1, 1, 1}, new double[3]);
        Mask m = SpatialFixtures.randomMask(r, g);
        LabelVolume l = SpatialFixtures.randomLabels(r, g);
        // an identity B-spline is evaluated voxel by voxel and must copy exactly
        BSplineTransform identity = BSplineTransform.overDomain(g, new int[] {2, 2, 2});
        assertThat(Resample.mask(m, g, identity, CTX).toArray()).containsExactly(m.toArray());
        assertThat(Resample.labels(l, g, identity, CTX).toArray()).containsExactly(l.toArray());
        // a whole-voxel shift through an opaque transform
        Transform shift = (in, out) -> {
            out[0] = in[0] + 2;
            out[1] = in[1];
            out[2] = in[2] - 1;
        };
        Mask ms = Resample.mask(m, g, shift, CTX);
        LabelVolume ls = Resample.labels(l, g, shift, CTX);
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < 10; j++) {
                for (int i = 0; i < 10; i++) {
                    boolean in = i + 2 < 10 && k - 1 >= 0;
                    assertThat(ms.get(i, j, k)).isEqualTo(in && m.get(i + 2, j, k - 1));
                    assertThat(ls.get(i, j, k)).isEqualTo(in ? l.get(i + 2, j, k - 1) : 0);
                }
            }
        }
        assertThat(Resample.mask(m, g, Affine.identity(), CTX).toArray()).containsExactly(m.toArray());
    }
}

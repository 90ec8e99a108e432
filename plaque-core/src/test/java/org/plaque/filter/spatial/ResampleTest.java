package org.plaque.filter.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.plaque.exec.CancelledException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Orientation;
import org.plaque.image.Interpolation;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class ResampleTest {
    private static final ExecutionContext CTX = ExecutionContext.of(2, 1, ProgressListener.NONE);
    private static final Affine ID = Affine.identity();

    @AfterAll
    static void close() {
        CTX.close();
    }

    @Test
    void identityReturnsIdenticalValues() {
        qt().withFixedSeed(31).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            // oblique grids with spacings like 0.9 or 1.1 mm: the composed affine is the identity only up to
            // rounding, and the result must still be bit-identical
            ImageGeometry g = SpatialFixtures.randomGrid(r, 60);
            ScalarVolume s = SpatialFixtures.randomScalar(r, g);
            float[] before = s.toArray();
            for (Interpolation interp : Interpolation.values()) {
                assertThat(Resample.scalar(s, g, ID, interp, -7f, CTX).toArray()).containsExactly(before);
            }
            Mask m = SpatialFixtures.randomMask(r, g);
            assertThat(Resample.mask(m, g, ID, CTX).toArray()).containsExactly(m.toArray());
            LabelVolume l = SpatialFixtures.randomLabels(r, g);
            assertThat(Resample.labels(l, g, ID, CTX).toArray()).containsExactly(l.toArray());
            assertThat(s.toArray()).containsExactly(before);
        });
    }

    @Test
    void integerVoxelTranslationShiftsExactly() {
        qt().withFixedSeed(32).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ImageGeometry g = SpatialFixtures.randomGrid(r, 60);
            ScalarVolume s = SpatialFixtures.randomScalar(r, g);
            LabelVolume l = SpatialFixtures.randomLabels(r, g);
            int[] d = {r.nextInt(5) - 2, r.nextInt(5) - 2, r.nextInt(5) - 2};
            // a world shift by the voxel-axis vector d: target voxel i maps to source voxel i + d
            double[] o = g.voxelToWorld().apply(0, 0, 0);
            double[] w = g.voxelToWorld().apply(d[0], d[1], d[2]);
            Affine shift = Affine.translation(w[0] - o[0], w[1] - o[1], w[2] - o[2]);
            float outside = -1234f;
            for (Interpolation interp : Interpolation.values()) {
                ScalarVolume out = Resample.scalar(s, g, shift, interp, outside, CTX);
                LabelVolume outL = Resample.labels(l, g, shift, CTX);
                for (int k = 0; k < g.nz(); k++) {
                    for (int j = 0; j < g.ny(); j++) {
                        for (int i = 0; i < g.nx(); i++) {
                            boolean inside = g.contains(i + d[0], j + d[1], k + d[2]);
                            float expect = inside ? s.get(i + d[0], j + d[1], k + d[2]) : outside;
                            assertThat(out.get(i, j, k)).isEqualTo(expect);
                            assertThat(outL.get(i, j, k)).isEqualTo(inside ? l.get(i + d[0], j + d[1], k + d[2]) : 0);
                        }
                    }
                }
            }
        });
    }

    @Test
    void trilinearIsExactOnALinearRampAndConstantBeyondTheLastCentre() {
        qt().withFixedSeed(33).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ImageGeometry src = SpatialFixtures.randomGrid(r, 60);
            double[] coef = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            ScalarVolume.Builder b = ScalarVolume.builder(src);
            for (int k = 0; k < src.nz(); k++) {
                for (int j = 0; j < src.ny(); j++) {
                    for (int i = 0; i < src.nx(); i++) {
                        b.set(i, j, k, (float) (coef[0] + coef[1] * i + coef[2] * j + coef[3] * k));
                    }
                }
            }
            ScalarVolume ramp = b.build();
            // a finer, rotated and shifted target that covers the source and some space around it
            ImageGeometry target = ImageGeometry.of(new int[] {12, 13, 14}, new double[] {0.7, 0.8, 0.9},
                new double[3], SpatialFixtures.rotation(r, 180));
            double[] srcCentre = src.voxelToWorld().apply((src.nx() - 1) / 2.0, (src.ny() - 1) / 2.0,
                (src.nz() - 1) / 2.0);
            double[] tgtCentre = target.voxelToWorld().apply((target.nx() - 1) / 2.0, (target.ny() - 1) / 2.0,
                (target.nz() - 1) / 2.0);
            Affine toSource = Affine.translation(srcCentre[0] + 0.3 * r.nextGaussian(),
                srcCentre[1] + 0.3 * r.nextGaussian(), srcCentre[2] + 0.3 * r.nextGaussian()).multiply(Affine.of(SpatialFixtures.rotation(r, 90 * r.nextDouble()),
                new double[3])).multiply(Affine.translation(-tgtCentre[0], -tgtCentre[1], -tgtCentre[2]));
            ScalarVolume out = Resample.scalar(ramp, target, toSource, Interpolation.LINEAR, Float.NaN, CTX);
            int inside = 0;
            for (int k = 0; k < target.nz(); k++) {
                for (int j = 0; j < target.ny(); j++) {
                    for (int i = 0; i < target.nx(); i++) {
                        double[] p = target.voxelToWorld().apply(i, j, k);
                        double[] q = toSource.apply(p[0], p[1], p[2]);
                        double[] c = src.worldToVoxel().apply(q[0], q[1], q[2]);
                        int[] n = src.size();
                        boolean in = true;
                        for (int a = 0; a < 3; a++) {
                            in &= c[a] >= -0.5 && c[a] <= n[a] - 0.5;
                            c[a] = Math.max(0, Math.min(n[a] - 1, c[a]));
                        }
                        float got = out.get(i, j, k);
                        if (isNearBorder(p, toSource, src)) {
                            continue; // within rounding of the inside/outside boundary: either answer is right
                        }
                        if (in) {
                            inside++;
                            double expect = coef[0] + coef[1] * c[0] + coef[2] * c[1] + coef[3] * c[2];
                            assertThat((double) got).isCloseTo(expect, within(1e-4 * (1 + Math.abs(expect))));
                        } else {
                            assertThat(got).isNaN();
                        }
                    }
                }
            }
            assertThat(inside).isPositive();
        });
    }

    private static boolean isNearBorder(double[] p, Affine toSource, ImageGeometry src) {
        double[] q = toSource.apply(p[0], p[1], p[2]);
        double[] c = src.worldToVoxel().apply(q[0], q[1], q[2]);
        int[] n = src.size();
        for (int a = 0; a < 3; a++) {
            if (Math.abs(c[a] + 0.5) < 1e-6 || Math.abs(c[a] - (n[a] - 0.5)) < 1e-6) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pointsOnTheLastCentreAndOnTheBorderAreInside() {
        ImageGeometry g = ImageGeometry.axisAligned(3, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        ScalarVolume s = ScalarVolume.of(g, new float[] {10, 20, 40});
        // target x positions (world = source index): 1.5, 2 (last centre), 2.25, 2.5 (border), 2.75 (outside)
        ImageGeometry t = ImageGeometry.of(5, 1, 1, Affine.ofRowMajor(0.25, 0, 0, 1.75, 0, 1, 0, 0, 0, 0, 1, 0));
        Affine at = Affine.ofRowMajor(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0);
        float[] lin = Resample.scalar(s, t, at, Interpolation.LINEAR, -1, CTX).toArray();
        assertThat(lin).containsExactly(35f, 40f, 40f, 40f, -1f);
        float[] near = Resample.scalar(s, t, at, Interpolation.NEAREST, -1, CTX).toArray();
        assertThat(near).containsExactly(40f, 40f, 40f, 40f, -1f);
        // and the same on the low side: -0.5 is inside, -0.75 is not
        ImageGeometry low = ImageGeometry.of(3, 1, 1, Affine.ofRowMajor(0.25, 0, 0, -0.75, 0, 1, 0, 0, 0, 0, 1, 0));
        assertThat(Resample.scalar(s, low, ID, Interpolation.LINEAR, -1, CTX).toArray())
            .containsExactly(-1f, 10f, 10f);
        // a target point between centres 0 and 1 at 0.5 rounds up (nearest) and averages (linear)
        ImageGeometry mid = ImageGeometry.of(1, 1, 1, Affine.translation(0.5, 0, 0));
        assertThat(Resample.scalar(s, mid, ID, Interpolation.NEAREST, -1, CTX).get(0)).isEqualTo(20f);
        assertThat(Resample.scalar(s, mid, ID, Interpolation.LINEAR, -1, CTX).get(0)).isEqualTo(15f);
    }

    @Test
    void nearestUpsamplingOfMasksAndLabelsRepeatsVoxels() {
        ImageGeometry g = ImageGeometry.axisAligned(4, 3, 2, new double[] {2, 2, 2}, new double[] {0, 0, 0});
        Random r = new Random(5);
        Mask m = SpatialFixtures.randomMask(r, g);
        LabelVolume l = SpatialFixtures.randomLabels(r, g);
        // half the spacing over the same extent: centres at source index -0.25, 0.25, 0.75, 1.25, ...
        ImageGeometry fine = ImageGeometry.axisAligned(8, 6, 4, new double[] {1, 1, 1},
            new double[] {-0.5, -0.5, -0.5});
        Mask fm = Resample.mask(m, fine, ID, CTX);
        LabelVolume fl = Resample.labels(l, fine, ID, CTX);
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 6; j++) {
                for (int i = 0; i < 8; i++) {
                    assertThat(fm.get(i, j, k)).isEqualTo(m.get(i / 2, j / 2, k / 2));
                    assertThat(fl.get(i, j, k)).isEqualTo(l.get(i / 2, j / 2, k / 2));
                }
            }
        }
        assertThat(fm.count()).isEqualTo(8 * m.count());
        assertThat(fm.volumeMm3()).isCloseTo(m.volumeMm3(), within(1e-9));
    }

    @Test
    void pointsOutsideTheSourceGetTheOutsideValue() {
        ImageGeometry g = ImageGeometry.axisAligned(4, 4, 4, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        ScalarVolume s = ScalarVolume.filled(g, 5f);
        Mask full = Mask.above(s, 1);
        LabelVolume l = labelsFilled(g, 3);
        // target 4×4×4 shifted by 2 voxels along x: half of it lies beyond the source
        ImageGeometry t = ImageGeometry.axisAligned(4, 4, 4, new double[] {1, 1, 1}, new double[] {2, 0, 0});
        for (Interpolation interp : Interpolation.values()) {
            ScalarVolume out = Resample.scalar(s, t, ID, interp, -3f, CTX);
            for (int k = 0; k < 4; k++) {
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 4; i++) {
                        assertThat(out.get(i, j, k)).isEqualTo(i < 2 ? 5f : -3f);
                    }
                }
            }
        }
        assertThat(Resample.mask(full, t, ID, CTX).count()).isEqualTo(32);
        LabelVolume lo = Resample.labels(l, t, ID, CTX);
        assertThat(Mask.nonZero(lo).count()).isEqualTo(32);
        assertThat(lo.maxLabel()).isEqualTo(3);
        // entirely outside
        ImageGeometry far = ImageGeometry.axisAligned(2, 2, 2, new double[] {1, 1, 1}, new double[] {100, 0, 0});
        assertThat(Resample.scalar(s, far, ID, Interpolation.LINEAR, 0f, CTX).statistics().max()).isZero();
        assertThat(Resample.mask(full, far, ID, CTX).count()).isZero();
    }

    private static LabelVolume labelsFilled(ImageGeometry g, int label) {
        LabelVolume.Builder b = LabelVolume.builder(g);
        java.util.Arrays.fill(b.array(), label);
        return b.build();
    }

    @Test
    void ninetyDegreeRotationAboutSuperiorAxis() {
        // both grids centred on the world origin; the target is the source turned by 90° about S
        ImageGeometry src = ImageGeometry.axisAligned(4, 3, 2, new double[] {1, 1, 1},
            new double[] {-1.5, -1, -0.5});
        ImageGeometry tgt = ImageGeometry.axisAligned(3, 4, 2, new double[] {1, 1, 1},
            new double[] {-1, -1.5, -0.5});
        Affine rot90 = Affine.ofRowMajor(0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0); // (x, y, z) ↦ (−y, x, z)
        ScalarVolume s = SpatialFixtures.randomScalar(new Random(8), src);
        for (Interpolation interp : Interpolation.values()) {
            ScalarVolume out = Resample.scalar(s, tgt, rot90, interp, Float.NaN, CTX);
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < 3; i++) {
                        // p = (i − 1, j − 1.5, k − 0.5) ↦ (1.5 − j, i − 1, k − 0.5) = source voxel (3 − j, i, k)
                        assertThat(out.get(i, j, k)).isEqualTo(s.get(3 - j, i, k));
                    }
                }
            }
        }
    }

    @Test
    void resamplingOntoAReorientedGridReproducesReorient() {
        qt().withFixedSeed(34).withExamples(4).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ImageGeometry g = SpatialFixtures.randomGrid(r, 20);
            ScalarVolume s = SpatialFixtures.randomScalar(r, g);
            Mask m = SpatialFixtures.randomMask(r, g);
            LabelVolume l = SpatialFixtures.randomLabels(r, g);
            for (String code : Orientation.allCodes()) {
                ImageGeometry target = Reorient.geometry(g, code);
                float[] expect = Reorient.to(s, code).toArray();
                assertThat(Resample.scalar(s, target, ID, Interpolation.LINEAR, 0, CTX).toArray())
                    .containsExactly(expect);
                assertThat(Resample.scalar(s, target, ID, Interpolation.NEAREST, 0, CTX).toArray())
                    .containsExactly(expect);
                assertThat(Resample.mask(m, target, ID, CTX).toArray()).containsExactly(Reorient.to(m, code).toArray());
                assertThat(Resample.labels(l, target, ID, CTX).toArray())
                    .containsExactly(Reorient.to(l, code).toArray());
            }
        });
    }

    @Test
    void outputDoesNotDependOnTheThreadCount() {
        Random r = new Random(12);
        ImageGeometry g = ImageGeometry.of(new int[] {40, 37, 33}, new double[] {1.1, 0.9, 1.3},
            new double[] {-20, -17, -21}, SpatialFixtures.rotation(r, 10));
        ScalarVolume s = SpatialFixtures.randomScalar(r, g);
        ImageGeometry t = ImageGeometry.axisAligned(45, 41, 39, new double[] {1, 1, 1}, new double[] {-22, -20, -20});
        Affine move = Affine.of(SpatialFixtures.rotation(r, 7), new double[] {1.3, -0.4, 2.2});
        for (Interpolation interp : Interpolation.values()) {
            float[] one = Resample.scalar(s, t, move, interp, 0, ExecutionContext.singleThreaded()).toArray();
            for (int threads = 2; threads <= 5; threads++) {
                try (ExecutionContext ctx = ExecutionContext.of(threads, 1, ProgressListener.NONE)) {
                    assertThat(Resample.scalar(s, t, move, interp, 0, ctx).toArray()).isEqualTo(one);
                }
            }
        }
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        ImageGeometry g = ImageGeometry.axisAligned(10, 10, 10, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        ScalarVolume s = ScalarVolume.filled(g, 1f);
        List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, (stage, f) -> {
            assertThat(stage).isEqualTo("resample");
            fractions.add(f);
        })) {
            Resample.scalar(s, g, ID, Interpolation.LINEAR, 0, ctx);
            assertThat(fractions).contains(0.0, 1.0).hasSize(11);
            ctx.cancel();
            assertThatThrownBy(() -> Resample.scalar(s, g, ID, Interpolation.LINEAR, 0, ctx))
                .isInstanceOf(CancelledException.class);
            assertThatThrownBy(() -> Resample.mask(Mask.empty(g), g, ID, ctx)).isInstanceOf(CancelledException.class);
        }
        // cancelled midway by a progress listener: the remaining slices are not computed
        ExecutionContext[] holder = new ExecutionContext[1];
        holder[0] = ExecutionContext.of(1, 1, (stage, f) -> {
            if (f >= 0.3) {
                holder[0].cancel();
            }
        });
        assertThatThrownBy(() -> Resample.scalar(s, g, ID, Interpolation.NEAREST, 0, holder[0]))
            .isInstanceOf(CancelledException.class);
        holder[0].close();
    }
}

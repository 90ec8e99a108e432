package org.plaque.dl.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    /** Channel 0 encodes each voxel's coordinates, channel 1 is smooth, label is a box. */
    private static Patch coordinatePatch(int d, int h, int w) {
        int vox = d * h * w;
        float[] image = new float[2 * vox];
        float[] label = new float[vox];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = x + w * (y + h * z);
                    image[i] = x + 100 * y + 10000 * z;
                    image[vox + i] = (float) Math.sin(0.3 * x + 0.2 * y + 0.1 * z);
                    label[i] = x > w / 3 && x < w - 2 && y < h / 2 && z >= d / 3 ? 1f : 0f;
                }
            }
        }
        return new Patch(image, label, 2, new int[] {d, h, w});
    }

    @Test
    void flipsMoveImageAndLabelTogether() {
        Augmentation a = new Augmentation(Augmentation.Config.NONE.withFlips(true));
        Patch p = coordinatePatch(6, 7, 8);
        float[] before = p.image().clone();
        int flipped = 0;
        for (int seed = 0; seed < 8; seed++) {
            Patch q = a.apply(p, new SplittableRandom(seed));
            assertThat(p.image()).isEqualTo(before);
            for (int i = 0; i < q.voxels(); i++) {
                int code = (int) q.image()[i];
                int src = code % 100 + 8 * ((code / 100) % 100 + 7 * (code / 10000));
                assertThat(q.label()[i]).isEqualTo(p.label()[src]);
                assertThat(q.image()[q.voxels() + i]).isEqualTo(p.image()[p.voxels() + src]);
            }
            if (!java.util.Arrays.equals(q.image(), p.image())) {
                flipped++;
            }
        }
        assertThat(flipped).isPositive();
    }

    @Test
    void affineAndElasticKeepLabelAlignedWithImage() {
        Augmentation a = new Augmentation(Augmentation.Config.NONE.withAffine(true).withElastic(true)
            .withProbability(1.0));
        Patch p = coordinatePatch(20, 22, 24);
        // Channel 0 := label, so after the same interpolation image > 0.5 must equal the label.
        float[] image = p.image().clone();
        System.arraycopy(p.label(), 0, image, 0, p.voxels());
        Patch box = new Patch(image, p.label(), 2, p.shape());
        for (int seed = 0; seed < 5; seed++) {
            Patch q = a.apply(box, new SplittableRandom(seed));
            int changed = 0;
            for (int i = 0; i < q.voxels(); i++) {
                float v = q.image()[i];
                if (Math.abs(v - 0.5f) > 1e-5f) {
                    assertThat(q.label()[i]).isEqualTo(v > 0.5f ? 1f : 0f);
                }
                if (q.label()[i] != box.label()[i]) {
                    changed++;
                }
            }
            assertThat(changed).isPositive();
            assertThat(q.lesionVoxels()).isBetween(box.lesionVoxels() / 2, box.lesionVoxels() * 2);
        }
    }

    @Test
    void sameSeedSameResultAndNoneIsACopy() {
        Augmentation a = Augmentation.withDefaults();
        Patch p = coordinatePatch(16, 16, 16);
        Patch q1 = a.apply(p, new SplittableRandom(42));
        Patch q2 = a.apply(p, new SplittableRandom(42));
        assertThat(q1.image()).isEqualTo(q2.image());
        assertThat(q1.label()).isEqualTo(q2.label());
        Patch n = new Augmentation(Augmentation.Config.NONE).apply(p, new SplittableRandom(1));
        assertThat(n.image()).isEqualTo(p.image());
        assertThat(n.image()).isNotSameAs(p.image());
    }

    @Test
    void intensityChangesLeaveLabelAndKeepGammaRange() {
        Patch p = coordinatePatch(8, 8, 8);
        Patch g = new Augmentation(Augmentation.Config.NONE.withGamma(true).withProbability(1.0))
            .apply(p, new SplittableRandom(5));
        assertThat(g.label()).isEqualTo(p.label());
        assertThat(max(g.image(), 0, 512)).isCloseTo(max(p.image(), 0, 512), org.assertj.core.data.Offset.offset(1f));
        assertThat(g.image()).isNotEqualTo(p.image());
        Patch all = new Augmentation(Augmentation.Config.DEFAULTS.withAffine(false).withElastic(false)
            .withFlips(false).withProbability(1.0)).apply(p, new SplittableRandom(6));
        assertThat(all.label()).isEqualTo(p.label());
        for (float v : all.image()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void planarPatchesStayPlanar() {
        Patch p = coordinatePatch(1, 30, 32);
        Augmentation a = new Augmentation(Augmentation.Config.DEFAULTS.withProbability(1.0));
        Patch q = a.apply(p, new SplittableRandom(3));
        assertThat(q.shape()).containsExactly(1, 30, 32);
        // No z mixing: the coordinate code interpolates only within z = 0, so stays below 10000.
        for (int i = 0; i < q.voxels(); i++) {
            assertThat(Math.abs(q.image()[i])).isLessThan(5000f);
        }
    }

    @Test
    void a64CubedPatchIsFast() {
        Patch p = coordinatePatch(64, 64, 64);
        float[] three = new float[3 * p.voxels()];
        System.arraycopy(p.image(), p.voxels(), three, 0, p.voxels());
        System.arraycopy(p.image(), p.voxels(), three, p.voxels(), p.voxels());
        System.arraycopy(p.image(), p.voxels(), three, 2 * p.voxels(), p.voxels());
        Patch p3 = new Patch(three, p.label(), 3, p.shape());
        Augmentation a = new Augmentation(Augmentation.Config.DEFAULTS.withProbability(1.0));
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 5; i++) {
            a.apply(p3, rnd);
        }
        int n = 10;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            a.apply(p3, rnd);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf("augmentation (all transforms) of a 3x64^3 patch: %.1f ms%n", ms);
        // Generous bound: the build machine is shared; about 40 ms when idle.
        assertThat(ms).isLessThan(1000);
    }

    private static float max(float[] a, int from, int to) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }
}

package org.plaque.dl.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plaque.dl.data.IntensityNormalisation;
import org.plaque.dl.train.PatchClassifier;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Orientation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

/** The cascade's inference with plain-Java stages whose answers are known functions of the centre voxel. */
class CascadeSegmenterTest {
    private static final int PATCH = 5;
    private static final int CENTRE = PATCH * PATCH * PATCH / 2;
    private static PhantomCase phantom;

    @BeforeAll
    static void setUp() {
        phantom = HeadPhantom.generate(PhantomParams.DEFAULTS.withSpacingMm(2));
    }

    private static float p1(float v) {
        return Math.min(1f, Math.max(0f, (v - 1.5f) / 2f));
    }

    private static float p2(float v) {
        return v > 3f ? 0.9f : 0.3f;
    }

    private static CascadeSegmenter.Settings settings() {
        return new CascadeSegmenter.Settings(List.of("FLAIR"), phantom.flair().geometry().spacingMm(),
            Orientation.axisCodes(phantom.flair().geometry()), PATCH, 0.5, 0, 1.5, 0.5, 97);
    }

    @Test
    void probabilityIsTheProductOfBothStagesOnCandidatesOnly() {
        AtomicInteger stage2Patches = new AtomicInteger();
        AtomicInteger stage2Rejected = new AtomicInteger();
        PatchClassifier.Scorer stage1 = (x, n) -> {
            float[] p = new float[n];
            for (int i = 0; i < n; i++) {
                p[i] = p1(x[i * PATCH * PATCH * PATCH + CENTRE]);
            }
            return p;
        };
        PatchClassifier.Scorer stage2 = (x, n) -> {
            float[] p = new float[n];
            for (int i = 0; i < n; i++) {
                float v = x[i * PATCH * PATCH * PATCH + CENTRE];
                stage2Patches.incrementAndGet();
                if (!(p1(v) > 0.5f)) {
                    stage2Rejected.incrementAndGet();
                }
                p[i] = p2(v);
            }
            return p;
        };
        Mask brain = phantom.brainMask();
        float[] flairBefore = phantom.flair().toArray();
        DeepLesionSegmenter.Result a;
        DeepLesionSegmenter.Result b;
        try (CascadeSegmenter s = new CascadeSegmenter(stage1, stage2, settings());
             ExecutionContext ctx = ExecutionContext.of(2, 1, (stage, f) -> { })) {
            a = s.segment(List.of(phantom.flair()), brain, ctx);
            b = s.segment(List.of(phantom.flair()), brain, ctx);
        }
        assertThat(phantom.flair().toArray()).isEqualTo(flairBefore);
        assertThat(a.probability().toArray()).isEqualTo(b.probability().toArray());
        assertThat(a.lesions().toArray()).isEqualTo(b.lesions().toArray());

        // The model grid has the phantom's spacing and orientation, so the maps come back without interpolation
        // and can be checked voxel by voxel against the normalised FLAIR on the input grid.
        float[] z = IntensityNormalisation.withDefaults().apply(phantom.flair(), brain).toArray();
        float[] p = a.probability().toArray();
        float[] u = a.uncertainty().toArray();
        int candidates = 0;
        int secondStage = 0;
        for (int i = 0; i < p.length; i++) {
            boolean candidate = brain.get(i) && z[i] > 1.5f;
            boolean both = candidate && p1(z[i]) > 0.5f;
            candidates += candidate ? 1 : 0;
            secondStage += both ? 1 : 0;
            float expected = both ? p1(z[i]) * p2(z[i]) : 0f;
            assertThat(p[i]).isBetween(0f, 1f).isCloseTo(expected, within(1e-4f));
            float d = both ? p1(z[i]) - p2(z[i]) : 0f;
            assertThat(u[i]).isCloseTo(d * d / 4, within(1e-4f));
            assertThat(a.lesions().get(i)).isEqualTo(brain.get(i) && p[i] > 0.5f);
        }
        assertThat(candidates).isPositive();
        assertThat(secondStage).isPositive().isLessThan(candidates);
        assertThat(a.lesions().count()).isPositive();
        assertThat(stage2Rejected.get()).isZero();
        assertThat(stage2Patches.get()).isEqualTo(2 * secondStage);
        assertThat(a.details()).containsEntry("cascade_candidates", candidates)
            .containsEntry("cascade_stage2_voxels", secondStage);
    }

    @Test
    void smallLesionsAreDropped() {
        PatchClassifier.Scorer sure = (x, n) -> {
            float[] p = new float[n];
            java.util.Arrays.fill(p, 0.95f);
            return p;
        };
        CascadeSegmenter.Settings s0 = settings();
        CascadeSegmenter.Settings big = new CascadeSegmenter.Settings(s0.channels(), s0.spacingMm(), s0.orientation(),
            PATCH, 0.5, 1e9, 1.5, 0.5, 256);
        try (CascadeSegmenter all = new CascadeSegmenter(sure, sure, s0);
             CascadeSegmenter none = new CascadeSegmenter(sure, sure, big);
             ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            assertThat(all.segment(List.of(phantom.flair()), phantom.brainMask(), ctx).lesions().count()).isPositive();
            assertThat(none.segment(List.of(phantom.flair()), phantom.brainMask(), ctx).lesions().count()).isZero();
        }
    }
}

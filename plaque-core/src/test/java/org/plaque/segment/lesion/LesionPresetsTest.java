package org.plaque.segment.lesion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.eval.OverlapMetrics;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/** Every preset on a small synthetic brain with three asymmetric lesions (deep, periventricular, juxtacortical). */
class LesionPresetsTest {
    private static final double[][] LESIONS = {{-14, 6, 4, 4}, {11, -5, 5, 3.5}, {-20, -16, -10, 3}};
    private static SyntheticBrain brain;

    @BeforeAll
    static void build() {
        brain = new SyntheticBrain(5, LESIONS);
    }

    @Test
    void registryKnowsEveryPresetAndRefusesUnknownNames() {
        assertThat(LesionSegmenters.names()).containsExactly("lesion-growth", "seed-kmeans", "seed-gmm");
        assertThat(LesionSegmenters.names().get(0)).isEqualTo(LesionSegmenters.DEFAULT_NAME);
        for (String name : LesionSegmenters.names()) {
            LesionSegmenter s = LesionSegmenters.byName(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.parameters()).isNotEmpty();
        }
        assertThat(LesionSegmenters.defaultSegmenter()).isInstanceOf(LesionGrowthSegmenter.class);
        assertThatThrownBy(() -> LesionSegmenters.byName("lst"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("seed-kmeans");
    }

    @Test
    void theDefaultFindsTheLesionsOfTheSyntheticBrain() {
        LesionSegmentation r = LesionSegmenters.defaultSegmenter().segment(brain.input(),
            ExecutionContext.singleThreaded());
        // measured 1.0: this brain has no partial volume, so the lesion edges are sharp (the phantom test in
        // plaque-testkit covers partial volume)
        assertThat(OverlapMetrics.compute(r.lesions(), brain.truth).dice()).isGreaterThan(0.95);
        assertThat(r.probability()).isEmpty();
        assertThat(r.diagnostics()).containsKeys("wm_mode", "wm_sd", "seed_voxels", "lesion_voxels");
    }

    @Test
    void theSeedPresetsFindTheBrightestPartOfTheWhiteMatter() {
        for (String name : new String[] {"seed-kmeans", "seed-gmm"}) {
            LesionSegmentation r = LesionSegmenters.byName(name).segment(brain.input(),
                ExecutionContext.singleThreaded());
            // the strict white-matter mask (wm > 0.8) keeps only lesion parts away from grey matter and CSF:
            // measured precision 1.0 with 134 of 169 lesion voxels for both
            assertThat(OverlapMetrics.compute(r.lesions(), brain.truth).precision()).as(name).isGreaterThan(0.9);
            assertThat(r.lesions().count()).as(name).isGreaterThan(brain.truth.count() / 4);
        }
        LesionSegmentation gmm = LesionSegmenters.byName("seed-gmm").segment(brain.input(),
            ExecutionContext.singleThreaded());
        ScalarVolume p = gmm.probability().orElseThrow();
        assertThat(p.statistics().min()).isGreaterThanOrEqualTo(0);
        assertThat(p.statistics().max()).isLessThanOrEqualTo(1);
    }

    @Test
    void presetsAreDeterministicForAnyThreadCountAndLeaveInputsUnchanged() {
        float[] flairBefore = brain.flair.toArray();
        for (String name : LesionSegmenters.names()) {
            Mask a;
            Mask b;
            try (ExecutionContext one = ExecutionContext.of(1, 9, ProgressListener.NONE);
                 ExecutionContext three = ExecutionContext.of(3, 9, ProgressListener.NONE)) {
                a = LesionSegmenters.byName(name).segment(brain.input(), one).lesions();
                b = LesionSegmenters.byName(name).segment(brain.input(), three).lesions();
            }
            assertThat(b.toArray()).as(name).isEqualTo(a.toArray());
        }
        assertThat(brain.flair.toArray()).isEqualTo(flairBefore);
    }

    @Test
    void aBrainWithoutLesionsGivesAnEmptyMaskWithTheDefault() {
        SyntheticBrain clean = new SyntheticBrain(6, new double[0][]);
        assertThat(LesionSegmenters.defaultSegmenter().segment(clean.input(), ExecutionContext.singleThreaded())
            .lesions().count()).isZero();
    }

    @Test
    void unregisteredPriorsAreReportedAsInvalidInput() {
        TissuePriors empty = new TissuePriors(ScalarVolume.filled(brain.grid, 0f), brain.priors.gm(),
            brain.priors.csf(), brain.priors.brain());
        SegmentationInput in = new SegmentationInput(brain.flair, Optional.empty(), Optional.empty(), empty);
        for (String name : LesionSegmenters.names()) {
            assertThatThrownBy(() -> LesionSegmenters.byName(name).segment(in, ExecutionContext.singleThreaded()))
                .as(name).isInstanceOf(InvalidInputException.class).hasMessageContaining("white-matter");
        }
    }
}

package org.plaque.dl.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.dl.segment.DeepLesionSegmenter;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.eval.SegmentationEvaluation;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

/** The shipped model: present, valid, and it finds the phantom's lesions (data it was never trained on). */
class DefaultModelsTest {
    @Test
    void theShippedUNetIsAValidFlairModel() {
        ModelBundle b = DefaultModels.open("unet3d");
        ModelJson m = b.model();
        assertThat(m.architecture()).isEqualTo("unet3d");
        assertThat(m.inputChannels()).containsExactly("FLAIR");
        assertThat(m.training().subjects()).containsExactly("patient07", "patient19");
        assertThat(m.license()).isNotBlank();
        assertThat(b.weights()).isNotEmpty();
        assertThatThrownBy(() -> DefaultModels.open("unet2d")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("plaque train --arch unet2d");
    }

    @Test
    void theShippedUNetFindsThePhantomsLesions() {
        PhantomCase c = HeadPhantom.generate(PhantomParams.DEFAULTS.withSeed(21));
        Mask brain = c.brainMask();
        ScalarVolume.Builder f = c.flair().toBuilder();
        float[] a = f.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = brain.get(i) ? a[i] : 0;
        }
        EvaluationResult e;
        try (DeepLesionSegmenter s = DeepLesionSegmenter.fromBundle(DefaultModels.open("unet3d"));
             ExecutionContext ctx = ExecutionContext.of(2, 1, (stage, x) -> { })) {
            DeepLesionSegmenter.Result r = s.segment(List.of(f.build()), brain, ctx);
            e = SegmentationEvaluation.evaluate(r.lesions(), c.lesionMask(), LesionWiseRule.MSSEG, ctx);
        }
        // A regression guard well below what the shipped model measures (docs/DEEP_LEARNING.md), not a target.
        assertThat(e.dice()).isGreaterThan(0.3);
        assertThat(e.lesionF1()).isGreaterThan(0.3);
    }
}

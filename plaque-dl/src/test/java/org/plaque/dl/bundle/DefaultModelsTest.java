package org.plaque.dl.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.dl.segment.DeepLesionSegmenter;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.eval.SegmentationEvaluation;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;
import org.plaque.testing.RealData;

/** The shipped model: present, valid, finds the phantom's lesions, and reproduces on a training subject. */
class DefaultModelsTest {
    @Test
    void theShippedUNetIsAValidFlairModel() {
        ModelBundle b = DefaultModels.open("unet3d");
        ModelJson m = b.model();
        assertThat(m.architecture()).isEqualTo("unet3d");
        assertThat(m.inputChannels()).containsExactly("FLAIR");
        assertThat(m.training().subjects()).containsExactly("patient07", "patient19");
        assertThat(m.license()).isNotBlank();
        // One network of base width 16 (the width-16 ensemble gained too little on held-out data for twice the time).
        assertThat(m.weightsFileNames()).containsExactly("weights.params");
        assertThat(m.hyperParameters()).containsEntry("baseWidth", 16);
        assertThatThrownBy(() -> DefaultModels.open("unet2d")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("plaque train --arch unet2d");
    }

    @Test
    void theShippedUNetCoversThePhantomsLesions() {
        PhantomCase c = HeadPhantom.generate(PhantomParams.DEFAULTS.withSeed(11));
        EvaluationResult e = segment(c.skullStripped(c.flair()), c.brainMask(), c.lesionMask());
        // Measured Dice 0.85, lesion F1 1.0 (the phantom is not training data; its contrast differs from real
        // FLAIR, which the white-matter ratio input absorbs).
        assertThat(e.dice()).isGreaterThan(0.7);
        assertThat(e.lesionF1()).isGreaterThan(0.8);
    }

    @Test
    @Tag(RealData.TAG)
    void theShippedUNetReproducesOnATrainingSubject() {
        NiftiReader reader = NiftiReader.withDefaults();
        ScalarVolume flair = reader.readScalar(RealData.file("lesjak2017_cross_sectional_mni/patient19/FLAIR.nii.gz"));
        Mask truth = reader.readMask(RealData.file("lesjak2017_cross_sectional_mni/patient19/GOLD_STANDARD.nii.gz"));
        Mask brain = Mask.above(flair, 0);
        EvaluationResult e = segment(flair, brain, truth);
        // patient19 is training data (Dice 0.88 measured): a regression guard of the shipped weights and the
        // inference path, not an accuracy estimate.
        assertThat(e.dice()).isGreaterThan(0.82);
    }

    private static EvaluationResult segment(ScalarVolume flair, Mask brain, Mask truth) {
        try (DeepLesionSegmenter s = DeepLesionSegmenter.fromBundle(DefaultModels.open("unet3d"));
             ExecutionContext ctx = ExecutionContext.of(2, 1, (stage, x) -> { })) {
            DeepLesionSegmenter.Result r = s.segment(List.of(flair), brain, ctx);
            return SegmentationEvaluation.evaluate(r.lesions(), truth, LesionWiseRule.MSSEG, ctx);
        }
    }
}

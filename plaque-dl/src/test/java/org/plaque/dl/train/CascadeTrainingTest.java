package org.plaque.dl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.dl.bundle.ModelBundle;
import org.plaque.dl.bundle.ModelJson;
import org.plaque.dl.data.CascadeCandidates;
import org.plaque.dl.data.InputNormalisation;
import org.plaque.dl.data.TrainingSubject;
import org.plaque.dl.nn.NetworkSpec;
import org.plaque.dl.nn.PatchCnnSpec;
import org.plaque.dl.segment.CascadeSegmenter;
import org.plaque.dl.segment.DeepLesionSegmenter;
import org.plaque.dl.segment.ModelSegmenter;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class CascadeTrainingTest {
    private static final int[][] LESIONS = {{8, 9, 10}, {15, 12, 9}, {11, 16, 15}};
    private static final TrainingSubject S = InputNormalisation.ZSCORE_BRAIN.apply(
        CascadeSubjects.subject("a", 24, 1, LESIONS));

    @Test
    void batchesAreBalancedAndCentredOnSamplesOfTheirClass() {
        Mask cand = CascadeCandidates.candidates(S, 0.3);
        int[] samples = CascadeCandidates.sampleTraining(S, cand, new SplittableRandom(2));
        VoxelSamples v = VoxelSamples.of(List.of(S), List.of(samples));
        assertThat(v.positives()).isEqualTo(S.lesion().count());
        assertThat(v.negatives()).isEqualTo(Math.min(S.lesion().count(),
            CascadeTraining.indices(cand, S.lesion()).length));
        Set<Float> lesionValues = new HashSet<>();
        Set<Float> negativeValues = new HashSet<>();
        float[] flair = S.channels().get(0).toArray();
        for (int i : samples) {
            (S.lesion().get(i) ? lesionValues : negativeValues).add(flair[i]);
        }
        int patch = 5;
        int centre = patch * patch * patch / 2;
        Batch b = v.batches(10, patch).next(new SplittableRandom(7));
        assertThat(b.inputShape()).containsExactly(10, 1, patch, patch, patch);
        assertThat(b.targetShape()).containsExactly(10);
        float sum = 0;
        for (int i = 0; i < 10; i++) {
            float label = b.target()[i];
            sum += label;
            float value = b.input()[i * patch * patch * patch + centre];
            assertThat(label == 1f ? lesionValues : negativeValues).contains(value);
        }
        assertThat(sum).isEqualTo(5f);
        assertThat(v.batches(10, patch).next(new SplittableRandom(7)).input()).isEqualTo(b.input());
    }

    @Test
    void stageTwoNegativesAreOnlyStageOneHardNegatives() {
        Mask cand = CascadeCandidates.candidates(S, 0.3);
        float[] flair = S.channels().get(0).toArray();
        int[] negatives = CascadeTraining.indices(cand, S.lesion());
        float[] sorted = new float[negatives.length];
        for (int k = 0; k < negatives.length; k++) {
            sorted[k] = flair[negatives[k]];
        }
        java.util.Arrays.sort(sorted);
        float cut = sorted[sorted.length * 3 / 4];
        int patch = 5;
        int centre = patch * patch * patch / 2;
        int[] scoredPatches = {0};
        // stage 1 is wrong (p = 0.9) exactly on the brightest quarter of the candidate negatives
        PatchClassifier.Scorer fake = (patches, n) -> {
            float[] p = new float[n];
            for (int i = 0; i < n; i++) {
                p[i] = patches[i * patch * patch * patch + centre] > cut ? 0.9f : 0.2f;
            }
            scoredPatches[0] += n;
            return p;
        };
        int hardTotal = 0;
        for (int i : negatives) {
            hardTotal += flair[i] > cut ? 1 : 0;
        }
        CascadeTraining.Mining m;
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            m = CascadeTraining.mineAll(List.of(S), List.of(cand), fake, patch, new SplittableRandom(3), ctx);
        }
        int[] stage2 = m.samples().get(0);
        int pos = 0;
        int neg = 0;
        for (int i : stage2) {
            if (S.lesion().get(i)) {
                pos++;
            } else {
                neg++;
                assertThat(cand.get(i)).isTrue();
                assertThat(flair[i]).isGreaterThan(cut);
            }
        }
        assertThat(pos).isEqualTo(S.lesion().count());
        assertThat(neg).isEqualTo(Math.min(pos, hardTotal)).isPositive();
        assertThat(m.hard()).isEqualTo(hardTotal);
        assertThat(m.scored()).isEqualTo(negatives.length).isEqualTo(scoredPatches[0]);
    }

    @Test
    void trainsBothStagesIntoABundleAndResumeSkipsFinishedStages(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        CascadeSubjects.write(CascadeSubjects.subject("s1", 24, 1, LESIONS), data);
        CascadeSubjects.write(CascadeSubjects.subject("s2", 24, 2, new int[][] {{9, 14, 12}, {14, 9, 14}}), data);
        Path out = dir.resolve("model");
        PatchCnnSpec net = new PatchCnnSpec(1, 7, 2, 4, 8, 0.5f);
        CascadeTraining.Request request = new CascadeTraining.Request(data, out, List.of("FLAIR"), 1, 2, 7, 8,
            List.of(), 5, false, "tiny", "CC0", "test", List.of("plaque", "train"));
        String first = run(request, net);
        assertThat(first).contains("cascade stage 1: 1 × 2 steps").contains("cascade stage 2: 1 × 2 steps");

        ModelBundle bundle = ModelBundle.open(out);
        ModelJson m = bundle.model();
        assertThat(m.architecture()).isEqualTo("cascade");
        assertThat(NetworkSpec.fromMap(m.hyperParameters())).isEqualTo(net);
        assertThat(m.weights()).extracting(ModelJson.WeightsFile::role).containsExactly("stage1", "stage2");
        assertThat(m.patchSize()).containsExactly(7, 7, 7);
        assertThat(m.inputChannels()).containsExactly("FLAIR");
        assertThat(m.threshold()).isEqualTo(0.5);
        assertThat(m.minLesionMm3()).isEqualTo(3.0);
        assertThat(m.orientation()).isEqualTo(org.plaque.geom.Orientation.axisCodes(S.geometry()));
        assertThat(m.metrics()).containsKeys("validation_dice_stage1", "validation_dice_stage2", "candidates");
        assertThat(m.training().subjects()).containsExactly("s1", "s2");

        String again = run(withResume(request), net);
        assertThat(again).contains("cascade stage 1: finished").contains("cascade stage 2: finished")
            .doesNotContain("epoch 1/1");
        assertThat(ModelBundle.open(out).model().weights()).isEqualTo(m.weights());

        try (Stream<Path> files = Files.walk(out.resolve("checkpoints/stage2"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        String stage2Only = run(withResume(request), net);
        assertThat(stage2Only).contains("cascade stage 1: finished").contains("cascade stage 2: 1 × 2 steps");
        assertThat(stage2Only.split("epoch 1/1", -1)).hasSize(2);

        TrainingSubject raw = CascadeSubjects.subject("s1", 24, 1, LESIONS);
        try (ModelSegmenter seg = ModelSegmenter.open(ModelBundle.open(out));
             ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            assertThat(seg).isInstanceOf(CascadeSegmenter.class);
            DeepLesionSegmenter.Result r = seg.segment(raw.channels(), raw.brain(), ctx);
            float[] p = r.probability().toArray();
            for (int i = 0; i < p.length; i++) {
                assertThat(p[i]).isBetween(0f, 1f);
                assertThat(!r.lesions().get(i) || raw.brain().get(i)).isTrue();
            }
        }

        // The candidate rule is in SD: a card claiming another normalisation is refused before any work.
        Path ratio = dir.resolve("ratio");
        Files.createDirectories(ratio);
        for (ModelJson.WeightsFile w : m.weights()) {
            Files.copy(out.resolve(w.file()), ratio.resolve(w.file()));
        }
        Files.writeString(ratio.resolve("model.json"), Files.readString(out.resolve("model.json"))
            .replace("\"zscore-brain\"", "\"wm-ratio\""));
        ModelBundle relabelled = ModelBundle.open(ratio);
        assertThatThrownBy(() -> ModelSegmenter.open(relabelled)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("a cascade z-scores its input");
    }

    private static CascadeTraining.Request withResume(CascadeTraining.Request r) {
        return new CascadeTraining.Request(r.data(), r.out(), r.channels(), r.epochs(), r.stepsPerEpoch(), r.patch(),
            r.batch(), r.validation(), r.seed(), true, r.name(), r.license(), r.createdBy(), r.command());
    }

    private static String run(CascadeTraining.Request r, PatchCnnSpec net) throws Exception {
        StringWriter text = new StringWriter();
        try (PrintWriter log = new PrintWriter(text)) {
            CascadeTraining.run(r, net, log);
        }
        return text.toString();
    }
}

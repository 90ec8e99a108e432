package org.plaque.dl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.dl.bundle.ModelBundle;
import org.plaque.dl.bundle.ModelJson;
import org.plaque.dl.data.Augmentation;
import org.plaque.dl.data.CandidatePatch;
import org.plaque.dl.data.Patch;
import org.plaque.dl.nn.NewLesionFilterSpec;
import org.plaque.dl.nn.Normalization;

class FilterTrainingTest {
    @TempDir
    Path tmp;

    /**
     * Synthetic candidates of varying size: a true one has a blob bright at follow-up only (labelled), a false
     * one a blob bright at both visits (a stable lesion the ratio threshold caught through noise).
     */
    static CandidatePatch synthetic(boolean real, int d, int h, int w, Random random) {
        int vox = d * h * w;
        float[] ch = new float[5 * vox];
        float[] label = new float[vox];
        float[] cand = new float[vox];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (z * h + y) * w + x;
                    double r2 = sq(x - w / 2.0) / sq(w / 4.0) + sq(y - h / 2.0) / sq(h / 4.0) + sq(z - d / 2.0)
                        / sq(Math.max(1, d / 4.0));
                    boolean blob = r2 <= 1;
                    ch[i] = (float) (0.3 * random.nextGaussian()) + (blob && !real ? 2.5f : 0f);
                    ch[vox + i] = (float) (0.3 * random.nextGaussian()) + (blob ? 3f : 0f);
                    ch[2 * vox + i] = 10f;
                    ch[3 * vox + i] = 0.4f;
                    ch[4 * vox + i] = 0.6f;
                    label[i] = real && blob ? 1f : 0f;
                    cand[i] = blob ? 1f : 0f;
                }
            }
        }
        return new CandidatePatch(ch, 5, new int[] {d, h, w}, label, cand, real ? 1.0 : 0.0);
    }

    private static double sq(double v) {
        return v * v;
    }

    static List<CandidatePatch> patches(int n, long seed) {
        Random random = new Random(seed);
        List<CandidatePatch> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(synthetic(k % 2 == 0, 5 + random.nextInt(3), 8 + random.nextInt(5), 8 + random.nextInt(5),
                random));
        }
        return out;
    }

    @Test
    void learnsToTellNewFromStableBlobsAndWritesABundle() throws Exception {
        NewLesionFilterSpec spec = new NewLesionFilterSpec(8, Normalization.INSTANCE);
        FilterTraining.Settings settings = FilterTraining.Settings.DEFAULTS.withLength(6, 60);
        StringWriter log = new StringWriter();
        FilterTraining.Outcome outcome = FilterTraining.train(spec, patches(8, 1), settings, tmp.resolve("ckpt"),
            new PrintWriter(log));
        assertThat(outcome.truePatches()).isEqualTo(4);
        assertThat(outcome.falsePatches()).isEqualTo(4);
        assertThat(outcome.state().epoch()).isEqualTo(6);
        // step schedule: 1e-3 for epochs 1-4, 1e-4 for 5-6
        assertThat(outcome.state().history().get(3).learningRate()).isEqualTo(1e-3f);
        assertThat(outcome.state().history().get(4).learningRate()).isCloseTo(1e-4f, org.assertj.core.data.Offset
            .offset(1e-9f));
        assertThat(outcome.state().history().get(5).loss()).isLessThan(outcome.state().history().get(0).loss());
        assertThat(Files.isRegularFile(tmp.resolve("ckpt/latest.params"))).isTrue();
        assertThat(log.toString()).contains("4 true and 4 false", "filter epoch 6/6");

        ModelJson card = FilterModel.write(tmp.resolve("model"), "test-filter", spec, outcome,
            List.of("a", "b", "c", "d", "e"), new double[] {1, 1, 3}, settings,
            new ModelJson.Training("synthetic", List.of("s1"), null, null, null, null, null, "test"), Map.of(), null,
            "test");
        assertThat(card.architecture()).isEqualTo("newlesion-filter");
        assertThat(card.threshold()).isEqualTo(0.75);
        // unseen candidates: the mean probability over the blob ranks new above stable
        try (FilterModel model = FilterModel.open(ModelBundle.open(tmp.resolve("model")))) {
            assertThat(model.spec()).isEqualTo(spec);
            double minTrue = 1;
            double maxFalse = 0;
            List<CandidatePatch> test = patches(10, 99);
            for (CandidatePatch p : test) {
                float[] prob = model.predict(p.channels(), p.shape());
                double sum = 0;
                int n = 0;
                for (int i = 0; i < prob.length; i++) {
                    if (p.candidate()[i] > 0) {
                        sum += prob[i];
                        n++;
                    }
                }
                if (FilterTraining.isTrue(p)) {
                    minTrue = Math.min(minTrue, sum / n);
                } else {
                    maxFalse = Math.max(maxFalse, sum / n);
                }
            }
            assertThat(minTrue).as("every new blob ranks above every stable one").isGreaterThan(maxFalse);
            assertThat(minTrue).isGreaterThan(0.5);
        }
    }

    @Test
    void needsTrueAndFalseCandidates() {
        List<CandidatePatch> onlyFalse = patches(6, 2).stream().filter(p -> !FilterTraining.isTrue(p)).toList();
        assertThatThrownBy(() -> FilterTraining.train(NewLesionFilterSpec.defaults(), onlyFalse,
            FilterTraining.Settings.DEFAULTS, tmp.resolve("c"), new PrintWriter(new StringWriter())))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("0 true and 3 false");
        assertThat(FilterTraining.isTrue(new CandidatePatch(new float[10], 5, new int[] {1, 1, 2}, new float[2],
            new float[2], 0.1))).isTrue();
        assertThat(FilterTraining.isTrue(new CandidatePatch(new float[10], 5, new int[] {1, 1, 2}, new float[2],
            new float[2], 0.09))).isFalse();
    }

    @Test
    void samplesAreCroppedAndOnlyTheFlairsAugmented() {
        CandidatePatch p = synthetic(true, 6, 40, 12, new Random(3));
        Augmentation noisy = new Augmentation(Augmentation.Config.NONE.withNoise(true).withProbability(1));
        Patch s = FilterTraining.sample(p, 32, FilterTraining.Target.REFERENCE, noisy, new SplittableRandom(4));
        assertThat(s.shape()).containsExactly(6, 32, 12);
        int vox = 6 * 32 * 12;
        for (int i = 2 * vox; i < 5 * vox; i++) {
            float expected = i < 3 * vox ? 10f : i < 4 * vox ? 0.4f : 0.6f;
            assertThat(s.image()[i]).isEqualTo(expected);
        }
        Patch same = FilterTraining.sample(p, 64, FilterTraining.Target.REFERENCE,
            new Augmentation(Augmentation.Config.NONE), new SplittableRandom(4));
        assertThat(same.image()).containsExactly(p.channels());
        assertThat(same.label()).containsExactly(p.label());
        // the candidate target adds a true candidate's voxels (here the reference already is the blob)
        float[] partial = p.label().clone();
        java.util.Arrays.fill(partial, 0, partial.length / 2, 0f);
        CandidatePatch half = new CandidatePatch(p.channels(), 5, p.shape(), partial, p.candidate(), 0.5);
        Patch widened = FilterTraining.sample(half, 64, FilterTraining.Target.CANDIDATE,
            new Augmentation(Augmentation.Config.NONE), new SplittableRandom(4));
        assertThat(widened.label()).containsExactly(p.candidate());
        CandidatePatch falseOne = new CandidatePatch(p.channels(), 5, p.shape(), partial, p.candidate(), 0.05);
        assertThat(FilterTraining.sample(falseOne, 64, FilterTraining.Target.CANDIDATE,
            new Augmentation(Augmentation.Config.NONE), new SplittableRandom(4)).label()).containsExactly(partial);
    }

    @Test
    void stepScheduleDecaysEveryFourEpochs() {
        StepSchedule s = new StepSchedule(1e-3f, 0.1f, 4);
        assertThat(s.startEpoch(1)).isEqualTo(1e-3f);
        assertThat(s.getNewValue(100)).isEqualTo(1e-3f);
        assertThat(s.startEpoch(4)).isEqualTo(1e-3f);
        assertThat(s.startEpoch(5)).isCloseTo(1e-4f, org.assertj.core.data.Offset.offset(1e-10f));
        assertThat(s.startEpoch(20)).isCloseTo(1e-7f, org.assertj.core.data.Offset.offset(1e-12f));
        assertThatThrownBy(() -> new StepSchedule(1e-3f, 0f, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}

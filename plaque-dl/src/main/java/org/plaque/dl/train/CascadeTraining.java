package org.plaque.dl.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;
import org.plaque.dl.bundle.ModelBundle;
import org.plaque.dl.bundle.ModelJson;
import org.plaque.dl.data.CascadeCandidates;
import org.plaque.dl.data.InputNormalisation;
import org.plaque.dl.data.SubjectFolders;
import org.plaque.dl.data.TrainingSubject;
import org.plaque.dl.nn.PatchCnnSpec;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Orientation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * {@code plaque train --arch cascade}: the two-stage patch-CNN cascade of Valverde et al. 2017, "Improving
 * automated multiple sclerosis lesion segmentation with a cascaded 3D convolutional neural network approach",
 * doi:10.1016/j.neuroimage.2017.04.034, trained on a folder of labelled subjects into a model bundle.
 *
 * <ol>
 *   <li>Subjects are z-scored inside their brains; candidates are brain voxels whose normalised FLAIR exceeds
 *       {@value CascadeCandidates#DEFAULT_FLAIR_THRESHOLD_SD} SD ({@link CascadeCandidates}).</li>
 *   <li>Stage 1 ({@link PatchCnnSpec}, default 15³ patches) learns lesion vs non-lesion on every lesion voxel
 *       plus as many random candidate non-lesion voxels, in balanced batches (half lesion), with
 *       cross-entropy ({@link ClassProbabilityLoss}), Adam and the plateau schedule of {@link TrainingLoop}.</li>
 *   <li>Hard negatives: stage 1 scores the candidate non-lesion voxels of each training subject in a random
 *       order, a batch at a time, until it has found as many with p &gt; 0.5 as the subject has lesion voxels
 *       (or has scored them all). Stopping early changes nothing in distribution — the first k hard negatives
 *       of a random order are a uniform random k-subset of all of them, which is what the paper's equal random
 *       sample is — and saves most of the forward passes.</li>
 *   <li>Stage 2, a second network of the same shape, learns on the same lesion voxels plus those hard
 *       negatives (when stage 1 finds none, plus the stage-1 negatives, logged).</li>
 * </ol>
 *
 * <p>Validation (best-epoch selection): a fixed balanced voxel set (up to {@value #VALIDATION_PER_CLASS}
 * lesion and as many candidate non-lesion voxels per subject) of the validation subjects — those named, or
 * with three or more subjects the last one, otherwise the training subjects themselves — scored with the pooled
 * Dice of class 1 ({@link Validation}); stage 2 is validated on the lesion voxels and the stage-1 hard negatives
 * among up to {@value #VALIDATION_NEGATIVE_POOL} candidate negatives of the same subjects.
 *
 * <p>Checkpoints: {@code OUT/checkpoints/stage1} and {@code OUT/checkpoints/stage2}. With {@code resume} a
 * finished stage (all epochs run, or stopped early) is not retrained, an unfinished one continues; a stage 2
 * whose stage 1 was (re)trained in this run starts afresh, since its hard negatives changed.
 *
 * <p>The bundle: {@code model.json} with architecture {@code cascade}, the patch CNN's hyper-parameters, patch
 * size {s, s, s}, threshold {@value #DEFAULT_THRESHOLD} on the product of both stages' probabilities, minimum
 * lesion {@value #DEFAULT_MIN_LESION_MM3} mm³, the training data's spacing and orientation; weights
 * {@code stage1.params} and {@code stage2.params} with roles {@code stage1} and {@code stage2}.
 */
public final class CascadeTraining {
    /** Validation lesion voxels (and non-lesion voxels) per validation subject. */
    static final int VALIDATION_PER_CLASS = 128;
    /** Candidate negatives per validation subject among which stage 2's validation hard negatives are sought. */
    static final int VALIDATION_NEGATIVE_POOL = 1024;
    /** Candidate negatives scored between checks of the hard-negative count. */
    static final int MINING_CHUNK = 4096;
    /** Default threshold on p1 × p2. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Default smallest lesion, mm³. */
    public static final double DEFAULT_MIN_LESION_MM3 = 3;
    /** Weights file of stage 1 in the bundle. */
    public static final String STAGE1_FILE = "stage1.params";
    /** Weights file of stage 2 in the bundle. */
    public static final String STAGE2_FILE = "stage2.params";

    /**
     * What to train.
     *
     * @param data          the subjects' folder ({@link SubjectFolders})
     * @param out           the model bundle folder
     * @param channels      input channels, e.g. [FLAIR] or [FLAIR, T1, T2]
     * @param epochs        maximum epochs per stage
     * @param stepsPerEpoch optimiser steps per epoch
     * @param patch         patch edge (voxels), odd ≥ 5, default 15
     * @param batch         patches per step (half lesion), ≥ 2
     * @param validation    validation subject ids (may be empty)
     * @param seed          random seed
     * @param resume        continue from OUT/checkpoints/stage1 and stage2
     * @param name          the model's name
     * @param license       the weights' licence for the card, or null
     * @param createdBy     the program writing the bundle, e.g. "Plaque 0.1.0"
     * @param command       the command line, for the model card
     */
    public record Request(Path data, Path out, List<String> channels, int epochs, int stepsPerEpoch, int patch,
                          int batch, List<String> validation, long seed, boolean resume, String name, String license,
                          String createdBy, List<String> command) {
        public Request {
            channels = List.copyOf(channels);
            validation = List.copyOf(validation);
            command = List.copyOf(command);
            if (epochs < 1 || stepsPerEpoch < 1) {
                throw new IllegalArgumentException("epochs and steps per epoch must be ≥ 1");
            }
            if (patch < 5 || patch % 2 == 0) {
                throw new IllegalArgumentException("cascade patch must be odd and ≥ 5 (default 15), got " + patch);
            }
            if (batch < 2) {
                throw new IllegalArgumentException("cascade batch must be ≥ 2 (half lesion, half not), got " + batch);
            }
        }
    }

    private CascadeTraining() {
    }

    /** Trains the paper's network ({@link PatchCnnSpec#defaults} with the requested patch) and writes the bundle. */
    public static ModelJson run(Request r, PrintWriter log) throws IOException {
        PatchCnnSpec d = PatchCnnSpec.defaults(r.channels().size());
        return run(r, new PatchCnnSpec(d.inputChannels(), r.patch(), d.filters1(), d.filters2(), d.denseUnits(),
            d.dropout()), log);
    }

    /**
     * Trains both stages with {@code network} (its channels and patch must match the request) and writes the
     * bundle.
     *
     * @return the bundle's model.json
     * @throws InvalidInputException for unusable data (no subjects, no lesions, grids that differ)
     */
    public static ModelJson run(Request r, PatchCnnSpec network, PrintWriter log) throws IOException {
        if (network.inputChannels() != r.channels().size() || network.patchSize() != r.patch()) {
            throw new IllegalArgumentException("network " + network + " does not fit " + r.channels().size()
                + " channel(s) and patch " + r.patch());
        }
        long start = System.nanoTime();
        List<TrainingSubject> all = SubjectFolders.discover(r.data(), r.channels());
        TrainingSubject first = all.get(0);
        double[] spacing = first.geometry().spacingMm();
        String orientation = Orientation.axisCodes(first.geometry());
        for (TrainingSubject s : all) {
            if (!Orientation.axisCodes(s.geometry()).equals(orientation) || !ModelTraining.sameSpacing(s, spacing)) {
                throw new InvalidInputException("subject " + s.id() + " is not on the spacing and orientation of "
                    + first.id() + " (" + orientation + ", " + Arrays.toString(spacing)
                    + " mm): resample the training data to one grid first");
            }
        }
        List<TrainingSubject> training = new ArrayList<>();
        List<TrainingSubject> validation = new ArrayList<>();
        ModelTraining.split(all, r.validation(), training, validation);
        // The paper's candidate rule is in standard deviations, so the cascade always z-scores.
        training.replaceAll(InputNormalisation.ZSCORE_BRAIN::apply);
        validation.replaceAll(InputNormalisation.ZSCORE_BRAIN::apply);
        List<TrainingSubject> checked = validation.isEmpty() ? training : validation;
        log.printf(Locale.ROOT, "cascade: %d training subject(s) %s, validation %s; %s on %s%n", training.size(),
            ModelTraining.ids(training), validation.isEmpty() ? "voxels of the training subjects"
                : ModelTraining.ids(validation), network.toMap(), DlEngine.describe());

        Map<String, Integer> candidateCounts = new LinkedHashMap<>();
        Map<String, Double> lesionCoverage = new LinkedHashMap<>();
        List<Mask> candidates = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(r.seed());
        List<int[]> stage1Samples = new ArrayList<>();
        for (TrainingSubject s : training) {
            Mask c = CascadeCandidates.candidates(s);
            candidates.add(c);
            candidateCounts.put(s.id(), c.count());
            int lesion = s.lesion().count();
            lesionCoverage.put(s.id(), round(100.0 * (lesion - indices(s.lesion(), c).length) / Math.max(1, lesion)));
            stage1Samples.add(CascadeCandidates.sampleTraining(s, c, rnd));
        }
        VoxelSamples stage1 = VoxelSamples.of(training, stage1Samples);
        log.printf(Locale.ROOT, "cascade: candidates %s (%% of lesion voxels among them: %s); stage 1 samples: %d"
            + " lesion + %d non-lesion voxels%n", candidateCounts, lesionCoverage, stage1.positives(),
            stage1.negatives());
        Validation stage1Check = stage1Validation(checked, r, log);

        Path checkpoints = r.out().resolve("checkpoints");
        StageResult s1 = trainStage(1, network, stage1, stage1Check, checkpoints.resolve("stage1"), r.resume(), r, log);

        long miningStart = System.nanoTime();
        Mining mining;
        Validation stage2Check;
        try (NDManager manager = DlEngine.newManager();
             ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            PatchClassifier.Scorer scorer = scorer(network, s1.outcome().bestWeights(), manager);
            mining = mineAll(training, candidates, scorer, r.patch(), new SplittableRandom(r.seed() + 2), ctx);
            stage2Check = stage2Validation(checked, stage1Check, scorer, r, ctx);
        }
        log.printf(Locale.ROOT, "cascade: stage 1 scored %d of %d candidate non-lesion voxels, %d hard negatives"
                + " (p > %.1f) found, %.0f s (with the validation set)%n", mining.scored(), mining.negatives(),
            mining.hard(), CascadeCandidates.DEFAULT_HARD_THRESHOLD, (System.nanoTime() - miningStart) / 1e9);
        VoxelSamples stage2 = VoxelSamples.of(training, mining.samples());
        if (stage2.negatives() == 0) {
            log.println("cascade: stage 1 leaves no hard negatives; stage 2 trains on the stage-1 negatives");
            stage2 = stage1;
        }
        log.printf(Locale.ROOT, "cascade: stage 2 samples: %d lesion + %d hard non-lesion voxels%n",
            stage2.positives(), stage2.negatives());
        boolean resume2 = r.resume() && s1.skipped();
        StageResult s2 = trainStage(2, network, stage2, stage2Check, checkpoints.resolve("stage2"), resume2, r, log);

        double seconds = (System.nanoTime() - start) / 1e9;
        ModelJson model = modelJson(r, network, spacing, orientation, training, validation, s1, s2, stage1, stage2,
            mining, candidateCounts, lesionCoverage, seconds);
        Map<String, byte[]> weights = new LinkedHashMap<>();
        weights.put(STAGE1_FILE, Weights.toHalfPrecision(s1.outcome().bestWeights()));
        weights.put(STAGE2_FILE, Weights.toHalfPrecision(s2.outcome().bestWeights()));
        return ModelBundle.write(r.out(), model, weights);
    }

    /** One stage's outcome and whether a finished checkpoint stood in for training. */
    record StageResult(TrainingLoop.Outcome outcome, boolean skipped, double patchesPerSecond) {
    }

    private static StageResult trainStage(int stage, PatchCnnSpec network, VoxelSamples samples, Validation check,
                                          Path dir, boolean resume, Request r, PrintWriter log) throws IOException {
        Checkpoints cp = new Checkpoints(dir);
        boolean hasCheckpoint = Files.isRegularFile(cp.state()) && Files.isRegularFile(cp.latest());
        if (resume && hasCheckpoint && Files.isRegularFile(cp.best())) {
            TrainingState state = cp.readState();
            PlateauSchedule schedule = PlateauSchedule.restore(PlateauSchedule.Settings.DEFAULT, state);
            if (state.epoch() >= r.epochs() || schedule.shouldStop()) {
                log.printf(Locale.ROOT, "cascade stage %d: finished in %s (epoch %d, best validation Dice %.3f at"
                    + " epoch %d); not retrained%n", stage, dir, state.epoch(), state.bestScore(), state.bestEpoch());
                log.flush();
                return new StageResult(new TrainingLoop.Outcome(state, cp.readBest(), schedule.shouldStop()), true,
                    rate(state, r));
            }
        }
        // Stage 1 with --resume and no checkpoint is the loop's clear error; stage 2 starts afresh instead.
        boolean resumeThis = resume && (stage == 1 || hasCheckpoint);
        log.printf(Locale.ROOT, "cascade stage %d: %d × %d steps of %d patches %d³%s%n", stage, r.epochs(),
            r.stepsPerEpoch(), r.batch(), r.patch(), resumeThis ? ", resumed" : "");
        log.flush();
        TrainingLoop loop = new TrainingLoop(network.newBlock(), network.inputShape(r.batch()),
            new ClassProbabilityLoss(), new TrainingLoop.Settings(r.epochs(), r.stepsPerEpoch(),
            PlateauSchedule.Settings.DEFAULT, r.seed() + stage - 1));
        TrainingLoop.Outcome outcome = loop.run(samples.batches(r.batch(), r.patch()), check, dir, resumeThis, log);
        return new StageResult(outcome, false, rate(outcome.state(), r));
    }

    /** Training patches per second over the stage's epochs (validation time included). */
    private static double rate(TrainingState state, Request r) {
        double seconds = state.history().stream().mapToDouble(TrainingState.EpochRecord::seconds).sum();
        return seconds > 0 ? (double) state.history().size() * r.stepsPerEpoch() * r.batch() / seconds : 0;
    }

    private static PatchClassifier.Scorer scorer(PatchCnnSpec network, byte[] weights, NDManager manager) {
        Block block = network.newBlock();
        Weights.load(block, manager, network.inputShape(1), weights, "stage 1 weights");
        return PatchClassifier.softmax(new BlockForward(block, manager), network.inputChannels(),
            network.patchSize());
    }

    /**
     * Hard negatives of the training subjects.
     *
     * @param samples per subject: its stage-2 samples (lesion voxels + hard negatives)
     * @param scored  candidate negatives scored by stage 1
     * @param negatives candidate negatives in all
     * @param hard    hard negatives found
     */
    record Mining(List<int[]> samples, long scored, long negatives, long hard) {
    }

    static Mining mineAll(List<TrainingSubject> subjects, List<Mask> candidates, PatchClassifier.Scorer scorer,
                          int patch, SplittableRandom rnd, ExecutionContext ctx) {
        List<int[]> samples = new ArrayList<>();
        long scored = 0;
        long negatives = 0;
        long hard = 0;
        for (int k = 0; k < subjects.size(); k++) {
            TrainingSubject s = subjects.get(k);
            Mask c = candidates.get(k);
            int[] order = VoxelSamples.randomSubset(indices(c, s.lesion()), Integer.MAX_VALUE, rnd);
            int need = s.lesion().count();
            float[] probability = new float[s.geometry().voxelCount()];
            int done = 0;
            int found = 0;
            while (done < order.length && found < need) {
                int to = Math.min(order.length, done + MINING_CHUNK);
                int[] chunk = Arrays.copyOfRange(order, done, to);
                float[] p = PatchClassifier.score(s.channels(), chunk, patch, PatchClassifier.DEFAULT_BATCH, scorer,
                    "cascade hard negatives " + s.id(), ctx);
                for (int i = 0; i < chunk.length; i++) {
                    probability[chunk[i]] = p[i];
                    if (p[i] > CascadeCandidates.DEFAULT_HARD_THRESHOLD) {
                        found++;
                    }
                }
                done = to;
            }
            samples.add(CascadeCandidates.sampleStage2(s, c, ScalarVolume.of(s.geometry(), probability),
                CascadeCandidates.DEFAULT_HARD_THRESHOLD, rnd));
            scored += done;
            negatives += order.length;
            hard += found;
        }
        return new Mining(samples, scored, negatives, hard);
    }

    /** Stage-1 validation: up to {@value #VALIDATION_PER_CLASS} lesion and candidate non-lesion voxels each. */
    private static Validation stage1Validation(List<TrainingSubject> subjects, Request r, PrintWriter log) {
        SplittableRandom rnd = new SplittableRandom(r.seed() + 1);
        List<int[]> samples = new ArrayList<>();
        for (TrainingSubject s : subjects) {
            int[] pos = VoxelSamples.randomSubset(indices(s.lesion(), null), VALIDATION_PER_CLASS, rnd);
            int[] neg = VoxelSamples.randomSubset(indices(CascadeCandidates.candidates(s), s.lesion()),
                VALIDATION_PER_CLASS, rnd);
            samples.add(concat(pos, neg));
        }
        VoxelSamples v = VoxelSamples.of(subjects, samples);
        log.printf(Locale.ROOT, "cascade: validation %d lesion + %d non-lesion voxels%n", v.positives(),
            v.negatives());
        return new Validation(v.fixed(r.batch(), r.patch()));
    }

    /** Stage-2 validation: lesion voxels and the stage-1 hard negatives of a pool of candidate negatives. */
    private static Validation stage2Validation(List<TrainingSubject> subjects, Validation stage1,
                                               PatchClassifier.Scorer scorer, Request r, ExecutionContext ctx) {
        SplittableRandom rnd = new SplittableRandom(r.seed() + 3);
        List<int[]> samples = new ArrayList<>();
        int hard = 0;
        for (TrainingSubject s : subjects) {
            int[] pos = VoxelSamples.randomSubset(indices(s.lesion(), null), VALIDATION_PER_CLASS, rnd);
            int[] pool = VoxelSamples.randomSubset(indices(CascadeCandidates.candidates(s), s.lesion()),
                VALIDATION_NEGATIVE_POOL, rnd);
            float[] p = PatchClassifier.score(s.channels(), pool, r.patch(), PatchClassifier.DEFAULT_BATCH, scorer,
                "cascade validation " + s.id(), ctx);
            VoxelSamples.IntList neg = new VoxelSamples.IntList();
            for (int i = 0; i < pool.length && neg.size() < VALIDATION_PER_CLASS; i++) {
                if (p[i] > CascadeCandidates.DEFAULT_HARD_THRESHOLD) {
                    neg.add(pool[i]);
                }
            }
            hard += neg.size();
            samples.add(concat(pos, neg.toArray()));
        }
        return hard == 0 ? stage1 : new Validation(VoxelSamples.of(subjects, samples).fixed(r.batch(), r.patch()));
    }

    /** Indices of {@code mask} voxels outside {@code without} (null: none excluded). */
    static int[] indices(Mask mask, Mask without) {
        VoxelSamples.IntList out = new VoxelSamples.IntList();
        int n = mask.geometry().voxelCount();
        for (int i = 0; i < n; i++) {
            if (mask.get(i) && (without == null || !without.get(i))) {
                out.add(i);
            }
        }
        return out.toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static ModelJson modelJson(Request r, PatchCnnSpec network, double[] spacing, String orientation,
                                       List<TrainingSubject> trained, List<TrainingSubject> validation,
                                       StageResult s1, StageResult s2, VoxelSamples stage1, VoxelSamples stage2,
                                       Mining mining, Map<String, Integer> candidates, Map<String, Double> coverage,
                                       double seconds) {
        PlateauSchedule.Settings sch = PlateauSchedule.Settings.DEFAULT;
        String procedure = String.format(Locale.ROOT, "Valverde et al. 2017 cascade (doi:10.1016/j.neuroimage.2017"
                + ".04.034): candidates = brain voxels with normalised FLAIR > %.1f SD; stage 1 on all %d lesion"
                + " voxels + %d random candidate non-lesion voxels; stage 2 on the same lesion voxels + %d hard"
                + " negatives (stage-1 p > %.1f; %d found among %d scored of %d candidate non-lesion voxels);"
                + " balanced batches of %d patches %d³; cross-entropy on a 2-way softmax; Adam, learning rate %.0e"
                + " decayed ×%.1f after %d epochs without validation improvement down to %.0e, early stop after %d;"
                + " %d steps per epoch; validation: %s; stage 1 best epoch %d of %d, stage 2 best epoch %d of %d;"
                + " output = p1 × p2",
            CascadeCandidates.DEFAULT_FLAIR_THRESHOLD_SD, stage1.positives(), stage1.negatives(), stage2.negatives(),
            CascadeCandidates.DEFAULT_HARD_THRESHOLD, mining.hard(), mining.scored(), mining.negatives(), r.batch(),
            r.patch(), sch.initial(), sch.factor(), sch.patience(), sch.floor(), sch.stopPatience(),
            r.stepsPerEpoch(), validation.isEmpty() ? "fixed voxels of the training subjects"
                : "subjects " + ModelTraining.ids(validation), s1.outcome().state().bestEpoch(),
            s1.outcome().state().epoch(), s2.outcome().state().bestEpoch(), s2.outcome().state().epoch());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validation_dice_stage1", s1.outcome().state().bestScore());
        metrics.put("validation_dice_stage2", s2.outcome().state().bestScore());
        metrics.put("validation", validation.isEmpty() ? "training-subject voxels" : ModelTraining.ids(validation));
        metrics.put("candidates", candidates);
        metrics.put("lesion_percent_in_candidates", coverage);
        metrics.put("stage1_patches_per_second", round(s1.patchesPerSecond()));
        metrics.put("stage2_patches_per_second", round(s2.patchesPerSecond()));
        ModelJson.Training training = new ModelJson.Training(r.data().getFileName().toString(),
            ModelTraining.ids(trained), procedure, "none", Math.max(s1.outcome().state().epoch(),
            s2.outcome().state().epoch()), r.seed(), seconds, String.join(" ", r.command()));
        return new ModelJson(ModelJson.FORMAT_VERSION, r.name(), "cascade", network.toMap(), r.channels(),
            "native", new ModelJson.Spacing(spacing[0], spacing[1], spacing[2]), orientation,
            InputNormalisation.ZSCORE_BRAIN.cardName(),
            List.of(r.patch(), r.patch(), r.patch()), null, DEFAULT_THRESHOLD, null, DEFAULT_MIN_LESION_MM3,
            training, metrics, r.license(), List.of(new ModelJson.WeightsFile(STAGE1_FILE, null, "stage1"),
            new ModelJson.WeightsFile(STAGE2_FILE, null, "stage2")), r.createdBy());
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

package org.plaque.dl.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;
import org.plaque.dl.data.Augmentation;
import org.plaque.dl.data.CandidatePatch;
import org.plaque.dl.data.Patch;
import org.plaque.dl.nn.NewLesionFilterSpec;
import org.plaque.dl.nn.Networks;
import org.plaque.dl.nn.Output;

/**
 * Trains the new-lesion filter ({@link NewLesionFilterSpec}) on labelled candidate patches (issue 7, item 2).
 *
 * <p>A candidate is <b>true</b> when at least {@value #TRUE_FRACTION} of its voxels lie in the reference change
 * mask (the same 10 % overlap the classical filter asks of the cross-sectional lesion mask; a reference lesion
 * touched this much counts as detected by the MSSEG lesion-wise rule); otherwise it is a false positive of the
 * candidate step. Each step draws one patch, true or false with probability ½ each (balanced although false
 * candidates outnumber true ones ~100:1), uniformly within its class. One patch per step: the network is fully
 * convolutional and patches keep their own size (no padding to a common size); a patch larger than
 * {@code maxEdge} along an axis is cropped at a random offset to bound the cost. Target: the per-voxel
 * reference of the patch ({@link CandidatePatch#label()}) plus, by default, all of a true candidate's own voxels
 * ({@link Target}); loss {@code settings.loss} (default BCE + soft
 * Dice). Augmentation of the two FLAIR channels only (the distance maps are geometry): a smooth multiplicative
 * bias field and Gaussian noise ({@link Augmentation}, each with probability ½). Adam, learning rate 1e-3 ×0.1
 * every 4 epochs, 20 epochs ({@link StepSchedule}); no validation split (the real pairs are too few), so the
 * weights of the last epoch are the result. A checkpoint ({@link Checkpoints}: state, latest weights) is
 * written after every epoch.
 *
 * <p>Deterministic for a seed (engine seeded; epoch {@code e} draws from a generator seeded by (seed, e)).
 */
public final class FilterTraining {
    /** Smallest fraction of a candidate's voxels in the reference for it to be a true change. */
    public static final double TRUE_FRACTION = 0.1;

    private FilterTraining() {
    }

    /**
     * Training settings.
     *
     * @param epochs           epochs, ≥ 1 (default 20)
     * @param stepsPerEpoch    steps (patches) per epoch, ≥ 1 (default 100)
     * @param learningRate     initial Adam learning rate (default 1e-3)
     * @param decayFactor      factor applied every {@code decayEveryEpochs} (default 0.1)
     * @param decayEveryEpochs epochs between decays (default 4)
     * @param maxEdge          largest training patch edge in voxels, ≥ 3 (default 32)
     * @param loss             loss on the sigmoid output (default BCE + soft Dice)
     * @param augmentation     augmentation of the FLAIR channels (default noise and bias field)
     * @param seed             random seed (default 42)
     * @param target           what the network learns per voxel (default {@link Target#CANDIDATE}: at the
     *                         model's threshold 0.75 it measured better than {@link Target#REFERENCE} on the
     *                         Lesjak pairs, docs/LONGITUDINAL.md)
     */
    public record Settings(int epochs, int stepsPerEpoch, float learningRate, float decayFactor, int decayEveryEpochs,
                           int maxEdge, ProbabilityLoss.Kind loss, Augmentation.Config augmentation, long seed,
                           Target target) {
        /** Noise (SD up to 0.1) and bias field (|log b| up to 0.3), each with probability ½; nothing else. */
        public static final Augmentation.Config NOISE_AND_BIAS = Augmentation.Config.NONE.withNoise(true)
            .withBiasField(true).withProbability(0.5);
        /** The settings of the issue: 20 epochs of 100 steps, Adam 1e-3 ×0.1 every 4 epochs; candidate target. */
        public static final Settings DEFAULTS = new Settings(20, 100, 1e-3f, 0.1f, 4, 32,
            ProbabilityLoss.Kind.BCE_DICE, NOISE_AND_BIAS, 42, Target.CANDIDATE);

        public Settings {
            if (epochs < 1 || stepsPerEpoch < 1 || maxEdge < 3 || loss == null || augmentation == null
                || target == null) {
                throw new IllegalArgumentException("invalid filter training settings");
            }
            new StepSchedule(learningRate, decayFactor, decayEveryEpochs); // validates the schedule
        }

        /** A copy with other epoch and step counts. */
        public Settings withLength(int newEpochs, int newStepsPerEpoch) {
            return new Settings(newEpochs, newStepsPerEpoch, learningRate, decayFactor, decayEveryEpochs, maxEdge, loss,
                augmentation, seed, target);
        }

        /** A copy with another seed. */
        public Settings withSeed(long newSeed) {
            return new Settings(epochs, stepsPerEpoch, learningRate, decayFactor, decayEveryEpochs, maxEdge, loss,
                augmentation, newSeed, target);
        }

        /** A copy with another per-voxel target. */
        public Settings withTarget(Target newTarget) {
            return new Settings(epochs, stepsPerEpoch, learningRate, decayFactor, decayEveryEpochs, maxEdge, loss,
                augmentation, seed, newTarget);
        }

        /** One line for the model card. */
        public String describe() {
            return String.format(Locale.ROOT, "loss %s; Adam, learning rate %.0e ×%.1f every %d epochs; %d epochs of"
                    + " %d steps, one candidate patch per step (variable size, cropped to ≤ %d voxels per axis),"
                    + " true (label fraction ≥ %.1f) and false candidates drawn with probability ½ each; weights of"
                    + " the last epoch; target %s", loss.optionName(), learningRate, decayFactor, decayEveryEpochs, epochs,
                stepsPerEpoch, maxEdge, TRUE_FRACTION, target.name().toLowerCase(Locale.ROOT));
        }
    }

    /** The per-voxel training target. */
    public enum Target {
        /** The reference change mask in the patch ({@link CandidatePatch#label()}). */
        REFERENCE,
        /**
         * The reference, plus every voxel of the candidate when the candidate is true: the target then matches the
         * candidate-level decision (a true candidate's voxels should all score high, whatever part of it the
         * reference covers).
         */
        CANDIDATE
    }

    /**
     * What training produced.
     *
     * @param weights      the final weights ({@link Weights}, float32)
     * @param state        epochs, losses, seconds
     * @param truePatches  true candidates available
     * @param falsePatches false candidates available
     */
    public record Outcome(byte[] weights, TrainingState state, int truePatches, int falsePatches) {
    }

    /** Whether a candidate counts as a true change ({@link #TRUE_FRACTION}). */
    public static boolean isTrue(CandidatePatch p) {
        return p.labelFraction() >= TRUE_FRACTION;
    }

    /**
     * Trains a new network.
     *
     * @param checkpointDir where the per-epoch checkpoint goes (created)
     * @param log           progress lines
     * @throws InvalidInputException when there is no true or no false candidate, or a patch has not 5 channels
     */
    public static Outcome train(NewLesionFilterSpec spec, List<CandidatePatch> patches, Settings settings,
                                Path checkpointDir, PrintWriter log) throws IOException {
        List<CandidatePatch> positives = new ArrayList<>();
        List<CandidatePatch> negatives = new ArrayList<>();
        for (CandidatePatch p : patches) {
            if (p.channelCount() != spec.inputChannels()) {
                throw new InvalidInputException("filter training: a candidate patch has " + p.channelCount()
                    + " channels, the network takes " + spec.inputChannels());
            }
            (isTrue(p) ? positives : negatives).add(p);
        }
        if (positives.isEmpty() || negatives.isEmpty()) {
            throw new InvalidInputException("filter training needs true and false candidates (label fraction ≥ "
                + TRUE_FRACTION + " and below); got " + positives.size() + " true and " + negatives.size()
                + " false: are the reference change masks empty or not aligned with the images?");
        }
        log.printf(Locale.ROOT, "filter training: %d true and %d false candidate patches%n", positives.size(),
            negatives.size());
        Files.createDirectories(checkpointDir);
        Checkpoints checkpoints = new Checkpoints(checkpointDir);
        Augmentation augmentation = new Augmentation(settings.augmentation());
        ProbabilityLoss loss = new ProbabilityLoss(settings.loss());
        StepSchedule schedule = new StepSchedule(settings.learningRate(), settings.decayFactor(),
            settings.decayEveryEpochs());
        DlEngine.seed(settings.seed());
        Block block = spec.newBlock(Output.PROBABILITIES);
        List<TrainingState.EpochRecord> history = new ArrayList<>();
        double seconds = 0;
        try (Model model = Model.newInstance("plaque-filter-training", DlEngine.device())) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optInitializer(Networks.heNormal(), Parameter.Type.WEIGHT)
                .optOptimizer(Adam.builder().optLearningRateTracker(schedule).build())
                .optDevices(new ai.djl.Device[] {DlEngine.device()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(spec.inputShape(1, 5, 8, 8));
                TrainingState state = null;
                for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                    long start = System.nanoTime();
                    float lr = schedule.startEpoch(epoch);
                    SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + epoch);
                    double sum = 0;
                    for (int step = 0; step < settings.stepsPerEpoch(); step++) {
                        List<CandidatePatch> pool = random.nextBoolean() ? positives : negatives;
                        CandidatePatch p = pool.get(random.nextInt(pool.size()));
                        Patch sample = sample(p, settings.maxEdge(), settings.target(), augmentation, random);
                        int[] sh = sample.shape();
                        try (NDManager scope = trainer.getManager().newSubManager()) {
                            NDArray x = scope.create(sample.image(), new Shape(1, spec.inputChannels(), sh[0], sh[1],
                                sh[2]));
                            NDArray y = scope.create(sample.label(), new Shape(1, 1, sh[0], sh[1], sh[2]));
                            sum += TrainingLoop.optimiserStep(trainer, loss, x, y);
                        }
                    }
                    double epochSeconds = (System.nanoTime() - start) / 1e9;
                    seconds += epochSeconds;
                    double meanLoss = sum / settings.stepsPerEpoch();
                    history.add(new TrainingState.EpochRecord(epoch, meanLoss, Double.NaN, lr, epochSeconds));
                    state = new TrainingState(epoch, lr, Double.NaN, epoch, 0, 0, seconds, history);
                    byte[] weights = Weights.of(block);
                    checkpoints.write(state, weights, null);
                    log.printf(Locale.ROOT, "filter epoch %d/%d: loss %.4f, lr %.1e, %.1f s%n", epoch,
                        settings.epochs(), meanLoss, lr, epochSeconds);
                    log.flush();
                }
                return new Outcome(Weights.of(block), state, positives.size(), negatives.size());
            }
        }
    }

    /**
     * The training sample of one candidate: cropped to {@code maxEdge} per axis (random offset), FLAIR channels
     * augmented, the distance maps untouched.
     */
    static Patch sample(CandidatePatch p, int maxEdge, Target target, Augmentation augmentation,
                        SplittableRandom random) {
        int[] sh = p.shape();
        int[] size = new int[3];
        int[] off = new int[3];
        for (int a = 0; a < 3; a++) {
            size[a] = Math.min(sh[a], maxEdge);
            off[a] = sh[a] > maxEdge ? random.nextInt(sh[a] - maxEdge + 1) : 0;
        }
        int c = p.channelCount();
        int vox = size[0] * size[1] * size[2];
        float[] image = crop(p.channels(), c, sh, off, size);
        float[] full = p.label();
        if (target == Target.CANDIDATE && isTrue(p)) {
            full = full.clone();
            float[] cand = p.candidate();
            for (int i = 0; i < full.length; i++) {
                full[i] = Math.max(full[i], cand[i]);
            }
        }
        float[] label = crop(full, 1, sh, off, size);
        int images = NewLesionFilterSpec.IMAGE_CHANNELS;
        if (vox >= 2) {
            float[] flairs = java.util.Arrays.copyOf(image, images * vox);
            Patch augmented = augmentation.apply(new Patch(flairs, label, images, size), random);
            System.arraycopy(augmented.image(), 0, image, 0, images * vox);
        }
        return new Patch(image, label, c, size);
    }

    private static float[] crop(float[] a, int channels, int[] sh, int[] off, int[] size) {
        if (off[0] == 0 && off[1] == 0 && off[2] == 0 && size[0] == sh[0] && size[1] == sh[1] && size[2] == sh[2]) {
            return a.clone();
        }
        float[] out = new float[channels * size[0] * size[1] * size[2]];
        int k = 0;
        for (int c = 0; c < channels; c++) {
            for (int z = 0; z < size[0]; z++) {
                for (int y = 0; y < size[1]; y++) {
                    int src = ((c * sh[0] + z + off[0]) * sh[1] + y + off[1]) * sh[2] + off[2];
                    System.arraycopy(a, src, out, k, size[2]);
                    k += size[2];
                }
            }
        }
        return out;
    }
}

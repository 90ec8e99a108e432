package org.plaque.dl.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.plaque.dl.DlEngine;
import org.plaque.dl.nn.Networks;

/**
 * The epoch loop: Adam on mini-batches from a {@link BatchSource}, validation Dice after each epoch, learning
 * rate decay on plateau and early stopping ({@link PlateauSchedule}), and a checkpoint after each epoch
 * ({@link Checkpoints}) from which {@code resume} continues. Weights are initialised with He's scheme
 * (He et al. 2015, doi:10.1109/ICCV.2015.123: Gaussian, variance 2 / fan-in).
 *
 * <p>Deterministic: the engine is seeded with {@code seed}, and epoch {@code e} draws its batches from a
 * generator seeded by ({@code seed}, {@code e}) — so a resumed run sees the same batches as an uninterrupted
 * one. (Adam's moments restart on resume; see {@link TrainingState}.)
 */
public final class TrainingLoop {
    /**
     * Loop settings.
     *
     * @param epochs        maximum number of epochs
     * @param stepsPerEpoch optimiser steps per epoch
     * @param schedule      learning rate and stopping rule
     * @param seed          random seed
     */
    public record Settings(int epochs, int stepsPerEpoch, PlateauSchedule.Settings schedule, long seed) {
        public Settings {
            if (epochs < 1 || stepsPerEpoch < 1) {
                throw new IllegalArgumentException("epochs and steps per epoch must be ≥ 1");
            }
        }
    }

    /**
     * What training produced.
     *
     * @param state        the final state (history, best score)
     * @param bestWeights  the weights of the best validation epoch
     * @param stoppedEarly whether early stopping ended the run before {@code epochs}
     */
    public record Outcome(TrainingState state, byte[] bestWeights, boolean stoppedEarly) {
    }

    private final Block block;
    private final Shape inputShape;
    private final Loss loss;
    private final Settings settings;

    /**
     * A loop training {@code block}.
     *
     * @param inputShape the shape of one batch (for initialisation)
     */
    public TrainingLoop(Block block, Shape inputShape, Loss loss, Settings settings) {
        this.block = block;
        this.inputShape = inputShape;
        this.loss = loss;
        this.settings = settings;
    }

    /**
     * Trains, writing checkpoints into {@code checkpointDir}.
     *
     * @param resume continue from the checkpoint in {@code checkpointDir} (an error when there is none)
     * @param log    progress lines (loss, validation Dice, ETA)
     */
    public Outcome run(BatchSource source, Validation validation, Path checkpointDir, boolean resume,
                       PrintWriter log) throws IOException {
        Files.createDirectories(checkpointDir);
        Checkpoints checkpoints = new Checkpoints(checkpointDir);
        DlEngine.seed(settings.seed());
        try (Model model = Model.newInstance("plaque-training", DlEngine.device())) {
            model.setBlock(block);
            PlateauSchedule schedule = new PlateauSchedule(settings.schedule());
            TrainingState state = new TrainingState(0, schedule.learningRate(), Double.NEGATIVE_INFINITY, 0, 0, 0,
                0, List.of());
            if (resume) {
                state = checkpoints.readState();
                schedule = PlateauSchedule.restore(settings.schedule(), state);
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optInitializer(Networks.heNormal(), Parameter.Type.WEIGHT)
                .optOptimizer(Adam.builder().optLearningRateTracker(schedule).build())
                .optDevices(new ai.djl.Device[] {DlEngine.device()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShape);
                NDManager manager = trainer.getManager();
                if (resume) {
                    Weights.load(block, manager, inputShape, checkpoints.readLatest(), "checkpoint");
                }
                BlockForward forward = new BlockForward(block, manager);
                List<TrainingState.EpochRecord> history = new ArrayList<>(state.history());
                byte[] best = resume && Files.exists(checkpoints.best()) ? checkpoints.readBest() : null;
                int bestEpoch = state.bestEpoch();
                double seconds = state.seconds();
                boolean stopped = schedule.shouldStop();
                for (int epoch = state.epoch() + 1; epoch <= settings.epochs() && !stopped; epoch++) {
                    long start = System.nanoTime();
                    float lr = schedule.learningRate();
                    double meanLoss = trainEpoch(trainer, source, epoch, log);
                    double dice = validation.dice(forward::predict);
                    if (schedule.endEpoch(dice)) {
                        best = Weights.of(block);
                        bestEpoch = epoch;
                    }
                    double epochSeconds = (System.nanoTime() - start) / 1e9;
                    seconds += epochSeconds;
                    history.add(new TrainingState.EpochRecord(epoch, meanLoss, dice, lr, epochSeconds));
                    state = new TrainingState(epoch, schedule.learningRate(), schedule.bestScore(), bestEpoch,
                        schedule.epochsSinceBest(), schedule.epochsSinceDecay(), seconds, history);
                    checkpoints.write(state, Weights.of(block), best);
                    stopped = schedule.shouldStop();
                    log.printf(Locale.ROOT, "epoch %d/%d: loss %.4f, validation Dice %.3f (best %.3f @ %d), lr %.1e,"
                            + " %.0f s%s%n", epoch, settings.epochs(), meanLoss, dice, schedule.bestScore(), bestEpoch,
                        lr, epochSeconds, stopped ? " — early stop" : "");
                    log.flush();
                }
                return new Outcome(state, best == null ? Weights.of(block) : best, stopped);
            }
        }
    }

    /** One optimiser step on input {@code x} and target {@code y}: forward, loss, backward, update; the loss. */
    static float optimiserStep(Trainer trainer, Loss loss, NDArray x, NDArray y) {
        float value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
            NDArray l = loss.evaluate(new NDList(y), new NDList(prediction));
            value = l.getFloat();
            collector.backward(l);
        }
        trainer.step();
        return value;
    }

    private double trainEpoch(Trainer trainer, BatchSource source, int epoch, PrintWriter log) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + epoch);
        double sum = 0;
        long start = System.nanoTime();
        int reportEvery = Math.max(1, settings.stepsPerEpoch() / 10);
        for (int step = 1; step <= settings.stepsPerEpoch(); step++) {
            Batch batch = source.next(random);
            try (NDManager scope = trainer.getManager().newSubManager()) {
                sum += optimiserStep(trainer, loss, scope.create(batch.input(), new Shape(batch.inputShape())),
                    scope.create(batch.target(), new Shape(batch.targetShape())));
            }
            if (step % reportEvery == 0 || step == settings.stepsPerEpoch()) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                double perStep = elapsed / step;
                double remaining = perStep * ((long) (settings.epochs() - epoch) * settings.stepsPerEpoch()
                    + settings.stepsPerEpoch() - step);
                log.printf(Locale.ROOT, "epoch %d step %d/%d: loss %.4f, %.2f s/step, ETA %s%n", epoch, step,
                    settings.stepsPerEpoch(), sum / step, perStep, duration(remaining));
                log.flush();
            }
        }
        return sum / settings.stepsPerEpoch();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
            : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}

package org.plaque.dl.train;

import java.util.List;

/**
 * What a checkpoint stores besides the weights, so training resumes where it stopped: the last finished
 * epoch, the schedule's state and the per-epoch history. Adam's moment estimates are not stored (DJL does not
 * expose them); after a resume they rebuild within a few dozen steps.
 *
 * @param epoch            last finished epoch (1-based; 0 = none)
 * @param learningRate     current learning rate
 * @param bestScore        best validation score
 * @param bestEpoch        epoch of the best score
 * @param epochsSinceBest  epochs without improvement
 * @param epochsSinceDecay epochs since the last improvement or learning-rate decay
 * @param seconds          training time so far
 * @param history          one entry per finished epoch
 */
public record TrainingState(int epoch, float learningRate, double bestScore, int bestEpoch, int epochsSinceBest,
                            int epochsSinceDecay, double seconds, List<EpochRecord> history) {
    public TrainingState {
        history = List.copyOf(history);
    }

    /**
     * One epoch.
     *
     * @param epoch        1-based epoch
     * @param loss         mean training loss
     * @param score        validation score (Dice)
     * @param learningRate learning rate used
     * @param seconds      wall time of the epoch
     */
    public record EpochRecord(int epoch, double loss, double score, float learningRate, double seconds) {
    }
}

package org.plaque.dl.train;

import ai.djl.training.tracker.Tracker;

/**
 * Learning rate that drops by a factor when the validation score has not improved for {@code patience}
 * epochs, down to a floor (default 1e-3 → 1e-5, factor 0.1, patience 5), plus early stopping after
 * {@code stopPatience} epochs without improvement (default 10). The optimiser reads the current value through
 * {@link Tracker}; the training loop reports each epoch's score with {@link #endEpoch(double)}.
 */
public final class PlateauSchedule implements Tracker {
    /** The settings. */
    public record Settings(float initial, float floor, float factor, int patience, int stopPatience) {
        /** The slice-U-Net schedule: 1e-3 → 1e-5 by 0.1 on a 5-epoch plateau, stop after 10. */
        public static final Settings DEFAULT = new Settings(1e-3f, 1e-5f, 0.1f, 5, 10);

        public Settings {
            if (!(initial > 0) || !(floor > 0) || floor > initial || !(factor > 0 && factor < 1) || patience < 1
                || stopPatience < 1) {
                throw new IllegalArgumentException("invalid learning-rate schedule " + initial + " → " + floor
                    + " ×" + factor + ", patience " + patience + "/" + stopPatience);
            }
        }
    }

    private final Settings settings;
    private float value;
    private double best = Double.NEGATIVE_INFINITY;
    private int sinceBest;
    private int sinceDecay;

    /** A schedule starting at {@code settings.initial()}. */
    public PlateauSchedule(Settings settings) {
        this.settings = settings;
        this.value = settings.initial();
    }

    /** Restores the state saved in a checkpoint. */
    public static PlateauSchedule restore(Settings settings, TrainingState state) {
        PlateauSchedule s = new PlateauSchedule(settings);
        s.value = state.learningRate();
        s.best = state.bestScore();
        s.sinceBest = state.epochsSinceBest();
        s.sinceDecay = state.epochsSinceDecay();
        return s;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return value;
    }

    /** The current learning rate. */
    public float learningRate() {
        return value;
    }

    /** Best validation score so far (−∞ before the first epoch). */
    public double bestScore() {
        return best;
    }

    /** Epochs since the best score. */
    public int epochsSinceBest() {
        return sinceBest;
    }

    /** Epochs since the best score or the last decay, whichever is later. */
    public int epochsSinceDecay() {
        return sinceDecay;
    }

    /**
     * Records an epoch's validation score (higher is better).
     *
     * @return whether this score is the best so far
     */
    public boolean endEpoch(double score) {
        if (score > best) {
            best = score;
            sinceBest = 0;
            sinceDecay = 0;
            return true;
        }
        sinceBest++;
        sinceDecay++;
        if (sinceDecay >= settings.patience() && value > settings.floor()) {
            value = Math.max(settings.floor(), value * settings.factor());
            sinceDecay = 0;
        }
        return false;
    }

    /** Whether training should stop: no improvement for {@code stopPatience} epochs. */
    public boolean shouldStop() {
        return sinceBest >= settings.stopPatience();
    }
}

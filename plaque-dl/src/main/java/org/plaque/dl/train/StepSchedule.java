package org.plaque.dl.train;

import ai.djl.training.tracker.Tracker;

/**
 * Step-decay learning rate: {@code initial × factor^⌊(epoch − 1) / every⌋} for the 1-based epoch set with
 * {@link #startEpoch(int)} (issue 7's filter: 1e-3, ×0.1 every 4 epochs). The optimiser reads it through
 * {@link Tracker}.
 */
public final class StepSchedule implements Tracker {
    private final float initial;
    private final float factor;
    private final int every;
    private float value;

    /**
     * A schedule.
     *
     * @throws IllegalArgumentException unless initial &gt; 0, 0 &lt; factor ≤ 1 and every ≥ 1
     */
    public StepSchedule(float initial, float factor, int every) {
        if (!(initial > 0) || !(factor > 0 && factor <= 1) || every < 1) {
            throw new IllegalArgumentException("invalid step schedule " + initial + " ×" + factor + " every " + every);
        }
        this.initial = initial;
        this.factor = factor;
        this.every = every;
        this.value = initial;
    }

    /** Sets the rate for 1-based {@code epoch} and returns it. */
    public float startEpoch(int epoch) {
        value = (float) (initial * Math.pow(factor, Math.max(0, epoch - 1) / every));
        return value;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return value;
    }
}

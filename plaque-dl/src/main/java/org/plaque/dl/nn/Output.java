package org.plaque.dl.nn;

/**
 * What a network's last layer emits. Both variants have the same parameters, so weights trained with
 * {@link #LOGITS} (for a numerically stable loss) load into a {@link #PROBABILITIES} block for inference.
 */
public enum Output {
    /** Sigmoid (one class) or softmax over the channel axis (several classes); values in [0, 1]. */
    PROBABILITIES,
    /** The raw scores before the sigmoid or softmax. */
    LOGITS
}

package org.plaque.dl.train;

import java.util.SplittableRandom;

/** Draws training mini-batches; all randomness comes from the generator passed in, so runs repeat. */
@FunctionalInterface
public interface BatchSource {
    /** The next batch. */
    Batch next(SplittableRandom random);
}

package org.plaque.testkit.phantom;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the phantom seed, one per purpose, so that changing one choice
 * (say the lesion count) leaves the others (folding, misposition, noise) unchanged.
 */
final class Seeds {
    static final long FOLDING = 0x464F4C44L;
    static final long MISPOSITION = 0x4D495350L;
    static final long LESIONS = 0x4C45534EL;
    static final long BIAS = 0x42494153L;
    static final long NOISE = 0x4E4F4953L;

    private Seeds() {
    }

    /** A stream for {@code purpose} (one of the constants) under {@code seed}. */
    static SplittableRandom stream(long seed, long purpose) {
        return new SplittableRandom(mix(seed, purpose));
    }

    /** A well-mixed 64-bit value from two (SplitMix64 finaliser over a combination). */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        z += b * 0xD6E8FEB86659FD93L;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86659FD93L;
        return z ^ (z >>> 32);
    }
}

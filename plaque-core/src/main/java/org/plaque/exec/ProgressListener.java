package org.plaque.exec;

/** Receives progress of long work. Implementations must be thread-safe and cheap. */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores every update. */
    ProgressListener NONE = (stage, fraction) -> { };

    /**
     * @param stage    a short name of what is being done, e.g. "anisotropic diffusion"
     * @param fraction how much of that stage is done, in [0, 1]
     */
    void update(String stage, double fraction);
}

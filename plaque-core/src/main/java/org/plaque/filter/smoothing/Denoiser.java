package org.plaque.filter.smoothing;

import org.plaque.exec.ExecutionContext;
import org.plaque.image.ScalarVolume;

/**
 * A filter that removes noise from an intensity image: the common face of the smoothing filters, used by
 * the denoiser comparison.
 *
 * <p>Implementations are immutable and thread-safe; {@link #run} never modifies its input, returns an
 * image on the input's grid, and gives bit-identical output for every thread count of the context.
 */
public interface Denoiser {
    /** A short lower-case name for tables and command lines, e.g. {@code "anisotropic"}. */
    String name();

    /**
     * Denoises {@code input}.
     *
     * @return the denoised image and any warnings (e.g. a time step above the stability limit)
     * @throws org.plaque.exec.CancelledException if the context is cancelled while running
     */
    Filtered run(ScalarVolume input, ExecutionContext ctx);

    /** {@link #run} without the warnings. */
    default ScalarVolume apply(ScalarVolume input, ExecutionContext ctx) {
        return run(input, ctx).image();
    }
}

package org.plaque.filter.smoothing;

import java.util.List;
import java.util.Objects;
import org.plaque.image.ScalarVolume;

/**
 * The output of a {@link Denoiser}: the filtered image and the warnings raised while filtering (one line
 * each, for a person; empty when all went as asked). Core code never prints: callers decide where
 * warnings go.
 *
 * @param image    the filtered image, on the input's grid
 * @param warnings warnings in the order they arose (unmodifiable)
 */
public record Filtered(ScalarVolume image, List<String> warnings) {
    public Filtered {
        Objects.requireNonNull(image, "image");
        warnings = List.copyOf(warnings);
    }

    /** A result without warnings. */
    public static Filtered of(ScalarVolume image) {
        return new Filtered(image, List.of());
    }
}

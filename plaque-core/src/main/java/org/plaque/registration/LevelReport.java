package org.plaque.registration;

import java.util.Locale;
import org.plaque.registration.optimizer.StopReason;

/**
 * What happened at one pyramid level of one stage.
 *
 * @param stage        the stage
 * @param level        0-based level (0 = coarsest)
 * @param levels       number of levels of the stage
 * @param iterations   optimiser iterations done
 * @param evaluations  metric evaluations (value and gradient) made
 * @param metric       the final metric value (a cost: negative mutual information for Mattes MI)
 * @param stop         why the optimiser stopped
 * @param description  the stop condition in words
 * @param samples      fixed-image sample points used
 * @param seconds      wall time of the level
 */
public record LevelReport(Stage stage, int level, int levels, int iterations, int evaluations, double metric,
                          StopReason stop, String description, int samples, double seconds) {
    /** One line for a person, e.g. {@code rigid level 1/3: 57 iterations, metric -0.48213, ...}. */
    public String summary() {
        return String.format(Locale.ROOT, "%s level %d/%d: %d iterations (%d evaluations), metric %.6f, %d samples, "
            + "%.2f s, stop: %s", stage.label(), level + 1, levels, iterations, evaluations, metric, samples, seconds,
            description);
    }
}

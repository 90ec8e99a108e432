package org.plaque.segment.lesion;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * The result of a lesion segmenter: the binary lesion mask on the input grid, a lesion probability map
 * when the method yields one, and named diagnostics (thresholds chosen, cluster means, voxel counts) that
 * go into the run's report.
 */
public record LesionSegmentation(Mask lesions, Optional<ScalarVolume> probability, Map<String, Object> diagnostics) {
    public LesionSegmentation {
        Objects.requireNonNull(lesions, "lesions");
        Objects.requireNonNull(probability, "probability");
        diagnostics = Map.copyOf(diagnostics);
    }
}

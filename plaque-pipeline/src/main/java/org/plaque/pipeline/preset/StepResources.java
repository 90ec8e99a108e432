package org.plaque.pipeline.preset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.plaque.InvalidInputException;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.segment.lesion.LesionSegmenter;

/**
 * What steps need beyond their parameters: the loaded atlas and the lesion segmenters by preset name.
 *
 * @param atlas      the atlas, when the run has one
 * @param segmenters finds a segmenter preset by name (empty when unknown)
 * @param segmenterNames the names {@code segmenters} knows, for error messages
 */
public record StepResources(Optional<Atlas> atlas, Function<String, Optional<LesionSegmenter>> segmenters,
                            List<String> segmenterNames) {
    public StepResources {
        Objects.requireNonNull(atlas, "atlas");
        Objects.requireNonNull(segmenters, "segmenters");
        segmenterNames = List.copyOf(segmenterNames);
    }

    /**
     * The atlas.
     *
     * @throws InvalidInputException naming {@code step} when the run has none
     */
    public Atlas requireAtlas(String step) {
        return atlas.orElseThrow(() -> new InvalidInputException("step " + step
            + " needs an atlas: pass --atlas DIR or install one with plaque atlas install"));
    }

    /**
     * The segmenter preset called {@code name}.
     *
     * @throws IllegalArgumentException listing the known presets when there is none of that name
     */
    public LesionSegmenter requireSegmenter(String name) {
        return segmenters.apply(name).orElseThrow(() -> new IllegalArgumentException("unknown segmentation preset '"
            + name + "'; known presets: " + String.join(", ", segmenterNames)));
    }
}

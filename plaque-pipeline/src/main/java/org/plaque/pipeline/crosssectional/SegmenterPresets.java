package org.plaque.pipeline.crosssectional;

import java.util.List;
import java.util.Optional;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.preset.StepResources;
import org.plaque.segment.lesion.LesionSegmenter;
import org.plaque.segment.lesion.LesionSegmenters;

/**
 * The lesion-segmentation presets the command line offers ({@code --preset NAME}): core's registry
 * {@link LesionSegmenters}, seen as an optional lookup.
 */
public final class SegmenterPresets {
    private SegmenterPresets() {
    }

    /** The preset used when none is named ({@link LesionSegmenters#DEFAULT_NAME}). */
    public static String defaultName() {
        return LesionSegmenters.DEFAULT_NAME;
    }

    /** Every preset name, the default first. */
    public static List<String> names() {
        return LesionSegmenters.names();
    }

    /** A new segmenter for preset {@code name} with its default parameters, if there is one of that name. */
    public static Optional<LesionSegmenter> byName(String name) {
        return names().contains(name) ? Optional.of(LesionSegmenters.byName(name)) : Optional.empty();
    }

    /** Step resources with {@code atlas} and these presets. */
    public static StepResources resources(Optional<Atlas> atlas) {
        return new StepResources(atlas, SegmenterPresets::byName, names());
    }
}

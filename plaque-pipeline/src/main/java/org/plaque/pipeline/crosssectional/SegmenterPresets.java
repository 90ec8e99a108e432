package org.plaque.pipeline.crosssectional;

import java.util.List;
import java.util.Optional;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.preset.StepResources;
import org.plaque.segment.lesion.LesionSegmenter;

/**
 * The lesion-segmentation presets the command line offers ({@code --preset NAME}), looked up in core's
 * segmenter registry.
 */
public final class SegmenterPresets {
    private SegmenterPresets() {
    }

    /** The preset used when none is named. */
    public static String defaultName() {
        return "default";
    }

    /** Every preset name. */
    public static List<String> names() {
        return List.of();
    }

    /** The preset called {@code name}, if there is one. */
    public static Optional<LesionSegmenter> byName(String name) {
        return Optional.empty();
    }

    /** Step resources with {@code atlas} and these presets. */
    public static StepResources resources(Optional<Atlas> atlas) {
        return new StepResources(atlas, SegmenterPresets::byName, names());
    }
}

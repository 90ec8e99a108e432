package org.plaque.segment.lesion;

import java.util.List;
import java.util.function.Supplier;
import org.plaque.InvalidInputException;

/**
 * The registry of unsupervised lesion-segmentation presets, so that a pipeline selects one by name (no
 * reflection). Names: {@value LesionGrowthSegmenter#NAME} (the default), {@value SeedKMeansSegmenter#NAME}
 * and {@value SeedGmmSegmenter#NAME}, each with its documented default parameters.
 */
public final class LesionSegmenters {
    /** The preset used when none is named: {@value LesionGrowthSegmenter#NAME}. */
    public static final String DEFAULT_NAME = LesionGrowthSegmenter.NAME;

    private static final List<String> NAMES = List.of(LesionGrowthSegmenter.NAME, SeedKMeansSegmenter.NAME,
        SeedGmmSegmenter.NAME);

    private LesionSegmenters() {
    }

    /** Preset names, the default first. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * A new segmenter for preset {@code name} with its default parameters.
     *
     * @throws InvalidInputException for an unknown name (the message lists the known ones)
     */
    public static LesionSegmenter byName(String name) {
        Supplier<LesionSegmenter> s = switch (name == null ? "" : name) {
            case LesionGrowthSegmenter.NAME -> LesionGrowthSegmenter::withDefaults;
            case SeedKMeansSegmenter.NAME -> SeedKMeansSegmenter::withDefaults;
            case SeedGmmSegmenter.NAME -> SeedGmmSegmenter::withDefaults;
            default -> null;
        };
        if (s == null) {
            throw new InvalidInputException("unknown segmentation preset '" + name + "'; known presets: "
                + String.join(", ", NAMES));
        }
        return s.get();
    }

    /** The default preset ({@link #DEFAULT_NAME}). */
    public static LesionSegmenter defaultSegmenter() {
        return byName(DEFAULT_NAME);
    }
}

package org.plaque.pipeline.atlas;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An atlas folder in the user's cache, as listed by {@link AtlasLocator#list()} (not loaded or validated:
 * {@link Atlas#load} does that).
 *
 * @param name the atlas's name (its folder name)
 * @param directory the folder
 * @param metadata its {@code atlas.json}, when present and readable
 * @param missing canonical images the folder lacks (empty for a complete atlas)
 */
public record InstalledAtlas(String name, Path directory, Optional<AtlasMetadata> metadata,
                             List<AtlasImage> missing) {
    /** Freezes the list. */
    public InstalledAtlas {
        missing = List.copyOf(missing);
    }

    /** Whether the folder holds all five images. */
    public boolean isComplete() {
        return missing.isEmpty();
    }
}

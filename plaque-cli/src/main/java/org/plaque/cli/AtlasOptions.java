package org.plaque.cli;

import java.nio.file.Path;
import org.plaque.pipeline.atlas.Atlas;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of commands that use an atlas: {@code --atlas DIR} names a folder, otherwise the installed
 * default atlas is used ({@link org.plaque.pipeline.atlas.AtlasLocator#requireDefault()}); without one the
 * command fails (exit 3) with one line saying how to install it.
 */
final class AtlasOptions {
    @Option(names = "--atlas", paramLabel = "DIR",
        description = "Atlas folder (t1, wm, gm, csf, brain_mask .nii.gz); default: the installed atlas"
            + " (see plaque atlas list).")
    Path atlas;

    @Mixin
    CacheOptions cache;

    /** The atlas folder to use. */
    Path directory() {
        return cache.locator().resolve(atlas);
    }

    /** Loads and validates the atlas to use. */
    Atlas load() {
        return Atlas.load(directory());
    }
}

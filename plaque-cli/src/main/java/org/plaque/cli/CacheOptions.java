package org.plaque.cli;

import java.nio.file.Path;
import org.plaque.pipeline.atlas.AtlasLocator;
import picocli.CommandLine.Option;

/** The {@code --cache-dir} option of commands that read or write Plaque's cache of installed atlases. */
final class CacheOptions {
    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "Plaque's cache folder; atlases live in DIR/atlases/NAME (default: $PLAQUE_HOME, else"
            + " $XDG_CACHE_HOME/plaque, else ~/.cache/plaque).")
    Path cacheDir;

    /** The locator for this folder, or for the environment's default. */
    AtlasLocator locator() {
        return cacheDir != null ? AtlasLocator.at(cacheDir) : AtlasLocator.fromEnvironment();
    }
}

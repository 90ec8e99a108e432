package org.plaque.pipeline.longitudinal;

import java.nio.file.Path;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.atlas.AtlasInstaller;
import org.plaque.pipeline.atlas.AtlasLocator;
import org.plaque.pipeline.atlas.AtlasSource;
import org.plaque.testing.RealData;

/** Shared set-up of the longitudinal real-data tests. */
final class LongitudinalRealDataTestSupport {
    private LongitudinalRealDataTestSupport() {
    }

    /** The ICBM atlas installed from the shared folder into a cache under {@code tmp} (as a user would). */
    static Atlas installedAtlas(Path tmp) throws Exception {
        var locator = AtlasLocator.at(tmp.resolve("cache"));
        var inst = new AtlasInstaller(locator, s -> { }).install(
            new AtlasSource.Folder(RealData.file("mni_icbm152_nlin_sym_09a/atlas")), AtlasInstaller.Options.DEFAULTS);
        return Atlas.load(inst.directory());
    }
}

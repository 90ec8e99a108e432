package org.plaque.bench;

import java.nio.file.Path;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

/**
 * The image every benchmark works on: a real scan when {@code -Dplaque.bench.input=FILE} is given (e.g.
 * ../shared/data/lesjak2017_cross_sectional_mni/patient19/FLAIR.nii.gz, the ITK yardstick's input), else
 * the built-in phantom's FLAIR at 1 mm (180×216×180 voxels, the size class of an MNI volume).
 */
final class BenchInputs {
    private BenchInputs() {
    }

    static ScalarVolume flair() {
        String input = System.getProperty("plaque.bench.input");
        if (input != null && !input.isBlank()) {
            return NiftiReader.withDefaults().readScalar(Path.of(input));
        }
        return phantom().flair();
    }

    static PhantomCase phantom() {
        return HeadPhantom.generate(PhantomParams.DEFAULTS.withSpacingMm(1.0));
    }
}

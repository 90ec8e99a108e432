package org.plaque.cli;

import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NonFinitePolicy;
import picocli.CommandLine.Option;

/** Options shared by every command that reads an image: which volume of a 4-D file, and NaN/Inf handling. */
final class InputOptions {
    @Option(names = "--volume", paramLabel = "N",
        description = "Volume of a 4-D file to read (0-based). Required when the file holds several.")
    Integer volume;

    @Option(names = "--replace-nonfinite",
        description = "Replace NaN/Inf voxels with 0 and report how many, instead of rejecting the file.")
    boolean replaceNonFinite;

    /** A reader configured from these options. */
    NiftiReader reader() {
        NiftiReader r = NiftiReader.withDefaults()
            .withNonFinitePolicy(replaceNonFinite ? NonFinitePolicy.REPLACE_WITH_ZERO : NonFinitePolicy.REJECT);
        return volume == null ? r : r.withVolumeIndex(volume);
    }
}

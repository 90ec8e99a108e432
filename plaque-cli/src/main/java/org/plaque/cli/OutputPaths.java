package org.plaque.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Checks on output paths made before any work starts, so a bad name fails fast as a usage error. */
final class OutputPaths {
    private OutputPaths() {
    }

    /** Requires a .nii or .nii.gz name. */
    static void requireNifti(CommandSpec spec, Path out) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        if (!name.endsWith(".nii") && !name.endsWith(".nii.gz")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "output " + out + " must end in .nii or .nii.gz");
        }
    }
}

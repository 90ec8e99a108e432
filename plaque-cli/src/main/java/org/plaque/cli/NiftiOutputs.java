package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.plaque.image.Volume;
import org.plaque.io.nifti.NiftiWriter;

/** Writes a command's NIfTI results so that a failed run leaves no new result behind. */
final class NiftiOutputs {
    private NiftiOutputs() {
    }

    /** One file, atomically. */
    static void write(Volume v, Path file) throws IOException {
        NiftiWriter.write(v, file);
    }

    /**
     * Two files as a unit: the second is staged beside its target first, then the first is written, then the
     * second is moved into place. A failure before the move leaves both targets as they were.
     */
    static void writePair(Volume first, Path firstFile, Volume second, Path secondFile) throws IOException {
        Path target = secondFile.toAbsolutePath();
        String name = target.getFileName().toString();
        String suffix = name.endsWith(".nii.gz") ? ".nii.gz" : ".nii";
        Path staged = target.resolveSibling("." + name + ".staged-" + ProcessHandle.current().pid() + suffix);
        try {
            NiftiWriter.write(second, staged);
            NiftiWriter.write(first, firstFile);
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staged);
        }
    }
}

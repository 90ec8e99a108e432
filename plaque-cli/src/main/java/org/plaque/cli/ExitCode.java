package org.plaque.cli;

/** Plaque's process exit codes, the same for every command. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** The input was fine but processing failed (I/O error, internal error). */
    public static final int PROCESSING_FAILURE = 1;
    /** The command line was wrong (unknown option, missing argument, bad option value). */
    public static final int USAGE = 2;
    /** The input data are invalid (malformed file, grid mismatch, non-finite voxels, …). */
    public static final int INVALID_INPUT = 3;

    private ExitCode() {
    }
}

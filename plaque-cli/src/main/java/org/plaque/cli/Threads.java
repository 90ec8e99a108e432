package org.plaque.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code --threads} rule shared by the commands that compute: default all processors, at least 1. */
final class Threads {
    private Threads() {
    }

    static int resolve(CommandSpec spec, Integer threads) {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be >= 1, got " + threads);
        }
        return threads;
    }
}

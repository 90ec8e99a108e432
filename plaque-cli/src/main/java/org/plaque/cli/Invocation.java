package org.plaque.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The command line as the user typed it ({@code plaque} and every argument), for provenance files. */
final class Invocation {
    private Invocation() {
    }

    /** {@code plaque} followed by the original arguments (which start with the command's name). */
    static List<String> of(CommandSpec spec) {
        List<String> command = new ArrayList<>(List.of("plaque"));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        return command;
    }
}

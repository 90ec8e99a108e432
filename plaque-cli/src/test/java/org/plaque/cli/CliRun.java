package org.plaque.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        return with(picocli.CommandLine.defaultFactory(), args);
    }

    /** Runs with command objects made by {@code factory} (to plug stand-ins into a command). */
    static CliRun with(picocli.CommandLine.IFactory factory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), factory, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The error output has exactly one line. */
    boolean oneErrorLine() {
        return !err.isBlank() && err.strip().lines().count() == 1;
    }
}

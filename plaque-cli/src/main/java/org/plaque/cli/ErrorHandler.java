package org.plaque.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.plaque.InvalidInputException;
import picocli.CommandLine;

/** Turns exceptions into one-line messages on stderr and Plaque's exit codes. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static int exitCodeOf(Throwable t) {
        if (t instanceof InvalidInputException || t instanceof NoSuchFileException) {
            return ExitCode.INVALID_INPUT;
        }
        if (t instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException) {
            return ExitCode.INVALID_INPUT;
        }
        if (t instanceof CommandLine.ParameterException || t instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        return ExitCode.PROCESSING_FAILURE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        CommandLine root = cmd;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        boolean debug = ((Main) root.getCommand()).debug;
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex));
        if (debug) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return exitCodeOf(ex);
    }

    static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        // The qualified name ("plaque atlas install") also fits nested commands.
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + ex.getMessage() + " (see: " + name + " --help)");
        cmd.getErr().flush();
        return ExitCode.USAGE;
    }

    private static String describe(Throwable ex) {
        if (ex instanceof NoSuchFileException nf) {
            return nf.getFile() + ": no such file";
        }
        if (ex instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (ex instanceof IOException && ex.getMessage() != null) {
            return "I/O error: " + ex.getMessage();
        }
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank()) {
            return ex.getClass().getSimpleName();
        }
        return msg.replace('\n', ' ');
    }
}

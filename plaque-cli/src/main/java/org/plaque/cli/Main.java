package org.plaque.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code plaque} command: finds multiple-sclerosis lesions in brain MRI and measures them.
 *
 * <p>Exit codes: 0 ok, 1 processing failure, 2 usage error, 3 invalid input data ({@link ExitCode}).
 * Errors are one line on stderr; {@code --debug} adds the stack trace.
 */
@Command(name = "plaque",
    mixinStandardHelpOptions = true,
    versionProvider = PlaqueVersion.class,
    description = "Finds multiple-sclerosis lesions in brain MRI and measures them.",
    subcommands = {
        // The main job, then measuring and scoring, then the building blocks, then set-up.
        DemoCommand.class,
        SegmentCommand.class,
        SegmentCohortCommand.class,
        TrainCommand.class,
        LongitudinalCommand.class,
        LongitudinalCohortCommand.class,
        LesionsCommand.class,
        EvaluateCommand.class,
        EvaluateCohortCommand.class,
        InfoCommand.class,
        ConvertCommand.class,
        DenoiseCommand.class,
        DenoiseCompareCommand.class,
        N4Command.class,
        NormalizeCommand.class,
        MatchHistogramCommand.class,
        SkullstripCommand.class,
        RegisterCommand.class,
        ApplyTransformCommand.class,
        CheckerboardCommand.class,
        AtlasToSubjectCommand.class,
        AtlasCommand.class,
        PhantomCommand.class,
        CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:processing failure",
        "2:usage error",
        "3:invalid input data"
    })
public final class Main implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
        description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see plaque --help)");
    }

    /** Builds the configured command line; used by {@link #main} and by in-process tests. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, CommandLine.defaultFactory());
    }

    /** The command line with commands made by {@code factory} (tests use it to plug in stand-ins). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new Main(), factory);
        // Descriptions are written as lines of up to ~110 characters; picocli's default of 80 would re-wrap them.
        cl.setUsageHelpWidth(120);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(ErrorHandler::handleParameterException);
        return cl;
    }

    /** Runs one command and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, CommandLine.defaultFactory(), args);
    }

    /** Runs one command whose objects {@code factory} makes, and returns its exit code. */
    static int run(PrintWriter out, PrintWriter err, CommandLine.IFactory factory, String... args) {
        int code = commandLine(out, err, factory).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        // DJL logs through slf4j; a command line shows only its warnings, on stderr.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // Probing for CUDA on a machine without it is not worth a warning: the CPU is the default target.
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(out, err, args));
    }
}

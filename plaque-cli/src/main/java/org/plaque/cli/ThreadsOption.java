package org.plaque.cli;

import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --threads} option of every command that computes (default: all processors, at least 1), and
 * the execution context it implies.
 */
final class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    void setThreads(int n) {
        if (n < 1) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--threads must be >= 1, got " + n);
        }
        threads = n;
    }

    /** The thread count. */
    int count() {
        return threads;
    }

    /** A context with these threads, the default seed and no progress output. */
    ExecutionContext context() {
        return context(ExecutionContext.DEFAULT_SEED, ProgressListener.NONE);
    }

    /** A context with these threads, the given seed and progress listener. */
    ExecutionContext context(long seed, ProgressListener progress) {
        return ExecutionContext.of(threads, seed, progress);
    }
}

package org.plaque.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.plaque.exec.ProgressListener;
import org.plaque.pipeline.PipelineListener;

/**
 * Progress of a pipeline on stderr. On a terminal one line is rewritten in place ({@code [3/9] denoise:
 * anisotropic diffusion 45%}), at most ten times a second; otherwise (a log file, a pipe, a test) only one
 * line per finished step is printed ({@code [3/9] denoise 1.2 s}), so logs stay short. Thread-safe: filters
 * report from worker threads.
 */
final class ConsoleProgress implements ProgressListener, PipelineListener {
    private static final long MIN_INTERVAL_NS = 100_000_000L;
    private static final int WIDTH = 100;

    private final PrintWriter err;
    private final boolean terminal;
    private final String prefix;
    private String step = "";
    private int index;
    private int count;
    private long lastPrint;
    private int lastLength;

    /**
     * @param err      where to write
     * @param terminal whether {@code err} is an interactive terminal
     * @param prefix   put before every line, e.g. "segment: "
     */
    ConsoleProgress(PrintWriter err, boolean terminal, String prefix) {
        this.err = err;
        this.terminal = terminal;
        this.prefix = prefix;
    }

    /** Whether this process's stderr is probably a terminal (a console is attached). */
    static boolean stderrIsTerminal() {
        return System.console() != null;
    }

    @Override
    public synchronized void stepStarted(int index, int count, String step) {
        this.index = index;
        this.count = count;
        this.step = step;
        if (terminal) {
            show(head(), true);
        }
    }

    @Override
    public synchronized void update(String stage, double fraction) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint < MIN_INTERVAL_NS && fraction < 1) {
            return;
        }
        lastPrint = now;
        String pct = String.format(Locale.ROOT, " %3.0f%%", 100 * Math.max(0, Math.min(1, fraction)));
        show(head() + ": " + stage + pct, false);
    }

    @Override
    public synchronized void stepFinished(int index, int count, String step, long durationMs) {
        String line = String.format(Locale.ROOT, "%s%s %.1f s", prefix, head(), durationMs / 1000.0);
        if (terminal) {
            err.print("\r" + pad(line) + "\n");
            lastLength = 0;
        } else {
            err.println(line);
        }
        err.flush();
    }

    private String head() {
        return "[" + (index + 1) + "/" + count + "] " + step;
    }

    private void show(String text, boolean force) {
        String line = prefix + text;
        if (line.length() > WIDTH) {
            line = line.substring(0, WIDTH - 1) + "…";
        }
        err.print("\r" + pad(line));
        lastLength = line.length();
        err.flush();
    }

    private String pad(String line) {
        StringBuilder b = new StringBuilder(line);
        while (b.length() < lastLength) {
            b.append(' ');
        }
        return b.toString();
    }
}

package org.plaque.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.plaque.pipeline.cohort.CaseOutcome;
import org.plaque.pipeline.cohort.CohortListener;

/**
 * The progress bar of a cohort run on stderr: cases done / total, failures so far, and the estimated time
 * left. On a terminal one line is redrawn in place ({@code [######······] 6/12 cases, 1 failed, ETA 4 min 10 s})
 * and each failure is printed on a line of its own; otherwise (a log file, a pipe) one line is printed per
 * finished case ({@code [6/12] sub-06 ok 41.2 s, 1 failed, ETA 4 min 10 s}).
 *
 * <p>The estimate is the run's elapsed time per computed case times the cases left to compute, so it
 * already accounts for cases running in parallel; reused ({@code --resume}) cases do not count as work.
 */
final class CohortProgress implements CohortListener {
    private static final int BAR = 24;

    private final PrintWriter err;
    private final boolean terminal;
    private final String prefix;
    private final LongSupplier nanoTime;
    private long startNs;
    private int toCompute;
    private int computed;
    private int failed;
    private int lastLength;

    /**
     * @param err      where to write
     * @param terminal whether {@code err} is an interactive terminal
     * @param prefix   put before every line, e.g. "segment-cohort: "
     * @param nanoTime the clock ({@link System#nanoTime} outside tests)
     */
    CohortProgress(PrintWriter err, boolean terminal, String prefix, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.prefix = prefix;
        this.nanoTime = nanoTime;
    }

    /** Whether this process's stderr is probably a terminal (a console is attached). */
    static boolean stderrIsTerminal() {
        return System.console() != null;
    }

    @Override
    public synchronized void started(int total, int toCompute) {
        this.startNs = nanoTime.getAsLong();
        this.toCompute = toCompute;
        String line = String.format(Locale.ROOT, "%s%d cases, %d to compute", prefix, total, toCompute);
        err.println(line);
        err.flush();
    }

    @Override
    public synchronized void caseFinished(CaseOutcome o, int done, int total) {
        if (o.computed()) {
            computed++;
        }
        if (o.failed()) {
            failed++;
        }
        String eta = eta();
        String failures = failed == 0 ? "" : ", " + failed + " failed";
        if (terminal) {
            if (o.failed()) {
                line(prefix + o.c().id() + " failed: " + o.error());
            }
            String bar = bar(done, total);
            draw(String.format(Locale.ROOT, "%s[%s] %d/%d cases%s%s", prefix, bar, done, total, failures, eta));
            if (done == total) {
                err.print('\n');
                lastLength = 0;
            }
        } else {
            String what = o.failed() ? "failed: " + o.error()
                : o.status().label() + (o.status() == CaseOutcome.Status.OK
                ? String.format(Locale.ROOT, " %.1f s", o.durationMs() / 1000.0) : "");
            err.println(String.format(Locale.ROOT, "%s[%d/%d] %s %s%s%s", prefix, done, total, o.c().id(), what,
                failures, eta));
        }
        err.flush();
    }

    /** {@code ", ETA 4 min 10 s"}, or empty before the first computed case and after the last one. */
    private String eta() {
        int left = toCompute - computed;
        if (computed == 0 || left <= 0) {
            return "";
        }
        double elapsedS = (nanoTime.getAsLong() - startNs) / 1e9;
        return ", ETA " + duration(elapsedS / computed * left);
    }

    /** {@code 40 s}, {@code 4 min 10 s}, {@code 2 h 05 min}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    private static String bar(int done, int total) {
        int full = total == 0 ? BAR : (int) ((long) BAR * done / total);
        return "#".repeat(full) + "·".repeat(BAR - full);
    }

    private void draw(String text) {
        StringBuilder b = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < lastLength; i++) {
            b.append(' ');
        }
        err.print(b);
        lastLength = text.length();
    }

    private void line(String text) {
        draw(text);
        err.print('\n');
        lastLength = 0;
    }
}

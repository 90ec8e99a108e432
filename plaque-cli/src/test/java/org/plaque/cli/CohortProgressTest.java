package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.plaque.pipeline.cohort.CaseKey;
import org.plaque.pipeline.cohort.CaseOutcome;
import org.plaque.pipeline.cohort.CaseReport;
import org.plaque.pipeline.cohort.CohortCase;

class CohortProgressTest {
    private static final long SECOND = 1_000_000_000L;

    private static CohortCase c(String s) {
        return new CohortCase(CaseKey.of(s, ""), Path.of(s + ".nii.gz"), Optional.empty(), Optional.empty());
    }

    private static CaseOutcome ok(String s, long ms) {
        return new CaseOutcome(c(s), CaseOutcome.Status.OK, Optional.of(new CaseReport(1, 1, "p")), "", ms, true);
    }

    @Test
    void logLinesPerCaseWithEtaFromComputedCasesOnly() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        CohortProgress p = new CohortProgress(new PrintWriter(text), false, "x: ", now::get);
        p.started(5, 4);
        p.caseFinished(new CaseOutcome(c("r"), CaseOutcome.Status.RESUMED, Optional.of(new CaseReport(1, 1, "p")), "",
            0, false), 1, 5);
        now.set(40 * SECOND);
        p.caseFinished(ok("a", 40_000), 2, 5);
        now.set(60 * SECOND);
        p.caseFinished(new CaseOutcome(c("b"), CaseOutcome.Status.FAILED, Optional.empty(), "broken", 20_000, true),
            3, 5);
        now.set(100 * SECOND);
        p.caseFinished(ok("d", 40_000), 4, 5);
        now.set(130 * SECOND);
        p.caseFinished(ok("e", 30_000), 5, 5);

        assertThat(text.toString().lines()).containsExactly(
            "x: 5 cases, 4 to compute",
            "x: [1/5] sub-r resumed",
            // 40 s for 1 computed case, 3 left
            "x: [2/5] sub-a ok 40.0 s, ETA 2 min 00 s",
            "x: [3/5] sub-b failed: broken, 1 failed, ETA 1 min 00 s",
            "x: [4/5] sub-d ok 40.0 s, 1 failed, ETA 33 s",
            "x: [5/5] sub-e ok 30.0 s, 1 failed");
    }

    @Test
    void terminalRedrawsOneLineAndPrintsFailuresOnTheirOwn() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong();
        CohortProgress p = new CohortProgress(new PrintWriter(text), true, "x: ", now::get);
        p.started(2, 2);
        now.set(10 * SECOND);
        p.caseFinished(new CaseOutcome(c("b"), CaseOutcome.Status.FAILED, Optional.empty(), "broken", 10, true), 1, 2);
        p.caseFinished(ok("a", 10), 2, 2);
        String s = text.toString();
        assertThat(s).contains("\rx: sub-b failed: broken\n")
            .contains("\rx: [############············] 1/2 cases, 1 failed, ETA 10 s")
            // the last bar is padded with blanks over the longer one before it (", ETA 10 s"), then the line ends
            .containsPattern("\rx: \\[#{24}] 2/2 cases, 1 failed {10}\n$");
    }

    @Test
    void durations() {
        assertThat(CohortProgress.duration(0.4)).isEqualTo("0 s");
        assertThat(CohortProgress.duration(59.4)).isEqualTo("59 s");
        assertThat(CohortProgress.duration(250)).isEqualTo("4 min 10 s");
        assertThat(CohortProgress.duration(7500)).isEqualTo("2 h 05 min");
    }
}

package org.plaque.pipeline.cohort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.plaque.io.AtomicFiles;

/**
 * The cohort-level files of a {@code segment-cohort} run, each written atomically into the output folder
 * (and rewritten on every run, so they always describe the latest run):
 *
 * <pre>
 * lesion_load.csv   subject, session, lesion_load_mm3, lesion_count, preset, status   (one row per case;
 *                   status ok | resumed | failed; figures blank for a failed case)
 * failures.csv      subject, session, flair, error   (one row per failed case; only the header if none)
 * index.html        self-contained table of the cases, linking each case's report.html ({@link CohortIndexHtml})
 * </pre>
 *
 * Rows are in the cohort's order; subject and session are written with their BIDS prefixes
 * ({@code sub-01}, {@code ses-02}; the session is blank when there is none).
 */
public final class CohortSummaries {
    /** File names. */
    public static final String LESION_LOAD_CSV = "lesion_load.csv";
    public static final String FAILURES_CSV = "failures.csv";
    public static final String INDEX_HTML = "index.html";

    private CohortSummaries() {
    }

    /** Writes the three files into {@code out}. */
    public static void write(CohortResult result, Path out, Map<String, String> settings) throws IOException {
        text(out.resolve(LESION_LOAD_CSV), lesionLoadCsv(result));
        text(out.resolve(FAILURES_CSV), failuresCsv(result));
        text(out.resolve(INDEX_HTML), CohortIndexHtml.render(result, settings));
    }

    /** The text of {@code lesion_load.csv}. */
    public static String lesionLoadCsv(CohortResult result) {
        StringBuilder b = new StringBuilder(CsvText.row(List.of("subject", "session", "lesion_load_mm3",
            "lesion_count", "preset", "status")));
        for (CaseOutcome o : result.outcomes()) {
            CaseKey k = o.c().key();
            String load = o.report().map(r -> CsvText.number(r.lesionLoadMm3())).orElse("");
            String count = o.report().map(r -> Integer.toString(r.lesionCount())).orElse("");
            String preset = o.report().map(CaseReport::preset).orElse("");
            b.append(CsvText.row(List.of(k.subjectId(), k.sessionId(), load, count, preset, o.status().label())));
        }
        return b.toString();
    }

    /** The text of {@code failures.csv}. */
    public static String failuresCsv(CohortResult result) {
        StringBuilder b = new StringBuilder(CsvText.row(List.of("subject", "session", "flair", "error")));
        for (CaseOutcome o : result.failures()) {
            CaseKey k = o.c().key();
            b.append(CsvText.row(List.of(k.subjectId(), k.sessionId(), o.c().flair().toString(), o.error())));
        }
        return b.toString();
    }

    private static void text(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, o -> o.write(bytes));
    }
}

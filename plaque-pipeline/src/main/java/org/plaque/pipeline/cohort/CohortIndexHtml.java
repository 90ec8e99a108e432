package org.plaque.pipeline.cohort;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The cohort's {@code index.html}: one self-contained page (inline style, no script, no external resource)
 * with the run's settings, the counts of computed, reused and failed cases, the mean and median lesion load,
 * and a table of the cases; each finished case links to its {@code <case>/report.html} (a relative link, so
 * the output folder can be moved or shared as a whole), each failed one shows its error.
 */
public final class CohortIndexHtml {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
        + "table{border-collapse:collapse}th,td{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}"
        + "td.n{text-align:right;font-variant-numeric:tabular-nums}tr.failed td{color:#a00}"
        + "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:600}";

    private CohortIndexHtml() {
    }

    /** The page for {@code result}; {@code settings} are listed at the top (name → value). */
    public static String render(CohortResult result, Map<String, String> settings) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Plaque cohort</title><style>").append(STYLE).append("</style></head><body>\n");
        b.append("<h1>Plaque cohort: ").append(result.outcomes().size()).append(" cases</h1>\n");
        b.append("<p>").append(result.count(CaseOutcome.Status.OK)).append(" computed, ")
            .append(result.count(CaseOutcome.Status.RESUMED)).append(" kept from an earlier run, ")
            .append(result.count(CaseOutcome.Status.FAILED)).append(" failed.");
        double[] loads = result.outcomes().stream().filter(o -> o.report().isPresent())
            .mapToDouble(o -> o.report().get().lesionLoadMm3()).sorted().toArray();
        if (loads.length > 0) {
            b.append(String.format(Locale.ROOT, " Lesion load over %d cases: mean %.1f mm³, median %.1f mm³.",
                loads.length, Arrays.stream(loads).average().orElse(Double.NaN), median(loads)));
        }
        b.append("</p>\n");
        if (!settings.isEmpty()) {
            b.append("<dl>");
            for (Map.Entry<String, String> e : settings.entrySet()) {
                b.append("<dt>").append(escape(e.getKey())).append("</dt><dd>").append(escape(e.getValue()))
                    .append("</dd>");
            }
            b.append("</dl>\n");
        }
        b.append("<table><thead><tr><th>subject</th><th>session</th><th>lesion load (mm³)</th><th>lesions</th>"
            + "<th>preset</th><th>status</th><th>report</th></tr></thead><tbody>\n");
        for (CaseOutcome o : result.outcomes()) {
            CaseKey k = o.c().key();
            b.append(o.failed() ? "<tr class=\"failed\">" : "<tr>");
            cell(b, k.subjectId(), false);
            cell(b, k.sessionId(), false);
            if (o.report().isPresent()) {
                CaseReport r = o.report().get();
                cell(b, String.format(Locale.ROOT, "%.1f", r.lesionLoadMm3()), true);
                cell(b, Integer.toString(r.lesionCount()), true);
                cell(b, r.preset(), false);
                cell(b, o.status().label(), false);
                String href = escape(k.id()) + "/report.html";
                b.append("<td><a href=\"").append(href).append("\">report</a></td>");
            } else {
                b.append("<td></td><td></td><td></td>");
                cell(b, o.status().label(), false);
                cell(b, o.error(), false);
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n</body></html>\n");
        return b.toString();
    }

    private static void cell(StringBuilder b, String text, boolean numeric) {
        b.append(numeric ? "<td class=\"n\">" : "<td>").append(escape(text)).append("</td>");
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /** Text safe inside HTML elements and double-quoted attributes. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

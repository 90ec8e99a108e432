package org.plaque.report;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of {@code report.html}: one self-contained page (inline CSS, pictures as base64 PNG data URLs, no
 * scripts, nothing fetched) with the summary figures, lesion overlays, the lesion table, the lesion-volume
 * histogram, the QC pictures, step timings, effective parameters, inputs and versions.
 */
public final class HtmlReport {
    /** Most lesion rows shown in the page's table (lesions.csv has them all). */
    static final int MAX_ROWS = 500;

    private HtmlReport() {
    }

    /** The page for {@code report} with its {@code overlays} and {@code qc} pictures. */
    public static String render(SegmentationReport report, List<ReportFigures.Figure> overlays,
                                List<ReportFigures.Figure> qc) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Plaque report: ")
            .append(esc(report.subject())).append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        h.append("<h1>Plaque lesion report</h1>\n<p class=\"sub\">").append(esc(report.subject()))
            .append(" &middot; started ").append(esc(report.run().startedAt())).append("</p>\n");
        summary(h, report);
        List<String> warnings = report.warnings();
        if (!warnings.isEmpty()) {
            h.append("<h2>Warnings</h2>\n<ul class=\"warn\">");
            warnings.forEach(w -> h.append("<li>").append(esc(w)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<h2>Lesions on the FLAIR</h2>\n<p class=\"note\">Radiological view: the patient's right is on the"
            + " left of each picture; axial slices have anterior at the top, coronal and sagittal slices superior at"
            + " the top, sagittal slices anterior on the left. Lesions in red.</p>\n");
        overlays.forEach(f -> figure(h, f));
        lesionTable(h, report);
        h.append("<h2>Lesion volumes</h2>\n");
        qc.stream().filter(f -> f.name().equals("lesion_volume_histogram")).forEach(f -> figure(h, f));
        histogramTable(h, report);
        h.append("<h2>Quality control</h2>\n");
        qc.stream().filter(f -> !f.name().equals("lesion_volume_histogram")).forEach(f -> figure(h, f));
        timings(h, report);
        h.append("<h2>Effective parameters</h2>\n<details><summary>every step's parameters (JSON)</summary><pre>")
            .append(esc(ReportJson.write(report.parameters()))).append("</pre></details>\n");
        h.append("<details><summary>what each step measured (JSON)</summary><pre>")
            .append(esc(ReportJson.write(report.details()))).append("</pre></details>\n");
        inputs(h, report);
        h.append("<p class=\"foot\">Written by Plaque ").append(esc(report.run().versions().getOrDefault("plaque", "")))
            .append(". Lesions are 6-connected components; lesion load = lesion voxels &times; voxel volume."
                + " Not a medical device.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, SegmentationReport r) {
        h.append("<table class=\"summary\">\n");
        row(h, "Lesion load", String.format(Locale.ROOT, "%.1f mm³ (%.2f mL)", r.lesionLoadMm3(),
            r.lesionLoadMm3() / 1000));
        row(h, "Lesions", Integer.toString(r.lesionCount()));
        if (Double.isFinite(r.brainVolumeMm3())) {
            row(h, "Brain volume", String.format(Locale.ROOT, "%.0f mL (lesion load %.2f %% of it)",
                r.brainVolumeMm3() / 1000, 100 * r.lesionLoadMm3() / r.brainVolumeMm3()));
        }
        row(h, "Method / preset", r.method() + " / " + r.preset());
        row(h, "Seed, threads", r.result().seed() + ", " + r.result().threads());
        row(h, "Total time", String.format(Locale.ROOT, "%.1f s", r.result().totalMs() / 1000.0));
        double[] s = r.grid().spacingMm();
        row(h, "Grid", String.format(Locale.ROOT, "%d×%d×%d voxels of %.3g×%.3g×%.3g mm", r.grid().nx(),
            r.grid().ny(), r.grid().nz(), s[0], s[1], s[2]));
        h.append("</table>\n");
    }

    private static void lesionTable(StringBuilder h, SegmentationReport r) {
        List<LesionRow> rows = r.measures().rows();
        h.append("<h2>Lesion table</h2>\n");
        if (rows.isEmpty()) {
            h.append("<p>No lesions found.</p>\n");
            return;
        }
        h.append("<p class=\"note\">Contrast: mean preprocessed FLAIR in the lesion / mean FLAIR of normal-appearing"
            + " white matter. Centroids in world RAS+ mm.</p>\n<table class=\"data\"><tr><th>id</th><th>voxels</th>"
            + "<th>volume (mm³)</th><th>centroid x</th><th>y</th><th>z</th><th>FLAIR contrast</th></tr>\n");
        for (int i = 0; i < Math.min(rows.size(), MAX_ROWS); i++) {
            LesionRow l = rows.get(i);
            double[] c = l.centroidMm();
            h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td><td>%.1f</td>"
                    + "<td>%.1f</td><td>%s</td></tr>\n", l.id(), l.voxels(), l.volumeMm3(), c[0], c[1], c[2],
                Double.isFinite(l.meanFlairContrast())
                    ? String.format(Locale.ROOT, "%.2f", l.meanFlairContrast()) : "&ndash;"));
        }
        h.append("</table>\n");
        if (rows.size() > MAX_ROWS) {
            h.append("<p class=\"note\">").append(rows.size() - MAX_ROWS)
                .append(" smaller lesions are not shown here; lesions.csv lists them all.</p>\n");
        }
    }

    private static void histogramTable(StringBuilder h, SegmentationReport r) {
        int[] counts = ReportFigures.histogram(r.measures().rows());
        h.append("<table class=\"data\"><tr><th>volume (mm³)</th>");
        ReportFigures.HISTOGRAM_LABELS.forEach(l -> h.append("<th>").append(esc(l)).append("</th>"));
        h.append("</tr><tr><td>lesions</td>");
        for (int c : counts) {
            h.append("<td>").append(c).append("</td>");
        }
        h.append("</tr></table>\n");
    }

    private static void timings(StringBuilder h, SegmentationReport r) {
        Map<String, Object> t = r.timingsMs();
        long total = Math.max(1, r.result().totalMs());
        h.append("<h2>Timings</h2>\n<table class=\"data\"><tr><th>step</th><th>ms</th><th></th></tr>\n");
        for (Map.Entry<String, Object> e : t.entrySet()) {
            long ms = ((Number) e.getValue()).longValue();
            int width = (int) Math.round(200.0 * ms / total);
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(ms)
                .append("</td><td><span class=\"bar\" style=\"width:").append(Math.min(200, width))
                .append("px\"></span></td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void inputs(StringBuilder h, SegmentationReport r) {
        h.append("<h2>Inputs and versions</h2>\n<table class=\"data\"><tr><th>channel</th><th>file</th>"
            + "<th>SHA-256</th></tr>\n");
        r.result().inputs().files().forEach((k, f) -> h.append("<tr><td>").append(esc(k)).append("</td><td>")
            .append(esc(f.toString())).append("</td><td class=\"mono\">")
            .append(esc(r.result().inputs().checksums().get(k))).append("</td></tr>\n"));
        h.append("</table>\n<table class=\"data\">");
        r.run().versions().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v))
            .append("</td></tr>"));
        h.append("</table>\n");
    }

    private static void figure(StringBuilder h, ReportFigures.Figure f) {
        h.append("<figure><img alt=\"").append(esc(f.name())).append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(f.png())).append("\"><figcaption>")
            .append(esc(f.caption())).append("</figcaption></figure>\n");
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    /** {@code s} with HTML's special characters escaped. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;color:#222;\
        padding:0 16px}
        h1{margin-bottom:0}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}
        .sub{color:#666;margin-top:4px}.note{color:#555;font-size:90%}
        table.summary th{text-align:left;padding:3px 16px 3px 0;color:#444}table.summary td{font-weight:600}
        table.data{border-collapse:collapse;font-size:90%;margin:8px 0}
        table.data th,table.data td{border:1px solid #ddd;padding:3px 8px;text-align:right}
        table.data th{background:#f4f4f4}table.data td:first-child{text-align:left}
        .mono{font-family:monospace;font-size:85%}
        figure{margin:12px 0}figure img{max-width:100%;image-rendering:pixelated;border:1px solid #ccc}
        figcaption{color:#555;font-size:90%}
        .bar{display:inline-block;height:10px;background:#c03030}
        .warn li{color:#8a4b00}pre{background:#f7f7f7;padding:8px;font-size:80%;overflow:auto}
        .foot{color:#777;font-size:85%;margin-top:32px}
        """;
}

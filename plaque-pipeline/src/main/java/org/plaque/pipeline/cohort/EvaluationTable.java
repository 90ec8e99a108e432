package org.plaque.pipeline.cohort;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Orientation;
import org.plaque.io.OutputDirectory;
import org.plaque.pipeline.cohort.CohortEvaluation.CaseEvaluation;
import org.plaque.pipeline.cohort.CohortEvaluation.CaseFailure;
import org.plaque.pipeline.cohort.CohortEvaluation.Result;

/**
 * The reports of {@code evaluate-cohort} (EVALUATION.md, "Reporting"): per-case JSON, the cohort table
 * {@code evaluation.csv}, the cohort JSON and a console table.
 *
 * <p>{@code evaluation.csv} has one row per scored case — the columns {@code case, subject, session}, every
 * figure of {@link EvaluationResult} ({@link #METRICS}), then {@code grid, connectivity,
 * min_lesion_volume_mm3, pred, truth} — followed by the aggregate rows {@code mean}, {@code median} and
 * {@code count} (cases where the figure is defined; NaN figures are left out of mean and median) and
 * the row {@code pearson_r}, which holds, in both columns of each predicted/reference pair
 * ({@link #CORRELATED}: mask volume, lesion volume after the size filter, lesion count), Pearson's
 * correlation of the predicted with the reference values over the cases. Undefined figures are blank.
 * Numbers are written in plain decimal notation, exactly as computed.
 */
public final class EvaluationTable {
    /** File names in the output folder. */
    public static final String CSV = "evaluation.csv";
    public static final String JSON = "evaluation.json";
    /** Folder of the per-case JSON files ({@code cases/<case>.json}). */
    public static final String CASES = "cases";

    /** One figure of a case: its column name and how to read it. */
    public record Metric(String name, ToDoubleFunction<EvaluationResult> value, boolean integer) {
    }

    /** Every figure of {@link EvaluationResult}, in column order. */
    public static final List<Metric> METRICS = List.of(
        new Metric("dice", EvaluationResult::dice, false),
        new Metric("iou", EvaluationResult::iou, false),
        new Metric("precision", EvaluationResult::precision, false),
        new Metric("recall", EvaluationResult::recall, false),
        new Metric("specificity", EvaluationResult::specificity, false),
        new Metric("volume_pred_mm3", EvaluationResult::volumePredMm3, false),
        new Metric("volume_truth_mm3", EvaluationResult::volumeTruthMm3, false),
        new Metric("volume_difference_mm3", EvaluationResult::volumeDifferenceMm3, false),
        new Metric("volume_difference_pct", EvaluationResult::volumeDifferencePct, false),
        new Metric("hausdorff_mm", EvaluationResult::hausdorffMm, false),
        new Metric("hd95_mm", EvaluationResult::hd95Mm, false),
        new Metric("assd_mm", EvaluationResult::assdMm, false),
        new Metric("lesion_tpr", EvaluationResult::lesionTpr, false),
        new Metric("lesion_ppv", EvaluationResult::lesionPpv, false),
        new Metric("lesion_f1", EvaluationResult::lesionF1, false),
        new Metric("truth_lesions", EvaluationResult::truthLesions, true),
        new Metric("pred_lesions", EvaluationResult::predLesions, true),
        new Metric("detected_truth_lesions", EvaluationResult::detectedTruthLesions, true),
        new Metric("matched_pred_lesions", EvaluationResult::matchedPredLesions, true),
        new Metric("truth_lesion_volume_mm3", EvaluationResult::truthLesionVolumeMm3, false),
        new Metric("pred_lesion_volume_mm3", EvaluationResult::predLesionVolumeMm3, false));

    /**
     * The predicted/reference column pairs whose Pearson correlation is reported, with the name of the
     * correlation in the JSON: {name, predicted column, reference column}.
     */
    public static final List<List<String>> CORRELATED = List.of(
        List.of("volume_mm3", "volume_pred_mm3", "volume_truth_mm3"),
        List.of("lesion_volume_mm3", "pred_lesion_volume_mm3", "truth_lesion_volume_mm3"),
        List.of("lesion_count", "pred_lesions", "truth_lesions"));

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationTable() {
    }

    /** Writes {@code evaluation.csv}, {@code evaluation.json} and {@code cases/<case>.json} into {@code dir}. */
    public static void write(Result r, OutputDirectory dir) throws IOException {
        for (CaseEvaluation c : r.cases()) {
            text(dir, CASES + "/" + c.key().id() + ".json", json(caseJson(c, r)) + "\n");
        }
        text(dir, CSV, csv(r));
        text(dir, JSON, json(cohortJson(r)) + "\n");
    }

    private static void text(OutputDirectory dir, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        dir.write(name, o -> o.write(bytes));
    }

    /** The values of one figure over the scored cases, in case order. */
    public static double[] column(Result r, String metric) {
        Metric m = metric(metric);
        return r.cases().stream().mapToDouble(c -> m.value().applyAsDouble(c.result())).toArray();
    }

    /** The Pearson correlation of each {@link #CORRELATED} pair, by its name. */
    public static Map<String, Double> correlations(Result r) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (List<String> pair : CORRELATED) {
            m.put(pair.get(0), CohortStatistics.pearson(column(r, pair.get(1)), column(r, pair.get(2))));
        }
        return m;
    }

    /** The text of {@code evaluation.csv}. */
    public static String csv(Result r) {
        List<String> header = new ArrayList<>(List.of("case", "subject", "session"));
        METRICS.forEach(m -> header.add(m.name()));
        header.addAll(List.of("grid", "connectivity", "min_lesion_volume_mm3", "pred", "truth"));
        StringBuilder b = new StringBuilder(CsvText.row(header));
        String connectivity = Integer.toString(r.rule().connectivity().neighbours());
        String minVolume = CsvText.number(r.rule().minLesionVolumeMm3());
        for (CaseEvaluation c : r.cases()) {
            List<String> row = new ArrayList<>(List.of(c.key().id(), c.key().subjectId(), c.key().sessionId()));
            for (Metric m : METRICS) {
                row.add(format(m, m.value().applyAsDouble(c.result())));
            }
            row.addAll(List.of(gridText(c.grid()), connectivity, minVolume, c.pred().toString(), c.truth().toString()));
            b.append(CsvText.row(row));
        }
        aggregateRow(b, r, "mean", connectivity, minVolume);
        aggregateRow(b, r, "median", connectivity, minVolume);
        aggregateRow(b, r, "count", connectivity, minVolume);
        Map<String, Double> correlations = correlations(r);
        List<String> row = new ArrayList<>(List.of("pearson_r", "", ""));
        for (Metric m : METRICS) {
            String value = "";
            for (List<String> pair : CORRELATED) {
                if (pair.get(1).equals(m.name()) || pair.get(2).equals(m.name())) {
                    value = CsvText.number(correlations.get(pair.get(0)));
                }
            }
            row.add(value);
        }
        row.addAll(List.of("", connectivity, minVolume, "", ""));
        b.append(CsvText.row(row));
        return b.toString();
    }

    private static void aggregateRow(StringBuilder b, Result r, String which, String connectivity, String minVolume) {
        List<String> row = new ArrayList<>(List.of(which, "", ""));
        for (Metric m : METRICS) {
            double[] v = column(r, m.name());
            row.add(switch (which) {
                case "mean" -> CsvText.number(CohortStatistics.mean(v));
                case "median" -> CsvText.number(CohortStatistics.median(v));
                default -> Integer.toString(CohortStatistics.count(v));
            });
        }
        row.addAll(List.of("", connectivity, minVolume, "", ""));
        b.append(CsvText.row(row));
    }

    private static String format(Metric m, double v) {
        return m.integer() && Double.isFinite(v) ? Long.toString((long) v) : CsvText.number(v);
    }

    /** The JSON object of one case ({@code cases/<case>.json}). */
    public static Map<String, Object> caseJson(CaseEvaluation c, Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", c.key().id());
        m.put("subject", c.key().subjectId());
        m.put("session", c.key().sessionId());
        m.put("pred", c.pred().toString());
        m.put("truth", c.truth().toString());
        m.put("grid", gridJson(c.grid()));
        m.put("rule", ruleJson(r.rule()));
        m.put("empty_policy", r.policy().name());
        for (Metric metric : METRICS) {
            double v = metric.value().applyAsDouble(c.result());
            m.put(metric.name(), metric.integer() ? (Object) (long) v : number(v));
        }
        return m;
    }

    /** The JSON object of the cohort ({@code evaluation.json}): sources, rule, cases, aggregates, pairing. */
    public static Map<String, Object> cohortJson(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pred", r.predSource().toString());
        m.put("truth", r.truthSource().toString());
        m.put("rule", ruleJson(r.rule()));
        m.put("empty_policy", r.policy().name());
        m.put("aggregates_skip_undefined", true);
        m.put("cases", r.cases().stream().map(c -> caseJson(c, r)).toList());
        for (String which : List.of("mean", "median", "count")) {
            Map<String, Object> a = new LinkedHashMap<>();
            for (Metric metric : METRICS) {
                double[] v = column(r, metric.name());
                a.put(metric.name(), switch (which) {
                    case "mean" -> number(CohortStatistics.mean(v));
                    case "median" -> number(CohortStatistics.median(v));
                    default -> CohortStatistics.count(v);
                });
            }
            m.put(which, a);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        correlations(r).forEach((k, v) -> p.put(k, number(v)));
        m.put("pearson_r", p);
        m.put("pred_only", r.predOnly().stream().map(CaseKey::id).toList());
        m.put("truth_only", r.truthOnly().stream().map(CaseKey::id).toList());
        List<Map<String, Object>> failures = new ArrayList<>();
        for (CaseFailure f : r.failures()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("case", f.key().id());
            fm.put("pred", f.pred().toString());
            fm.put("truth", f.truth().toString());
            fm.put("error", f.error());
            failures.add(fm);
        }
        m.put("failures", failures);
        return m;
    }

    /** The console table: the main figures per case, mean and median, the correlation, rule, grid and pairing. */
    public static String text(Result r) {
        String[] cols = {"dice", "lesion_f1", "lesion_tpr", "lesion_ppv", "volume_pred_mm3", "volume_truth_mm3",
            "volume_difference_pct", "hd95_mm"};
        String[] heads = {"Dice", "lesF1", "lesTPR", "lesPPV", "vol_pred_mm3", "vol_ref_mm3", "vol_diff_%", "HD95_mm"};
        int caseWidth = Math.max(6, r.cases().stream().mapToInt(c -> c.key().id().length()).max().orElse(0));
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-" + caseWidth + "s", "case"));
        for (String h : heads) {
            b.append(String.format(Locale.ROOT, " %12s", h));
        }
        b.append('\n');
        for (CaseEvaluation c : r.cases()) {
            b.append(String.format(Locale.ROOT, "%-" + caseWidth + "s", c.key().id()));
            for (String col : cols) {
                b.append(cell(metric(col).value().applyAsDouble(c.result())));
            }
            b.append('\n');
        }
        for (String which : List.of("mean", "median")) {
            b.append(String.format(Locale.ROOT, "%-" + caseWidth + "s", which));
            for (String col : cols) {
                double[] v = column(r, col);
                b.append(cell(which.equals("mean") ? CohortStatistics.mean(v) : CohortStatistics.median(v)));
            }
            b.append('\n');
        }
        double rVolume = correlations(r).get("volume_mm3");
        b.append(String.format(Locale.ROOT, "Pearson r of predicted vs reference lesion volume: %s over %d cases%n",
            Double.isFinite(rVolume) ? String.format(Locale.ROOT, "%.4f", rVolume) : "undefined", r.cases().size()));
        LesionWiseRule rule = r.rule();
        b.append(String.format(Locale.ROOT, "Lesion-wise rule: %d-connectivity, lesions > %s mm³, α %.2f, β %.2f,"
                + " γ %.2f; undefined figures (NaN, blank) are left out of mean and median%n",
            rule.connectivity().neighbours(), CsvText.number(rule.minLesionVolumeMm3()), rule.alpha(), rule.beta(),
            rule.gamma()));
        List<String> grids = r.cases().stream().map(c -> gridText(c.grid())).distinct().toList();
        b.append(grids.size() == 1 ? "Grid: " + grids.get(0) + " (every case)\n"
            : "Grids: " + grids.size() + " different, per case in " + CSV + "\n");
        b.append("Data: predictions ").append(r.predSource()).append(", references ").append(r.truthSource())
            .append('\n');
        if (!r.predOnly().isEmpty()) {
            b.append("Predictions without a reference (not scored): ").append(ids(r.predOnly())).append('\n');
        }
        if (!r.truthOnly().isEmpty()) {
            b.append("References without a prediction (not scored): ").append(ids(r.truthOnly())).append('\n');
        }
        for (CaseFailure f : r.failures()) {
            b.append("Failed ").append(f.key().id()).append(": ").append(f.error()).append('\n');
        }
        return b.toString();
    }

    private static String ids(List<CaseKey> keys) {
        return String.join(", ", keys.stream().map(CaseKey::id).toList());
    }

    private static String cell(double v) {
        if (!Double.isFinite(v)) {
            return String.format(Locale.ROOT, " %12s", "-");
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? " %12.1f" : " %12.4f", v);
    }

    private static Metric metric(String name) {
        return METRICS.stream().filter(m -> m.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no metric " + name));
    }

    /** {@code 182x218x182 @ 1x1x1 mm LAS}: size, spacing and orientation of a grid. */
    public static String gridText(ImageGeometry g) {
        double[] s = g.spacingMm();
        return g.nx() + "x" + g.ny() + "x" + g.nz() + " @ " + CsvText.number(s[0]) + "x" + CsvText.number(s[1])
            + "x" + CsvText.number(s[2]) + " mm " + Orientation.axisCodes(g);
    }

    private static Map<String, Object> gridJson(ImageGeometry g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", List.of(g.nx(), g.ny(), g.nz()));
        double[] s = g.spacingMm();
        m.put("spacing_mm", List.of(s[0], s[1], s[2]));
        double[] o = g.originMm();
        m.put("origin_mm", List.of(o[0], o[1], o[2]));
        m.put("orientation", Orientation.axisCodes(g));
        return m;
    }

    private static Map<String, Object> ruleJson(LesionWiseRule rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", rule.equals(LesionWiseRule.MSSEG) ? "MSSEG" : "custom");
        m.put("connectivity", rule.connectivity().neighbours());
        m.put("min_lesion_volume_mm3", rule.minLesionVolumeMm3());
        m.put("alpha", rule.alpha());
        m.put("beta", rule.beta());
        m.put("gamma", rule.gamma());
        return m;
    }

    /** {@code v}, or null when it is NaN or infinite (JSON has no such numbers). */
    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Pretty JSON text with the maps' key order. */
    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise to JSON", e);
        }
    }
}

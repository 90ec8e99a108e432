package org.plaque.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.eval.SegmentationEvaluation;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.io.nifti.NiftiReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque evaluate}: voxel-wise, surface and MSSEG lesion-wise scores of a prediction against a reference. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Scores a predicted lesion mask against a reference on the same grid.",
        "Dice, IoU, precision, recall, specificity, volume difference, Hausdorff, HD95, ASSD (mm) and the",
        "MSSEG lesion-wise rule (6-connectivity, lesions > 3 mm³, α 0.10, β 0.70, γ 0.65)."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--pred", required = true, paramLabel = "P", description = "Predicted mask (voxels > 0.5).")
    Path pred;

    @Option(names = "--truth", required = true, paramLabel = "T", description = "Reference mask (voxels > 0.5).")
    Path truth;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NiftiReader reader = NiftiReader.withDefaults();
        Mask p = reader.readMask(pred);
        Mask t = reader.readMask(truth);
        EvaluationResult r;
        try (ExecutionContext ctx = threads.context()) {
            r = SegmentationEvaluation.evaluate(p, t, LesionWiseRule.MSSEG, ctx);
        }
        Map<String, Object> out = toJson(r);
        var w = spec.commandLine().getOut();
        if (json) {
            w.println(Json.write(out));
        } else {
            for (Map.Entry<String, Object> e : out.entrySet()) {
                Object v = e.getValue();
                w.printf(Locale.ROOT, "%-24s %s%n", e.getKey() + ":",
                    v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(v));
            }
        }
        return ExitCode.OK;
    }

    static Map<String, Object> toJson(EvaluationResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dice", Json.number(r.dice()));
        m.put("iou", Json.number(r.iou()));
        m.put("precision", Json.number(r.precision()));
        m.put("recall", Json.number(r.recall()));
        m.put("specificity", Json.number(r.specificity()));
        m.put("volume_pred_mm3", r.volumePredMm3());
        m.put("volume_truth_mm3", r.volumeTruthMm3());
        m.put("volume_difference_pct", Json.number(r.volumeDifferencePct()));
        m.put("hausdorff_mm", Json.number(r.hausdorffMm()));
        m.put("hd95_mm", Json.number(r.hd95Mm()));
        m.put("assd_mm", Json.number(r.assdMm()));
        m.put("lesion_tpr", Json.number(r.lesionTpr()));
        m.put("lesion_ppv", Json.number(r.lesionPpv()));
        m.put("lesion_f1", Json.number(r.lesionF1()));
        m.put("truth_lesions", r.truthLesions());
        m.put("pred_lesions", r.predLesions());
        m.put("detected_truth_lesions", r.detectedTruthLesions());
        m.put("matched_pred_lesions", r.matchedPredLesions());
        LesionWiseRule rule = LesionWiseRule.MSSEG;
        m.put("connectivity", rule.connectivity().neighbours());
        m.put("min_lesion_volume_mm3", rule.minLesionVolumeMm3());
        return m;
    }
}

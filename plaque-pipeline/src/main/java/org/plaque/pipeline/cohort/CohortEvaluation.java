package org.plaque.pipeline.cohort;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.BiConsumer;
import org.plaque.InvalidInputException;
import org.plaque.eval.EmptyPolicy;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.eval.SegmentationEvaluation;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.io.nifti.NiftiReader;

/**
 * Pairs predicted with reference masks by case ({@link CaseKey}) and scores each pair with
 * {@link SegmentationEvaluation} (every figure of EVALUATION.md, the lesion-wise figures by the given rule,
 * usually {@link LesionWiseRule#MSSEG}: 6-connectivity, lesions larger than 3 mm³).
 *
 * <p>Cases with only a prediction or only a reference are listed in the result, not scored. A pair that
 * cannot be scored (unreadable file, grids that differ by more than 1e-6 mm) is listed with its one-line
 * error and the other pairs go on. Masks are read with voxels &gt; 0.5 inside. Cases are scored one after
 * the other, each with all of the context's threads.
 */
public final class CohortEvaluation {
    private CohortEvaluation() {
    }

    /** The scores of one pair. */
    public record CaseEvaluation(CaseKey key, Path pred, Path truth, ImageGeometry grid, EvaluationResult result) {
    }

    /** A pair that could not be scored. */
    public record CaseFailure(CaseKey key, Path pred, Path truth, String error) {
    }

    /**
     * Everything {@code evaluate-cohort} reports.
     *
     * @param predSource  where the predictions came from (folder or CSV)
     * @param truthSource where the references came from
     * @param rule        the lesion-wise rule used
     * @param policy      the policy for undefined figures
     * @param cases       scored pairs, in case order
     * @param failures    pairs that could not be scored
     * @param predOnly    predictions without a reference
     * @param truthOnly   references without a prediction
     */
    public record Result(Path predSource, Path truthSource, LesionWiseRule rule, EmptyPolicy policy,
                         List<CaseEvaluation> cases, List<CaseFailure> failures, List<CaseKey> predOnly,
                         List<CaseKey> truthOnly) {
        public Result {
            cases = List.copyOf(cases);
            failures = List.copyOf(failures);
            predOnly = List.copyOf(predOnly);
            truthOnly = List.copyOf(truthOnly);
        }
    }

    /**
     * Pairs and scores.
     *
     * @param progress called after each pair with (pairs done, pairs in all)
     * @throws InvalidInputException if no prediction pairs with a reference
     */
    public static Result evaluate(Path predSource, SortedMap<CaseKey, Path> pred, Path truthSource,
                                  SortedMap<CaseKey, Path> truth, LesionWiseRule rule, EmptyPolicy policy,
                                  NiftiReader reader, ExecutionContext ctx, BiConsumer<Integer, Integer> progress) {
        Objects.requireNonNull(rule, "rule");
        List<CaseKey> paired = new ArrayList<>();
        List<CaseKey> predOnly = new ArrayList<>();
        for (CaseKey k : pred.keySet()) {
            (truth.containsKey(k) ? paired : predOnly).add(k);
        }
        List<CaseKey> truthOnly = truth.keySet().stream().filter(k -> !pred.containsKey(k)).toList();
        if (paired.isEmpty()) {
            throw new InvalidInputException("no case pairs: predictions " + sample(pred) + " in " + predSource
                + ", references " + sample(truth) + " in " + truthSource);
        }
        List<CaseEvaluation> cases = new ArrayList<>();
        List<CaseFailure> failures = new ArrayList<>();
        int done = 0;
        for (CaseKey k : paired) {
            Path p = pred.get(k);
            Path t = truth.get(k);
            try {
                Mask pm = reader.readMask(p);
                Mask tm = reader.readMask(t);
                ctx.checkCancelled();
                cases.add(new CaseEvaluation(k, p, t, tm.geometry(),
                    SegmentationEvaluation.evaluate(pm, tm, rule, ctx, policy)));
            } catch (RuntimeException e) {
                if (e instanceof org.plaque.exec.CancelledException) {
                    throw e;
                }
                failures.add(new CaseFailure(k, p, t, CohortRunner.describe(e)));
            } catch (OutOfMemoryError e) {
                failures.add(new CaseFailure(k, p, t, CohortRunner.describe(e)));
            }
            progress.accept(++done, paired.size());
        }
        return new Result(predSource, truthSource, rule, policy, cases, failures, predOnly, truthOnly);
    }

    /** The first few case ids of a listing, for an error message. */
    private static String sample(Map<CaseKey, Path> masks) {
        List<String> ids = masks.keySet().stream().limit(5).map(CaseKey::id).toList();
        return "(" + masks.size() + ": " + String.join(", ", ids) + (masks.size() > 5 ? ", …" : "") + ")";
    }
}

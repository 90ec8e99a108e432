package org.plaque.pipeline.longitudinal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plaque.dl.DlEngine;
import org.plaque.dl.data.CandidatePatch;
import org.plaque.dl.nn.NewLesionFilterSpec;
import org.plaque.dl.train.FilterModel;
import org.plaque.dl.train.FilterTraining;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.eval.SegmentationEvaluation;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.testing.RealData;

/**
 * Leave-one-pair-out evaluation of the CNN filter against the classical filter on lesjak2016_longitudinal
 * patients 01, 03, 19 (the only pairs with images): train on two pairs' candidates, test on the third, same
 * candidates and scoring as {@link LongitudinalRealDataTest} (change mask on the gt grid, MSSEG rule). Opt-in
 * (minutes): runs only with {@code PLAQUE_LONGITUDINAL_CNN=on}; {@code PLAQUE_FILTER_STEPS} sets steps per epoch
 * (default 100), {@code PLAQUE_FILTER_EPOCHS} epochs (default 20), {@code PLAQUE_FILTER_WIDTH} the width
 * (default 16), {@code PLAQUE_FILTER_TARGET} the training target ({@code candidate}, the default, or
 * {@code reference}).
 */
@Tag(RealData.TAG)
class CnnFilterRealDataTest {
    private static final String[] PATIENTS = {"patient01", "patient03", "patient19"};
    private static final double[] THRESHOLDS = {0.5, 0.75, 0.9};

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    record Pair(LongitudinalCohort.Subject subject, Mask gt, LongitudinalResult result, List<CandidatePatch> patches,
                double seconds) {
    }

    @Test
    void leaveOnePairOut() throws Exception {
        Assumptions.assumeTrue("on".equals(System.getenv("PLAQUE_LONGITUDINAL_CNN")),
            "set PLAQUE_LONGITUDINAL_CNN=on to run the CNN filter evaluation");
        Path root = RealData.file("lesjak2016_longitudinal");
        int steps = env("PLAQUE_FILTER_STEPS", 100);
        int epochs = env("PLAQUE_FILTER_EPOCHS", 20);
        int width = env("PLAQUE_FILTER_WIDTH", 16);
        DlEngine.useThreads(1);
        ExecutionContext ctx = ExecutionContext.of(1, 42, (s, f) -> { });
        NiftiReader reader = NiftiReader.withDefaults();
        var atlas = LongitudinalRealDataTestSupport.installedAtlas(tmp);
        List<Pair> pairs = new ArrayList<>();
        for (LongitudinalCohort.Subject s : LongitudinalCohort.discover(root)) {
            if (!List.of(PATIENTS).contains(s.id())) {
                continue;
            }
            ScalarVolume b = reader.readScalar(s.baseline());
            ScalarVolume f = reader.readScalar(s.followup());
            Mask gt = reader.readMask(s.reference().orElseThrow());
            long start = System.nanoTime();
            LongitudinalResult r = LongitudinalRun.run(new LongitudinalRun.Pair(s.id() + "/1", b, s.id() + "/2", f),
                false, Optional.of(atlas), ChangeParams.DEFAULTS, ctx);
            double sec = (System.nanoTime() - start) / 1e9;
            Mask gtOnF = LongitudinalCohort.referenceOnFollowup(s, gt, f.geometry(), ctx);
            List<CandidatePatch> patches = FilterPatches.training(r, gtOnF, ChangeParams.DEFAULTS, ctx);
            long trueCount = patches.stream().filter(FilterTraining::isTrue).count();
            System.out.printf(Locale.ROOT, "%s: classic run %.1f s, %d candidates, %d judged, %d true%n", s.id(), sec,
                r.candidates().size(), patches.size(), trueCount);
            pairs.add(new Pair(s, gt, r, patches, sec));
        }
        StringBuilder table = new StringBuilder();
        List<EvaluationResult> classic = new ArrayList<>();
        List<List<EvaluationResult>> cnn = new ArrayList<>();
        for (int v = 0; v < THRESHOLDS.length * 2; v++) {
            cnn.add(new ArrayList<>());
        }
        for (Pair test : pairs) {
            int foldStart = table.length();
            List<CandidatePatch> train = new ArrayList<>();
            for (Pair p : pairs) {
                if (p != test) {
                    train.addAll(p.patches());
                }
            }
            NewLesionFilterSpec spec = new NewLesionFilterSpec(width, org.plaque.dl.nn.Normalization.INSTANCE);
            FilterTraining.Settings settings = FilterTraining.Settings.DEFAULTS.withLength(epochs, steps)
                .withTarget(FilterTraining.Target.valueOf(System.getenv().getOrDefault("PLAQUE_FILTER_TARGET",
                    "candidate").toUpperCase(Locale.ROOT)));
            long t0 = System.nanoTime();
            FilterTraining.Outcome o = FilterTraining.train(spec, train, settings, tmp.resolve("ckpt-" + test.subject()
                .id()), new PrintWriter(System.out, true));
            double trainSec = (System.nanoTime() - t0) / 1e9;
            LongitudinalResult r = test.result();
            classic.add(score(test, keptMask(r, r.candidates().stream().map(c -> c.passes(ChangeParams.DEFAULTS))
                .toList()), ctx));
            try (FilterModel model = new FilterModel(spec, o.weights(), FilterModel.DEFAULT_THRESHOLD)) {
                CnnChangeFilter filter = new CnnChangeFilter(model, ChangeParams.DEFAULTS);
                long t1 = System.nanoTime();
                float[][] prob = filter.voxelProbabilities(r.candidates(), new CandidateFilter.Images(
                    r.matchedBaseline(), r.followupCorrected(), r.brain()), ctx);
                double inferSec = (System.nanoTime() - t1) / 1e9;
                table.append(String.format(Locale.ROOT, "fold test=%s: training %.0f s, inference %.1f s%n",
                    test.subject().id(), trainSec, inferSec));
                int v = 0;
                for (CnnChangeFilter.KeepRule rule : CnnChangeFilter.KeepRule.values()) {
                    for (double t : THRESHOLDS) {
                        List<Boolean> keep = new ArrayList<>();
                        for (float[] p : prob) {
                            keep.add(p != null && CnnChangeFilter.decide(p, t, rule));
                        }
                        EvaluationResult e = score(test, keptMask(r, keep), ctx);
                        cnn.get(v++).add(e);
                        table.append(String.format(Locale.ROOT, "  cnn %s %.2f: %s%n", rule, t, line(e)));
                    }
                }
                table.append(String.format(Locale.ROOT, "  classic: %s%n", line(classic.get(classic.size() - 1))));
            }
            System.out.print(table.substring(foldStart));
        }
        table.append("pooled classic: ").append(pooled(classic)).append('\n');
        int v = 0;
        for (CnnChangeFilter.KeepRule rule : CnnChangeFilter.KeepRule.values()) {
            for (double t : THRESHOLDS) {
                table.append(String.format(Locale.ROOT, "pooled cnn %s %.2f: %s%n", rule, t, pooled(cnn.get(v++))));
            }
        }
        System.out.print(table);
        Files.writeString(Path.of("target", "cnn-filter-lopo-" + System.getenv().getOrDefault("PLAQUE_FILTER_TARGET",
            "candidate") + ".txt"), table.toString());
    }

    private static int env(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v);
    }

    private static Mask keptMask(LongitudinalResult r, List<Boolean> keep) {
        Mask.Builder b = Mask.builder(r.changeLabels().geometry());
        boolean[] a = b.array();
        for (int c = 0; c < keep.size(); c++) {
            if (keep.get(c)) {
                for (int i : r.candidates().get(c).voxels()) {
                    a[i] = true;
                }
            }
        }
        return b.build();
    }

    private static EvaluationResult score(Pair p, Mask change, ExecutionContext ctx) {
        return LongitudinalCohort.evaluate(p.subject(), change, p.gt(), ctx);
    }

    private static String line(EvaluationResult e) {
        return String.format(Locale.ROOT, "TPR %.3f (%d/%d) FP %d F1 %.3f Dice %.3f", e.lesionTpr(),
            e.detectedTruthLesions(), e.truthLesions(), e.predLesions() - e.matchedPredLesions(), e.lesionF1(),
            e.dice());
    }

    private static String pooled(List<EvaluationResult> es) {
        int truth = 0, detected = 0, pred = 0, matched = 0;
        double dice = 0;
        for (EvaluationResult e : es) {
            truth += e.truthLesions();
            detected += e.detectedTruthLesions();
            pred += e.predLesions();
            matched += e.matchedPredLesions();
            dice += e.dice();
        }
        double tpr = detected / (double) truth;
        double ppv = pred == 0 ? 0 : matched / (double) pred;
        double f1 = tpr + ppv == 0 ? 0 : 2 * tpr * ppv / (tpr + ppv);
        return String.format(Locale.ROOT, "TPR %.3f FP/pair %.1f F1 %.3f Dice %.3f", tpr,
            (pred - matched) / (double) es.size(), f1, dice / es.size());
    }
}

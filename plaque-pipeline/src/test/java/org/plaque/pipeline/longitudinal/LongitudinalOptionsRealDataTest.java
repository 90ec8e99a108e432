package org.plaque.pipeline.longitudinal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.eval.SegmentationEvaluation;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.itk.ItkTransformFile;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.registration.transform.LinearTransform;
import org.plaque.testing.RealData;

/**
 * Measures the detector's options on lesjak2016_longitudinal patients 01, 03 and 19 (docs/LONGITUDINAL.md,
 * "Options measured"): with and without the atlas (skull-stripped input = the FLAIRs multiplied by the atlas
 * brain masks; without an atlas, flat-prior lesion masks or none), 6 grey levels before the ratio, halfway
 * space, the T1 cue. PLAQUE_LONGITUDINAL_VARIANTS=a,b limits the variants. Slow (several minutes), so it runs only with PLAQUE_LONGITUDINAL_SWEEP=on; it prints the
 * figures and checks nothing beyond that the runs complete.
 */
@Tag(RealData.TAG)
class LongitudinalOptionsRealDataTest {
    private static final String[] PATIENTS = {"patient01", "patient03", "patient19"};
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    record Scored(String id, Mask gt, Affine commonToFollowup, LongitudinalResult result, double seconds) {
    }

    @Test
    void measuresOptions() throws Exception {
        Assumptions.assumeTrue("on".equals(System.getenv("PLAQUE_LONGITUDINAL_SWEEP")), "sweep not requested");
        Assumptions.assumeTrue(Files.isDirectory(RealData.file("lesjak2016_longitudinal")), "no real data");
        ExecutionContext ctx = ExecutionContext.of(2, 42, (s, f) -> { });
        NiftiReader reader = NiftiReader.withDefaults();
        var atlas = installedAtlas();
        String only = System.getenv().getOrDefault("PLAQUE_LONGITUDINAL_VARIANTS", "");
        Map<String, List<Scored>> byVariant = new LinkedHashMap<>();
        for (String p : PATIENTS) {
            Path dir = RealData.file("lesjak2016_longitudinal/" + p);
            ScalarVolume s1 = reader.readScalar(dir.resolve("study1_FLAIR.nii.gz"));
            ScalarVolume s2 = reader.readScalar(dir.resolve("study2_FLAIR.nii.gz"));
            Mask gt = reader.readMask(dir.resolve("gt.nii.gz"));
            Affine t2 = affine(dir.resolve("study2_FLAIR_to_common_space.txt"));
            long t0 = System.nanoTime();
            var v1 = VisitBrainMask.segment(p + "/study1", s1, false, atlas, ctx);
            var v2 = VisitBrainMask.segment(p + "/study2", s2, false, atlas, ctx);
            double csSec = (System.nanoTime() - t0) / 1e9;
            ScalarVolume ss1 = masked(s1, v1.brain());
            ScalarVolume ss2 = masked(s2, v2.brain());
            Mask nz1 = VisitBrainMask.nonZero(ss1, "study1");
            Mask nz2 = VisitBrainMask.nonZero(ss2, "study2");
            ChangeParams d = ChangeParams.DEFAULTS;
            Map<String, Object[]> variants = new LinkedHashMap<>();
            variants.put("atlas", new Object[] {d, true});
            variants.put("atlas+levels6", new Object[] {d.withGreyLevels(6), true});
            variants.put("atlas+halfway", new Object[] {d.withSpace(ChangeParams.AnalysisSpace.HALFWAY), true});
            variants.put("atlas+t1", new Object[] {d, true});
            variants.put("ss+atlas", new Object[] {d, true});
            variants.put("noatlas", new Object[] {d, false});
            variants.put("noatlas+levels6", new Object[] {d.withGreyLevels(6), false});
            variants.put("noatlas+halfway", new Object[] {d.withSpace(ChangeParams.AnalysisSpace.HALFWAY), false});
            variants.put("noatlas-nocue", new Object[] {d, false});
            for (var e : variants.entrySet()) {
                if (!only.isEmpty() && !List.of(only.split(",")).contains(e.getKey())) {
                    continue;
                }
                ChangeParams cp = (ChangeParams) e.getValue()[0];
                boolean withAtlas = (Boolean) e.getValue()[1];
                long start = System.nanoTime();
                LongitudinalResult r;
                if (e.getKey().endsWith("t1")) {
                    ScalarVolume t1b = t1(dir.resolve("study1_T1W.nii.gz"), s1, v1.brain(), reader, ctx);
                    ScalarVolume t1f = t1(dir.resolve("study2_T1W.nii.gz"), s2, v2.brain(), reader, ctx);
                    r = new LongitudinalChangeDetector(cp).detect(
                        new LongitudinalChangeDetector.Visit(s1, v1.brain(), v1.lesions(), t1b),
                        new LongitudinalChangeDetector.Visit(s2, v2.brain(), v2.lesions(), t1f), ctx);
                } else if (e.getKey().startsWith("ss+atlas")) {
                    // skull-stripped input with an atlas: what plaque longitudinal --skull-stripped does then
                    r = LongitudinalRun.run(new LongitudinalRun.Pair(p + "/1", ss1, p + "/2", ss2), true,
                        java.util.Optional.of(atlas), cp, ctx);
                } else if (withAtlas) {
                    r = new LongitudinalChangeDetector(cp).detect(s1, v1.brain(), v1.lesions(), s2, v2.brain(),
                        v2.lesions(), ctx);
                } else if (e.getKey().endsWith("nocue")) {
                    r = new LongitudinalChangeDetector(cp).detect(ss1, nz1, ss2, nz2, ctx);
                } else {
                    // skull-stripped input, no atlas: what plaque longitudinal --skull-stripped does then
                    r = LongitudinalRun.run(new LongitudinalRun.Pair(p + "/1", ss1, p + "/2", ss2), true,
                        java.util.Optional.empty(), cp, ctx);
                }
                double sec = (System.nanoTime() - start) / 1e9
                    + (withAtlas && !e.getKey().startsWith("ss+") ? csSec : 0);
                byVariant.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Scored(p, gt, t2, r, sec));
                System.out.printf(Locale.ROOT, "%s %s: %.1f s, %d candidates, %d kept%n", p, e.getKey(), sec,
                    r.candidates().size(), r.changes().size());
            }
        }
        for (var e : byVariant.entrySet()) {
            score(e.getKey(), e.getValue(), ctx);
        }
        List<Scored> noAtlas = byVariant.get("noatlas-nocue");
        if (noAtlas != null) {
            // the filter without the cross-sectional cue: stricter settings of the other cues
            for (double z : new double[] {2, 2.5, 3}) {
                for (double ratio : new double[] {1.3, 1.4, 1.5}) {
                    for (double vol : new double[] {30, 50}) {
                        ChangeParams cp = ChangeParams.DEFAULTS.withFilter(z, ratio, vol, 3);
                        scoreFiltered(String.format(Locale.ROOT, "noatlas z%.1f r%.1f v%.0f", z, ratio, vol),
                            noAtlas, k -> k.passes(cp), ctx);
                    }
                }
            }
        }
        List<Scored> withT1 = byVariant.get("atlas+t1");
        if (withT1 != null) {
            for (Scored c : withT1) {
                for (Candidate k : c.result().candidates()) {
                    if (k.passes(ChangeParams.DEFAULTS)) {
                        System.out.printf(Locale.ROOT, "T1CUE %s inc=%b vol=%.0f z=%.2f t1z=%.2f%n", c.id(),
                            k.increase(), k.volumeMm3(), k.meanZ(), k.meanT1Z());
                    }
                }
            }
            for (double t : new double[] {-1.5, -1, -0.5, 0, 0.5, 1}) {
                double thr = t;
                scoreFiltered("atlas+t1<=" + t, withT1,
                    k -> k.passes(ChangeParams.DEFAULTS) && (Double.isNaN(k.meanT1Z()) || k.meanT1Z() <= thr), ctx);
            }
        }
    }

    private static ScalarVolume t1(Path file, ScalarVolume flair, Mask brain, NiftiReader reader,
                                   ExecutionContext ctx) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return LongitudinalRun.t1OnFlair(reader.readScalar(file), flair, brain, ctx);
    }

    /** Scores the union of the candidates that {@code keep} accepts. */
    static void scoreFiltered(String name, List<Scored> cases, java.util.function.Predicate<Candidate> keep,
                              ExecutionContext ctx) {
        List<Mask> masks = new ArrayList<>();
        for (Scored c : cases) {
            Mask.Builder b = Mask.builder(c.result().changeLabels().geometry());
            for (Candidate k : c.result().candidates()) {
                if (keep.test(k)) {
                    for (int i : k.voxels()) {
                        b.array()[i] = true;
                    }
                }
            }
            masks.add(b.build());
        }
        scoreMasks(name, cases, masks, ctx);
    }

    static double score(String name, List<Scored> cases, ExecutionContext ctx) {
        return scoreMasks(name, cases, cases.stream().map(c -> c.result().changeMask()).toList(), ctx);
    }

    /** Prints per patient and pooled lesion TPR, FP lesions, lesion F1, Dice, seconds; returns pooled F1. */
    static double scoreMasks(String name, List<Scored> cases, List<Mask> changes, ExecutionContext ctx) {
        int truth = 0, detected = 0, pred = 0, matched = 0;
        double dice = 0;
        double secs = 0;
        StringBuilder sb = new StringBuilder();
        for (int ci = 0; ci < cases.size(); ci++) {
            Scored c = cases.get(ci);
            Mask onCommon = Resample.mask(changes.get(ci), c.gt().geometry(), c.commonToFollowup(), ctx);
            EvaluationResult l = SegmentationEvaluation.evaluate(onCommon, c.gt(), LesionWiseRule.MSSEG, ctx);
            truth += l.truthLesions();
            detected += l.detectedTruthLesions();
            pred += l.predLesions();
            matched += l.matchedPredLesions();
            dice += l.dice();
            secs += c.seconds();
            sb.append(String.format(Locale.ROOT, " | %s TPR %.2f (%d/%d) FP %d F1 %.2f Dice %.2f %.0fs", c.id(),
                l.lesionTpr(), l.detectedTruthLesions(), l.truthLesions(), l.predLesions() - l.matchedPredLesions(),
                l.lesionF1(), l.dice(), c.seconds()));
        }
        double tpr = detected / (double) truth;
        double ppv = pred == 0 ? 0 : matched / (double) pred;
        double f1 = tpr + ppv == 0 ? 0 : 2 * tpr * ppv / (tpr + ppv);
        System.out.printf(Locale.ROOT, "VARIANT %s: pooled TPR %.3f FP/pair %.1f F1 %.3f Dice %.3f s/pair %.0f%s%n",
            name, tpr, (pred - matched) / (double) cases.size(), f1, dice / cases.size(), secs / cases.size(), sb);
        return f1;
    }

    static ScalarVolume masked(ScalarVolume v, Mask m) {
        ScalarVolume.Builder b = ScalarVolume.builder(v.geometry());
        float[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = m.get(i) ? v.get(i) : 0f;
        }
        return b.build();
    }

    private org.plaque.pipeline.atlas.Atlas installedAtlas() throws Exception {
        var locator = org.plaque.pipeline.atlas.AtlasLocator.at(tmp.resolve("cache"));
        var inst = new org.plaque.pipeline.atlas.AtlasInstaller(locator, s -> { }).install(
            new org.plaque.pipeline.atlas.AtlasSource.Folder(RealData.file("mni_icbm152_nlin_sym_09a/atlas")),
            org.plaque.pipeline.atlas.AtlasInstaller.Options.DEFAULTS);
        return org.plaque.pipeline.atlas.Atlas.load(inst.directory());
    }

    static Affine affine(Path file) {
        return ((LinearTransform) ItkTransformFile.read(file)).toAffine();
    }
}

package org.plaque.pipeline.longitudinal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Scores the classical change detector on lesjak2016_longitudinal patients 01, 03 and 19.
 *
 * <p>Grid: the change mask (follow-up = study2 raw grid) is resampled nearest onto the common grid of
 * {@code gt.nii.gz} through T_2 (the MANIFEST's q = T_2(p), common point p → study2 point q), so the reference
 * is never interpolated. Brain masks: the provided common-grid {@code brainmask} mapped onto each raw grid
 * through T_n⁻¹ (patient19's is a head mask). Lesion-wise rule: {@link LesionWiseRule#MSSEG} (6-connectivity,
 * lesions ≥ 3 mm³).
 */
@Tag(RealData.TAG)
class LongitudinalRealDataTest {
    private static final String[] PATIENTS = {"patient01", "patient03", "patient19"};

    record Case(String id, Mask gt, Affine commonToFollowup, LongitudinalResult result, double seconds) {
    }

    @Test
    void scoresChangeMasksAgainstGt() {
        ExecutionContext ctx = ExecutionContext.of(2, 42, (s, f) -> { });
        NiftiReader reader = NiftiReader.withDefaults();
        List<Case> cases = new ArrayList<>();
        for (String p : PATIENTS) {
            Path dir = RealData.file("lesjak2016_longitudinal/" + p);
            ScalarVolume s1 = reader.readScalar(dir.resolve("study1_FLAIR.nii.gz"));
            ScalarVolume s2 = reader.readScalar(dir.resolve("study2_FLAIR.nii.gz"));
            Mask gt = reader.readMask(dir.resolve("gt.nii.gz"));
            Mask brainCommon = reader.readMask(dir.resolve("brainmask.nii.gz"));
            Affine t1 = affine(dir.resolve("study1_FLAIR_to_common_space.txt"));
            Affine t2 = affine(dir.resolve("study2_FLAIR_to_common_space.txt"));
            Mask brain1 = Resample.mask(brainCommon, s1.geometry(), t1.inverse(), ctx);
            Mask brain2 = Resample.mask(brainCommon, s2.geometry(), t2.inverse(), ctx);
            long start = System.nanoTime();
            LongitudinalResult r = new LongitudinalChangeDetector(ChangeParams.DEFAULTS).detect(s1, brain1, s2,
                brain2, ctx);
            double sec = (System.nanoTime() - start) / 1e9;
            cases.add(new Case(p, gt, t2, r, sec));
            System.out.printf(Locale.ROOT, "%s: %.1f s, %d candidates, %d kept, registration %s%n", p, sec,
                r.candidates().size(), r.changes().size(), r.registration().get("brain_correlation"));
            dumpCandidates(p, gt, t2, r, ctx);
        }
        double[] zs = {1, 1.5, 2, 2.5, 3, 4};
        double[] ratios = {1.2, 1.25, 1.3, 1.4};
        double[] vols = {10, 20, 40, 80};
        for (double z : zs) {
            for (double ra : ratios) {
                for (double v : vols) {
                    ChangeParams cp = ChangeParams.DEFAULTS.withFilter(z, ra, v, ChangeParams.DEFAULTS.edgeMarginMm());
                    score(cases, cp, ctx, false);
                }
            }
        }
        double[] pooled = score(cases, ChangeParams.DEFAULTS, ctx, true);
        assertThat(pooled[0]).as("pooled lesion TPR").isGreaterThan(0.0);
    }

    private static void dumpCandidates(String p, Mask gt, Affine t2, LongitudinalResult r, ExecutionContext ctx) {
        Mask gtOnF = Resample.mask(gt, r.changeLabels().geometry(), t2.inverse(), ctx);
        int shown = 0;
        for (Candidate c : r.candidates()) {
            int hit = 0;
            for (int i : c.voxels()) {
                if (gtOnF.get(i)) {
                    hit++;
                }
            }
            if (c.passes(ChangeParams.DEFAULTS.withFilter(1.5, 1.25, 20, 3))) {
                System.out.printf(Locale.ROOT, "  %s %s %s inc=%b vol=%.0f z=%.2f za=%.2f ratio=%.2f deep=%.2f hit=%d%n", p,
                    hit > 0 ? "TP" : "FP", java.util.Arrays.toString(c.voxels().length > 0 ? centroid(c, r) : null), c.increase(), c.volumeMm3(), c.meanZ(), c.meanZAbsent(), c.meanRatio(), c.deepFraction(), hit);
            }
        }
    }

    private static long[] centroid(Candidate c, LongitudinalResult r) {
        var g = r.changeLabels().geometry();
        long[] s = new long[3];
        for (int i : c.voxels()) {
            s[0] += i % g.nx();
            s[1] += (i / g.nx()) % g.ny();
            s[2] += i / (g.nx() * g.ny());
        }
        for (int d = 0; d < 3; d++) {
            s[d] /= c.voxels().length;
        }
        return s;
    }

    /** Pooled lesion TPR, FP per pair, lesion F1, mean Dice; printed. */
    private static double[] score(List<Case> cases, ChangeParams cp, ExecutionContext ctx, boolean detail) {
        int truth = 0, detected = 0, pred = 0, matched = 0;
        double dice = 0;
        StringBuilder sb = new StringBuilder();
        for (Case c : cases) {
            Mask.Builder b = Mask.builder(c.result().changeLabels().geometry());
            boolean[] a = b.array();
            for (Candidate cand : c.result().candidates()) {
                if (cand.passes(cp)) {
                    for (int i : cand.voxels()) {
                        a[i] = true;
                    }
                }
            }
            Mask onCommon = Resample.mask(b.build(), c.gt().geometry(), c.commonToFollowup(), ctx);
            EvaluationResult e = SegmentationEvaluation.evaluate(onCommon, c.gt(), LesionWiseRule.MSSEG, ctx);
            var l = e;
            truth += l.truthLesions();
            detected += l.detectedTruthLesions();
            pred += l.predLesions();
            matched += l.matchedPredLesions();
            dice += e.dice();
            sb.append(detail ? String.format(Locale.ROOT, " | %s TPR %.2f FP %d F1 %.2f Dice %.2f %.0fs", c.id(),
                l.lesionTpr(), l.predLesions() - l.matchedPredLesions(), l.lesionF1(), e.dice(), c.seconds())
                : String.format(Locale.ROOT, " %d/%d,%d", l.detectedTruthLesions(), l.truthLesions(),
                l.predLesions() - l.matchedPredLesions()));
        }
        double tpr = detected / (double) truth;
        double ppv = pred == 0 ? 0 : matched / (double) pred;
        double f1 = tpr + ppv == 0 ? 0 : 2 * tpr * ppv / (tpr + ppv);
        double fpPerPair = (pred - matched) / (double) cases.size();
        System.out.printf(Locale.ROOT, "z=%.1f ratio=%.1f vol=%.0f: pooled TPR %.3f FP/pair %.1f F1 %.3f Dice %.3f%s%n",
            cp.lesionZ(), cp.minMeanRatio(), cp.minLesionVolumeMm3(), tpr, fpPerPair, f1, dice / cases.size(),
            sb);
        return new double[] {tpr, fpPerPair, f1, dice / cases.size()};
    }

    private static Affine affine(Path file) {
        return ((LinearTransform) ItkTransformFile.read(file)).toAffine();
    }
}

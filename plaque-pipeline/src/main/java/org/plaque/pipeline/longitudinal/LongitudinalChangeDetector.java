package org.plaque.pipeline.longitudinal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.bias.N4BiasCorrection;
import org.plaque.filter.intensity.HistogramMatching;
import org.plaque.filter.morphology.BinaryMorphology;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.Interpolation;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.lesion.LesionTable;
import org.plaque.registration.LevelReport;
import org.plaque.registration.Registration;
import org.plaque.registration.RegistrationResult;
import org.plaque.segment.lesion.RobustIntensity;

/**
 * Classical lesion-change detection between a baseline and a follow-up FLAIR of one subject, on the follow-up
 * grid (issue 7, items 1 and 3).
 *
 * <p>Steps: N4 bias correction of both FLAIRs inside their brain masks; rigid then affine registration of the
 * baseline to the follow-up ({@link Registration.Params#DEFAULTS}, Mattes MI, brain masks on both sides); the
 * baseline resampled (trilinear) onto the follow-up grid; the brain masks intersected and eroded by
 * {@link ChangeParams#brainErosionMm()}; landmark histogram matching of the baseline to the follow-up inside
 * that intersection (Nyúl &amp; Udupa, doi:10.1002/(SICI)1522-2594(199912)42:6&lt;1072::AID-MRM11&gt;3.0.CO;2-M);
 * the voxel ratio follow-up / baseline above {@link ChangeParams#ratioThreshold()} (and baseline / follow-up
 * for decreases), opened with a ball, split into 6-connected components (the project's lesion convention, so a
 * change counts as the evaluation counts it) larger than {@link ChangeParams#minCandidateVolumeMm3()}: the raw
 * candidates. The filter ({@link Candidate#passes})
 * then keeps the candidates that look like a lesion at the visit where they are bright. Labels follow
 * {@link EvolutionRules}.
 *
 * <p>Deterministic for a given seed (the registration samples with the context's seed). Inputs are not
 * modified.
 */
public final class LongitudinalChangeDetector {
    /** Fraction of the brain's 99th percentile below which voxels are not tissue (CSF, background). */
    static final double TISSUE_FRACTION = 0.3;
    private final ChangeParams params;
    private final Registration.Params registrationParams;
    private final CandidateFilter filter;

    /** A detector with {@code params} and the default rigid + affine registration. */
    public LongitudinalChangeDetector(ChangeParams params) {
        this(params, Registration.Params.DEFAULTS);
    }

    /** A detector with {@code params} and {@code registrationParams} (tests use a cheaper schedule). */
    public LongitudinalChangeDetector(ChangeParams params, Registration.Params registrationParams) {
        this(params, registrationParams, CandidateFilter.classic(params));
    }

    /**
     * A detector whose filter stage is {@code filter} (e.g. {@link CnnChangeFilter}) instead of the classical
     * rules; candidates, labels and everything else as with {@code params}.
     */
    public LongitudinalChangeDetector(ChangeParams params, Registration.Params registrationParams,
                                      CandidateFilter filter) {
        this.params = Objects.requireNonNull(params, "params");
        this.registrationParams = Objects.requireNonNull(registrationParams, "registrationParams");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /** The settings. */
    public ChangeParams params() {
        return params;
    }

    /**
     * Detects changes.
     *
     * @param baseline      baseline FLAIR (any grid)
     * @param baselineBrain brain mask on the baseline grid
     * @param followup      follow-up FLAIR, whose grid is the output grid
     * @param followupBrain brain mask on the follow-up grid
     * @throws InvalidInputException if a mask is on another grid than its image, or the brain masks do not
     *                               overlap after registration
     */
    public LongitudinalResult detect(ScalarVolume baseline, Mask baselineBrain, ScalarVolume followup,
                                     Mask followupBrain, ExecutionContext ctx) {
        return detect(baseline, baselineBrain, null, followup, followupBrain, null, ctx);
    }

    /**
     * Detects changes, with the cross-sectional lesion masks of both visits as an extra filter cue (a kept
     * candidate must lie partly inside the mask of the visit where it is bright).
     *
     * @param baselineLesions cross-sectional lesion mask on the baseline grid, or null
     * @param followupLesions cross-sectional lesion mask on the follow-up grid, or null (both or neither)
     */
    public LongitudinalResult detect(ScalarVolume baseline, Mask baselineBrain, Mask baselineLesions,
                                     ScalarVolume followup, Mask followupBrain, Mask followupLesions,
                                     ExecutionContext ctx) {
        return detect(new Visit(baseline, baselineBrain, baselineLesions, null),
            new Visit(followup, followupBrain, followupLesions, null), ctx);
    }

    /**
     * One visit's images.
     *
     * @param flair   the FLAIR
     * @param brain   brain mask on the FLAIR's grid
     * @param lesions cross-sectional lesion mask on the FLAIR's grid, or null (then for both visits)
     * @param t1      T1 already registered and resampled onto the FLAIR's grid, or null; it only adds the
     *                {@link Candidate#meanT1Z()} cue (measured not to help the filter, see docs/LONGITUDINAL.md)
     */
    public record Visit(ScalarVolume flair, Mask brain, Mask lesions, ScalarVolume t1) {
        public Visit {
            Objects.requireNonNull(flair, "flair");
            Objects.requireNonNull(brain, "brain");
        }
    }

    /**
     * Detects changes between two visits.
     *
     * @throws InvalidInputException if a mask or T1 is on another grid than its FLAIR, or the brain masks do
     *                               not overlap after registration
     */
    public LongitudinalResult detect(Visit baselineVisit, Visit followupVisit, ExecutionContext ctx) {
        ScalarVolume baseline = baselineVisit.flair();
        Mask baselineBrain = baselineVisit.brain();
        Mask baselineLesions = baselineVisit.lesions();
        ScalarVolume followup = followupVisit.flair();
        Mask followupBrain = followupVisit.brain();
        Mask followupLesions = followupVisit.lesions();
        if ((baselineLesions == null) != (followupLesions == null)) {
            throw new IllegalArgumentException("give the cross-sectional lesion masks of both visits or neither");
        }
        baseline.geometry().requireSameGrid(baselineBrain.geometry(), org.plaque.geom.Tolerance.DEFAULT,
            "baseline FLAIR and its brain mask");
        followup.geometry().requireSameGrid(followupBrain.geometry(), org.plaque.geom.Tolerance.DEFAULT,
            "follow-up FLAIR and its brain mask");
        ctx.progress().update("longitudinal: bias correction", 0.0);
        ScalarVolume b = N4BiasCorrection.withDefaults().apply(baseline, baselineBrain, ctx).corrected();
        ScalarVolume f = N4BiasCorrection.withDefaults().apply(followup, followupBrain, ctx).corrected();
        ctx.progress().update("longitudinal: registration", 0.2);
        RegistrationResult reg = Registration.register(f, b, followupBrain, baselineBrain, registrationParams, ctx);
        Affine fToB = reg.affine();
        ImageGeometry grid = followup.geometry();
        // The analysis grid has the follow-up grid's voxels; its world is follow-up space or the midpoint space.
        boolean halfway = params.space() == ChangeParams.AnalysisSpace.HALFWAY;
        Affine half = halfway ? HalfTransform.sqrt(fToB) : null;
        Affine toB = halfway ? half : fToB;
        Affine toF = halfway ? half.inverse() : null;
        ScalarVolume fA = halfway ? Resample.scalar(f, grid, toF, Interpolation.LINEAR, 0f, ctx) : f;
        Mask fBrainA = halfway ? Resample.mask(followupBrain, grid, toF, ctx) : followupBrain;
        ScalarVolume bOnF = Resample.scalar(b, grid, toB, Interpolation.LINEAR, 0f, ctx);
        Mask bBrainOnF = Resample.mask(baselineBrain, grid, toB, ctx);
        Mask brain = BinaryMorphology.erode(and(bBrainOnF, fBrainA), params.brainErosionMm(), ctx);
        if (brain.count() < RobustIntensity.MIN_SAMPLES) {
            throw new InvalidInputException("the baseline and follow-up brain masks do not overlap after "
                + "registration (" + brain.count() + " voxels in common)");
        }
        ctx.progress().update("longitudinal: histogram matching", 0.6);
        ScalarVolume bm = HistogramMatching.withDefaults().apply(bOnF, brain, fA, brain, ctx).matched();

        RobustIntensity fStats = tissueStatistics(fA, brain, "follow-up brain tissue");
        RobustIntensity bStats = tissueStatistics(bm, brain, "baseline brain tissue");
        float[] zf = zScores(fA, fStats);
        float[] zb = zScores(bm, bStats);
        Mask deep = BinaryMorphology.erode(brain, params.edgeMarginMm(), ctx);
        Mask csF = null;
        Mask csB = null;
        if (followupLesions != null) {
            followup.geometry().requireSameGrid(followupLesions.geometry(), org.plaque.geom.Tolerance.DEFAULT,
                "follow-up FLAIR and its lesion mask");
            baseline.geometry().requireSameGrid(baselineLesions.geometry(), org.plaque.geom.Tolerance.DEFAULT,
                "baseline FLAIR and its lesion mask");
            double oneVoxelMm = maxSpacing(grid);
            csF = BinaryMorphology.dilate(halfway ? Resample.mask(followupLesions, grid, toF, ctx) : followupLesions,
                oneVoxelMm, ctx);
            csB = BinaryMorphology.dilate(Resample.mask(baselineLesions, grid, toB, ctx), oneVoxelMm, ctx);
        }

        float[] t1f = null;
        float[] t1b = null;
        if (followupVisit.t1() != null) {
            followup.geometry().requireSameGrid(followupVisit.t1().geometry(), org.plaque.geom.Tolerance.DEFAULT,
                "follow-up FLAIR and its T1 (register the T1 first)");
            ScalarVolume t = halfway ? Resample.scalar(followupVisit.t1(), grid, toF, Interpolation.LINEAR, 0f, ctx)
                : followupVisit.t1();
            t1f = zScores(t, tissueStatistics(t, brain, "follow-up T1 brain tissue"));
        }
        if (baselineVisit.t1() != null) {
            baseline.geometry().requireSameGrid(baselineVisit.t1().geometry(), org.plaque.geom.Tolerance.DEFAULT,
                "baseline FLAIR and its T1 (register the T1 first)");
            ScalarVolume t = Resample.scalar(baselineVisit.t1(), grid, toB, Interpolation.LINEAR, 0f, ctx);
            t1b = zScores(t, tissueStatistics(t, brain, "baseline T1 brain tissue"));
        }
        ctx.progress().update("longitudinal: candidates", 0.7);
        ScalarVolume[] ratioImages = params.greyLevels() > 0 ? discretise(fA, bm, brain, params.greyLevels())
            : new ScalarVolume[] {fA, bm};
        List<Candidate> candidates = new ArrayList<>();
        candidates.addAll(candidates(fA, bm, ratioImages[0], ratioImages[1], zf, zb, t1f, brain, deep, csF, true,
            ctx));
        candidates.addAll(candidates(bm, fA, ratioImages[1], ratioImages[0], zb, zf, t1b, brain, deep, csB, false,
            ctx));

        Mask baselineBright = lesionMask(zb, brain, params.lesionZ());
        Mask followupBright = lesionMask(zf, brain, params.lesionZ());
        ScalarVolume matchedOnF = bm;
        Mask brainOnF = brain;
        if (halfway) {
            // back onto the follow-up grid: follow-up point x maps to midpoint point half(x)
            candidates = onGrid(candidates, grid, half, ctx);
            baselineBright = Resample.mask(baselineBright, grid, half, ctx);
            followupBright = Resample.mask(followupBright, grid, half, ctx);
            matchedOnF = Resample.scalar(bm, grid, half, Interpolation.LINEAR, 0f, ctx);
            brainOnF = Resample.mask(brain, grid, half, ctx);
        }
        ctx.progress().update("longitudinal: filter", 0.8);
        boolean[] keep = filter.keep(candidates, new CandidateFilter.Images(matchedOnF, f, brainOnF), ctx);
        List<Candidate> kept = new ArrayList<>();
        for (int c = 0; c < keep.length; c++) {
            if (keep[c]) {
                kept.add(candidates.get(c));
            }
        }
        EvolutionRules.Labelled labelled = EvolutionRules.label(kept, baselineBright, followupBright,
            params.minLesionVolumeMm3());

        Map<String, Object> quality = new LinkedHashMap<>();
        for (LevelReport r : reg.levels()) {
            quality.put(r.stage().name().toLowerCase(java.util.Locale.ROOT) + "_final_metric", r.metric());
        }
        quality.put("brain_correlation", correlation(fA, bm, brain));
        quality.put("brain_overlap_voxels", brain.count());
        quality.put("followup_to_baseline_affine", fToB.toArray());
        quality.put("space", params.space().name().toLowerCase(java.util.Locale.ROOT));
        ctx.progress().update("longitudinal: done", 1.0);
        return new LongitudinalResult(fToB, quality, candidates, labelled.changes(), labelled.labels(),
            labelled.stableLesions(), brainOnF, f, matchedOnF);
    }

    /**
     * Both matched images as grey levels 1…N (0 outside the brain): equal-width bins over the follow-up brain's
     * 0.5–99.5th percentile range, values beyond it clamped into the end levels, the same bins for both (the
     * baseline is already matched to the follow-up).
     */
    static ScalarVolume[] discretise(ScalarVolume f, ScalarVolume bm, Mask brain, int levels) {
        float[] values = new float[brain.count()];
        int n = 0;
        for (int i = 0, total = f.geometry().voxelCount(); i < total; i++) {
            if (brain.get(i)) {
                values[n++] = f.get(i);
            }
        }
        java.util.Arrays.sort(values);
        double lo = values[(int) Math.floor(0.005 * (n - 1))];
        double hi = values[(int) Math.ceil(0.995 * (n - 1))];
        double width = hi > lo ? (hi - lo) / levels : 1;
        return new ScalarVolume[] {levels(f, brain, lo, width, levels), levels(bm, brain, lo, width, levels)};
    }

    private static ScalarVolume levels(ScalarVolume v, Mask brain, double lo, double width, int levels) {
        ScalarVolume.Builder b = ScalarVolume.builder(v.geometry());
        float[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            if (brain.get(i)) {
                int l = (int) Math.floor((v.get(i) - lo) / width);
                a[i] = Math.max(0, Math.min(levels - 1, l)) + 1;
            }
        }
        return b.build();
    }

    /** The candidates with their voxels carried onto {@code grid} (nearest neighbour, {@code gridToAnalysis}). */
    private static List<Candidate> onGrid(List<Candidate> cands, ImageGeometry grid, Affine gridToAnalysis,
                                          ExecutionContext ctx) {
        LabelVolume.Builder lb = LabelVolume.builder(grid);
        int[] ids = lb.array();
        for (int c = 0; c < cands.size(); c++) {
            for (int i : cands.get(c).voxels()) {
                ids[i] = c + 1;
            }
        }
        int[][] voxels = Resample.labels(lb.build(), grid, gridToAnalysis, ctx).voxelsByLabel(cands.size());
        List<Candidate> out = new ArrayList<>(cands.size());
        for (int c = 0; c < cands.size(); c++) {
            Candidate k = cands.get(c);
            out.add(new Candidate(k.increase(), voxels[c + 1], k.volumeMm3(), k.meanZ(), k.meanZAbsent(),
                k.meanRatio(), k.deepFraction(), k.crossSectionalFraction(), k.meanT1Z()));
        }
        return out;
    }

    private List<Candidate> candidates(ScalarVolume present, ScalarVolume absent, ScalarVolume ratioPresent,
                                       ScalarVolume ratioAbsent, float[] zPresent, float[] zAbsent,
                                       float[] t1Present, Mask brain, Mask deep, Mask crossSectional,
                                       boolean increase, ExecutionContext ctx) {
        ImageGeometry g = present.geometry();
        int n = g.voxelCount();
        Mask.Builder mb = Mask.builder(g);
        boolean[] m = mb.array();
        float t = (float) params.ratioThreshold();
        for (int i = 0; i < n; i++) {
            float a = ratioAbsent.get(i);
            m[i] = brain.get(i) && a > 0f && absent.get(i) > 0f && ratioPresent.get(i) > t * a;
        }
        Mask opened = BinaryMorphology.open(mb.build(), params.openingRadiusMm(), ctx);
        LesionTable table = LesionTable.of(opened, Connectivity.SIX, params.minCandidateVolumeMm3());
        int count = table.count();
        int[] sizes = new int[count + 1];
        double[] sumZ = new double[count + 1];
        double[] sumZAbsent = new double[count + 1];
        double[] sumRatio = new double[count + 1];
        double[] sumT1 = new double[count + 1];
        int[] deepCount = new int[count + 1];
        int[] csCount = new int[count + 1];
        LabelVolume labels = table.labels();
        for (int i = 0; i < n; i++) {
            int l = labels.get(i);
            if (l > 0) {
                sizes[l]++;
                sumZ[l] += zPresent[i];
                sumZAbsent[l] += zAbsent[i];
                sumRatio[l] += present.get(i) / absent.get(i);
                if (t1Present != null) {
                    sumT1[l] += t1Present[i];
                }
                if (deep.get(i)) {
                    deepCount[l]++;
                }
                if (crossSectional != null && crossSectional.get(i)) {
                    csCount[l]++;
                }
            }
        }
        int[][] voxels = labels.voxelsByLabel(count);
        double vox = g.voxelVolumeMm3();
        List<Candidate> out = new ArrayList<>(count);
        for (int l = 1; l <= count; l++) {
            out.add(new Candidate(increase, voxels[l], sizes[l] * vox, sumZ[l] / sizes[l], sumZAbsent[l] / sizes[l],
                sumRatio[l] / sizes[l],
                deepCount[l] / (double) sizes[l],
                crossSectional == null ? Double.NaN : csCount[l] / (double) sizes[l],
                t1Present == null ? Double.NaN : sumT1[l] / sizes[l]));
        }
        return out;
    }

    private static double maxSpacing(ImageGeometry g) {
        double[] s = g.spacingMm();
        return Math.max(s[0], Math.max(s[1], s[2]));
    }

    /** A visit's lesion mask: brain voxels whose robust z-score {@code z} is ≥ {@code lesionZ}. */
    static Mask lesionMask(float[] z, Mask brain, double lesionZ) {
        Mask.Builder b = Mask.builder(brain.geometry());
        boolean[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = brain.get(i) && z[i] >= lesionZ;
        }
        return b.build();
    }

    /**
     * Robust mode and sd of the brain tissue: brain voxels brighter than {@value #TISSUE_FRACTION} of the
     * brain's 99th percentile. The cut drops CSF, and background and skull when the "brain" mask is really a
     * head mask, which would otherwise make the mode 0 and the sd tiny.
     */
    static RobustIntensity tissueStatistics(ScalarVolume v, Mask brain, String what) {
        float[] values = new float[brain.count()];
        int n = 0;
        for (int i = 0, total = v.geometry().voxelCount(); i < total; i++) {
            if (brain.get(i)) {
                values[n++] = v.get(i);
            }
        }
        float[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double cut = TISSUE_FRACTION * sorted[(int) Math.min(n - 1, Math.floor(0.99 * n))];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (values[i] > cut) {
                values[m++] = values[i];
            }
        }
        return RobustIntensity.of(java.util.Arrays.copyOf(values, m), what);
    }

    /** The robust z-score of every voxel of {@code v} under {@code s}. */
    static float[] zScores(ScalarVolume v, RobustIntensity s) {
        float[] z = new float[v.geometry().voxelCount()];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) s.z(v.get(i));
        }
        return z;
    }

    private static Mask and(Mask a, Mask b) {
        Mask.Builder out = Mask.builder(b.geometry());
        boolean[] o = out.array();
        for (int i = 0; i < o.length; i++) {
            o[i] = a.get(i) && b.get(i);
        }
        return out.build();
    }

    /** Pearson correlation of two images inside a mask: a registration-quality figure. */
    static double correlation(ScalarVolume x, ScalarVolume y, Mask m) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long n = 0;
        for (int i = 0, total = m.geometry().voxelCount(); i < total; i++) {
            if (m.get(i)) {
                double a = x.get(i);
                double c = y.get(i);
                sx += a;
                sy += c;
                sxx += a * a;
                syy += c * c;
                sxy += a * c;
                n++;
            }
        }
        double cov = sxy - sx * sy / n;
        double den = Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
        return den > 0 ? cov / den : Double.NaN;
    }
}

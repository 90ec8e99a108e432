package org.plaque.pipeline.longitudinal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.plaque.InvalidInputException;
import org.plaque.dl.data.CandidatePatch;
import org.plaque.dl.train.FilterTraining;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.lesion.LesionTable;
import org.plaque.pipeline.atlas.Atlas;

/**
 * Candidate patches ({@link CandidatePatches}) in the form the new-lesion filter of plaque-dl trains on
 * ({@link CandidatePatch}): the five channels, the per-voxel reference and candidate masks, the label fraction.
 * Only candidates the CNN filter would judge are converted ({@link CnnChangeFilter#judged}): volume between
 * {@link ChangeParams#minLesionVolumeMm3()} and {@link Candidate#MAX_VOLUME_MM3}.
 *
 * <p>Training adds two kinds of extra patches (issue 7, item 2), both labelled from the reference like the
 * candidates: <b>false-positive patches</b> — every follow-up lesion (6-connected voxels of robust z ≥
 * {@link ChangeParams#lesionZ()}, judged volume range) that no judged candidate touches and that is not a
 * reference change: a lesion present at both visits is what ratio noise most often turns into a false
 * change — and <b>infratentorial patches</b> — boxes of {@value #INFRATENTORIAL_BOX_MM} mm around
 * {@value #INFRATENTORIAL_PATCHES} brain voxels drawn (seeded) from the lowest
 * {@value #INFRATENTORIAL_FRACTION} of the brain's vertex → neck extent (cerebellum and brainstem), where
 * FLAIR artefacts and flow hyperintensities mimic lesions and few candidates fall.
 */
public final class FilterPatches {
    /** Infratentorial patches per training pair. */
    static final int INFRATENTORIAL_PATCHES = 20;
    /** Edge of an infratentorial patch's region, mm (its patch adds the usual padding). */
    static final double INFRATENTORIAL_BOX_MM = 16;
    /** Lowest part of the brain's vertex → neck extent counted as infratentorial. */
    static final double INFRATENTORIAL_FRACTION = 0.25;

    private FilterPatches() {
    }

    /**
     * Training patches of a cohort.
     *
     * @param patches   labelled candidate patches of every usable subject
     * @param subjects  the subjects they came from
     * @param spacingMm spacing (x, y, z) of the first subject's follow-up grid, mm
     */
    public record TrainingSet(List<CandidatePatch> patches, List<String> subjects, double[] spacingMm) {
    }

    /**
     * Runs the classical detector ({@link LongitudinalRun}, classical filter settings {@code params}) on every
     * subject of {@code subjects} that has a reference change mask and turns all its judged candidates into
     * labelled patches (reference carried onto the follow-up grid by
     * {@link LongitudinalCohort#referenceOnFollowup}). Subjects without a reference are skipped (logged).
     *
     * @throws InvalidInputException if no subject has a reference, or an image is unusable
     */
    public static TrainingSet fromCohort(List<LongitudinalCohort.Subject> subjects, boolean skullStripped,
                                         Optional<Atlas> atlas, ChangeParams params, NiftiReader reader,
                                         ExecutionContext ctx, PrintWriter log) throws IOException {
        List<CandidatePatch> all = new ArrayList<>();
        List<String> used = new ArrayList<>();
        double[] spacing = null;
        for (LongitudinalCohort.Subject s : subjects) {
            if (!s.error().isEmpty() || s.reference().isEmpty()) {
                log.printf(Locale.ROOT, "filter data: %s skipped (%s)%n", s.id(),
                    s.error().isEmpty() ? "no gt.nii.gz" : s.error());
                continue;
            }
            long start = System.nanoTime();
            ScalarVolume b = reader.readScalar(s.baseline());
            ScalarVolume f = reader.readScalar(s.followup());
            Mask reference = reader.readMask(s.reference().get());
            LongitudinalResult r = LongitudinalRun.run(new LongitudinalRun.Pair(s.id() + "/baseline", b,
                s.id() + "/followup", f), skullStripped, atlas, params, ctx);
            Mask onF = LongitudinalCohort.referenceOnFollowup(s, reference, f.geometry(), ctx);
            List<CandidatePatch> patches = training(r, onF, params, ctx);
            long positives = patches.stream().filter(FilterTraining::isTrue).count();
            log.printf(Locale.ROOT, "filter data: %s: %d candidates, %d training patches (judged candidates and the"
                + " extra false-positive and infratentorial patches), %d true (%.0f s)%n", s.id(),
                r.candidates().size(), patches.size(), positives, (System.nanoTime() - start) / 1e9);
            log.flush();
            all.addAll(patches);
            used.add(s.id());
            if (spacing == null) {
                spacing = f.geometry().spacingMm();
            }
        }
        if (used.isEmpty()) {
            throw new InvalidInputException("no subject with a reference change mask (gt.nii.gz) to train the filter"
                + " on");
        }
        return new TrainingSet(all, used, spacing);
    }

    /**
     * The labelled training patches of one detection result: its judged candidates, then the false-positive
     * and infratentorial extras (class comment); the extras are seeded by {@code ctx}'s seed.
     *
     * @param reference reference change mask on the follow-up grid
     */
    public static List<CandidatePatch> training(LongitudinalResult result, Mask reference, ChangeParams params,
                                                ExecutionContext ctx) {
        List<Candidate> regions = new ArrayList<>();
        for (Candidate c : result.candidates()) {
            if (CnnChangeFilter.judged(c, params)) {
                regions.add(c);
            }
        }
        Mask brain = result.brain();
        CandidatePatches.DistanceMaps maps = CandidatePatches.distanceMaps(brain, ctx);
        regions.addAll(stableLesions(result, regions, reference, params));
        regions.addAll(infratentorial(brain, maps.vertexToNeck(), ctx.seed()));
        List<CandidatePatches.Patch> patches = CandidatePatches.of(regions, result.matchedBaseline(),
            result.followupCorrected(), brain, maps, reference);
        List<CandidatePatch> out = new ArrayList<>(patches.size());
        for (CandidatePatches.Patch p : patches) {
            out.add(toDl(p, regions.get(p.candidateIndex()), reference, brain.geometry()));
        }
        return out;
    }

    /**
     * The false-positive regions: follow-up lesions (robust z ≥ lesionZ, 6-connected, judged volume range)
     * touching no region of {@code taken} and with less than {@link FilterTraining#TRUE_FRACTION} of their
     * voxels in the reference.
     */
    static List<Candidate> stableLesions(LongitudinalResult result, List<Candidate> taken, Mask reference,
                                         ChangeParams params) {
        ScalarVolume f = result.followupCorrected();
        Mask brain = result.brain();
        ImageGeometry g = f.geometry();
        float[] z = LongitudinalChangeDetector.zScores(f,
            LongitudinalChangeDetector.tissueStatistics(f, brain, "follow-up brain tissue"));
        Mask bright = LongitudinalChangeDetector.lesionMask(z, brain, params.lesionZ());
        boolean[] used = new boolean[g.voxelCount()];
        for (Candidate c : taken) {
            for (int i : c.voxels()) {
                used[i] = true;
            }
        }
        LesionTable table = LesionTable.of(bright, Connectivity.SIX, params.minLesionVolumeMm3());
        int[][] voxels = table.labels().voxelsByLabel(table.count());
        List<Candidate> out = new ArrayList<>();
        for (int l = 1; l < voxels.length; l++) {
            int[] vox = voxels[l];
            double volume = vox.length * g.voxelVolumeMm3();
            int inReference = 0;
            boolean touches = false;
            for (int i : vox) {
                touches |= used[i];
                if (reference.get(i)) {
                    inReference++;
                }
            }
            if (!touches && volume <= Candidate.MAX_VOLUME_MM3
                && inReference < FilterTraining.TRUE_FRACTION * vox.length) {
                out.add(region(vox, volume));
            }
        }
        return out;
    }

    /**
     * {@value #INFRATENTORIAL_PATCHES} regions: the brain voxels of a box of {@value #INFRATENTORIAL_BOX_MM} mm
     * around centres drawn with {@code seed} among brain voxels whose vertex → neck value is ≥
     * 1 − {@value #INFRATENTORIAL_FRACTION}. None when the brain has no such voxel.
     */
    static List<Candidate> infratentorial(Mask brain, ScalarVolume vertexToNeck, long seed) {
        ImageGeometry g = brain.geometry();
        int n = g.voxelCount();
        int count = 0;
        int[] low = new int[brain.count()];
        for (int i = 0; i < n; i++) {
            if (brain.get(i) && vertexToNeck.get(i) >= 1 - INFRATENTORIAL_FRACTION) {
                low[count++] = i;
            }
        }
        List<Candidate> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] sp = g.spacingMm();
        int[] half = new int[3];
        for (int a = 0; a < 3; a++) {
            half[a] = Math.max(1, (int) Math.round(INFRATENTORIAL_BOX_MM / 2 / sp[a]));
        }
        int nx = g.nx();
        int ny = g.ny();
        int[] box = new int[(2 * half[0] + 1) * (2 * half[1] + 1) * (2 * half[2] + 1)];
        for (int k = 0; k < INFRATENTORIAL_PATCHES; k++) {
            int c = low[random.nextInt(count)];
            int cx = c % nx;
            int cy = (c / nx) % ny;
            int cz = c / (nx * ny);
            int size = 0;
            for (int z = Math.max(0, cz - half[2]); z <= Math.min(g.nz() - 1, cz + half[2]); z++) {
                for (int y = Math.max(0, cy - half[1]); y <= Math.min(ny - 1, cy + half[1]); y++) {
                    for (int x = Math.max(0, cx - half[0]); x <= Math.min(nx - 1, cx + half[0]); x++) {
                        int i = (z * ny + y) * nx + x;
                        if (brain.get(i)) {
                            box[size++] = i;
                        }
                    }
                }
            }
            out.add(region(Arrays.copyOf(box, size), size * g.voxelVolumeMm3()));
        }
        return out;
    }

    /** A training region as a candidate without cues (only its voxels and volume are used). */
    private static Candidate region(int[] voxels, double volumeMm3) {
        return new Candidate(true, voxels, volumeMm3, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * One patch as a {@link CandidatePatch}: label = reference voxels in the box (zeros without a reference),
     * candidate = the candidate's voxels in the box, label fraction = {@link CandidatePatches.Patch#label()}
     * (0 without a reference).
     */
    public static CandidatePatch toDl(CandidatePatches.Patch p, Candidate c, Mask reference, ImageGeometry g) {
        int[] o = p.originVoxel();
        int[] s = p.sizeVoxels();
        int vox = s[0] * s[1] * s[2];
        float[] label = new float[vox];
        float[] cand = new float[vox];
        int nx = g.nx();
        int ny = g.ny();
        if (reference != null) {
            int k = 0;
            for (int z = 0; z < s[2]; z++) {
                for (int y = 0; y < s[1]; y++) {
                    int row = ((z + o[2]) * ny + y + o[1]) * nx + o[0];
                    for (int x = 0; x < s[0]; x++) {
                        label[k++] = reference.get(row + x) ? 1f : 0f;
                    }
                }
            }
        }
        for (int i : c.voxels()) {
            int x = i % nx - o[0];
            int y = (i / nx) % ny - o[1];
            int z = i / (nx * ny) - o[2];
            cand[(z * s[1] + y) * s[0] + x] = 1f;
        }
        double fraction = Double.isNaN(p.label()) ? 0 : p.label();
        return new CandidatePatch(p.channels(), CandidatePatches.CHANNELS.size(), new int[] {s[2], s[1], s[0]}, label,
            cand, fraction);
    }
}

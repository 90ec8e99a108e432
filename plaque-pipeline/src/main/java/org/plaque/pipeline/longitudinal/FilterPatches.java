package org.plaque.pipeline.longitudinal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.plaque.InvalidInputException;
import org.plaque.dl.data.CandidatePatch;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.pipeline.atlas.Atlas;

/**
 * Candidate patches ({@link CandidatePatches}) in the form the new-lesion filter of plaque-dl trains on
 * ({@link CandidatePatch}): the five channels, the per-voxel reference and candidate masks, the label fraction.
 * Only candidates the CNN filter would judge are converted ({@link CnnChangeFilter#judged}): volume between
 * {@link ChangeParams#minLesionVolumeMm3()} and {@link Candidate#MAX_VOLUME_MM3}.
 */
public final class FilterPatches {
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
            long positives = patches.stream().filter(p -> p.labelFraction() >= 0.1).count();
            log.printf(Locale.ROOT, "filter data: %s: %d candidates, %d judged, %d true (%.0f s)%n", s.id(),
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
     * The labelled training patches of one detection result.
     *
     * @param reference reference change mask on the follow-up grid
     */
    public static List<CandidatePatch> training(LongitudinalResult result, Mask reference, ChangeParams params,
                                                ExecutionContext ctx) {
        List<Candidate> judged = new ArrayList<>();
        for (Candidate c : result.candidates()) {
            if (CnnChangeFilter.judged(c, params)) {
                judged.add(c);
            }
        }
        Mask brain = result.brain();
        List<CandidatePatches.Patch> patches = CandidatePatches.of(judged, result.matchedBaseline(),
            result.followupCorrected(), brain, CandidatePatches.distanceMaps(brain, ctx), reference);
        List<CandidatePatch> out = new ArrayList<>(patches.size());
        for (CandidatePatches.Patch p : patches) {
            out.add(toDl(p, judged.get(p.candidateIndex()), reference, brain.geometry()));
        }
        return out;
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

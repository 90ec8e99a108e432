package org.plaque.pipeline.longitudinal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.plaque.dl.train.FilterModel;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;

/**
 * The learned filter stage ({@code plaque longitudinal --method cnn}, issue 7 item 2): every raw candidate of a
 * plausible size (volume between {@link ChangeParams#minLesionVolumeMm3()} and {@link Candidate#MAX_VOLUME_MM3},
 * as the classical filter asks) becomes a patch ({@link CandidatePatches}: bounding box + 2 voxels, five
 * channels), the new-lesion filter network ({@link FilterModel}) gives a probability per patch voxel, each
 * candidate voxel keeps the output of the patch whose centre is nearest ({@link NearestCentre}), and a candidate
 * is kept when
 * <ul>
 *   <li>{@link KeepRule#MEAN} (default): its mean voxel probability is ≥ the threshold (the model card's,
 *       0.75 for models Plaque trains), or</li>
 *   <li>{@link KeepRule#FRACTION}: at least {@value #KEEP_FRACTION} of its voxels have a probability ≥ the
 *       threshold (mirrors the training label: a candidate is true when ≥ 10 % of it is reference change).</li>
 * </ul>
 * Smaller and larger candidates are dropped without asking the network. Evolution labels then follow
 * {@link EvolutionRules} as for the classical filter. Runs the network on one patch at a time (not
 * thread-safe: one filter per thread).
 */
public final class CnnChangeFilter implements CandidateFilter {
    /** Voxel fraction of {@link KeepRule#FRACTION}. */
    public static final double KEEP_FRACTION = 0.1;

    /** How a candidate's voxel probabilities decide it. */
    public enum KeepRule {
        /** Mean probability ≥ threshold. */
        MEAN,
        /** At least {@value CnnChangeFilter#KEEP_FRACTION} of the voxels ≥ threshold. */
        FRACTION
    }

    private final FilterModel model;
    private final ChangeParams params;
    private final double threshold;
    private final KeepRule rule;

    /**
     * A filter.
     *
     * @param model     the network (the caller closes it)
     * @param params    the detector settings (volume bounds)
     * @param threshold probability threshold in (0, 1)
     * @param rule      the decision rule
     */
    public CnnChangeFilter(FilterModel model, ChangeParams params, double threshold, KeepRule rule) {
        this.model = Objects.requireNonNull(model, "model");
        this.params = Objects.requireNonNull(params, "params");
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        this.threshold = threshold;
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** A filter with the model card's threshold and the mean rule. */
    public CnnChangeFilter(FilterModel model, ChangeParams params) {
        this(model, params, model.threshold(), KeepRule.MEAN);
    }

    /** Whether the network is asked about {@code c} (its volume is plausible for a lesion change). */
    public static boolean judged(Candidate c, ChangeParams params) {
        return c.volumeMm3() >= params.minLesionVolumeMm3() && c.volumeMm3() <= Candidate.MAX_VOLUME_MM3;
    }

    @Override
    public boolean[] keep(List<Candidate> candidates, Images images, ExecutionContext ctx) {
        float[][] p = voxelProbabilities(candidates, images, ctx);
        boolean[] keep = new boolean[candidates.size()];
        for (int c = 0; c < keep.length; c++) {
            keep[c] = p[c] != null && decide(p[c], threshold, rule);
        }
        return keep;
    }

    /** Whether voxel probabilities {@code p} of one candidate pass {@code rule} at {@code threshold}. */
    public static boolean decide(float[] p, double threshold, KeepRule rule) {
        if (p.length == 0) {
            return false;
        }
        double sum = 0;
        int above = 0;
        for (float v : p) {
            sum += v;
            above += v >= threshold ? 1 : 0;
        }
        return rule == KeepRule.MEAN ? sum / p.length >= threshold : above >= KEEP_FRACTION * p.length;
    }

    /**
     * Per candidate the network's probability at each of its voxels (in the order of {@link Candidate#voxels()},
     * nearest patch centre), or null for a candidate that is not {@link #judged}.
     */
    public float[][] voxelProbabilities(List<Candidate> candidates, Images images, ExecutionContext ctx) {
        List<Candidate> judged = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            if (judged(candidates.get(c), params) && candidates.get(c).voxels().length > 0) {
                judged.add(candidates.get(c));
                index.add(c);
            }
        }
        float[][] out = new float[candidates.size()][];
        if (judged.isEmpty()) {
            return out;
        }
        Mask brain = images.brain();
        List<CandidatePatches.Patch> patches = CandidatePatches.of(judged, images.matchedBaseline(), images.followup(),
            brain, CandidatePatches.distanceMaps(brain, ctx), null);
        List<NearestCentre.Box> boxes = new ArrayList<>(patches.size());
        int done = 0;
        for (CandidatePatches.Patch patch : patches) {
            int[] s = patch.sizeVoxels();
            boxes.add(new NearestCentre.Box(patch.originVoxel(), s, model.predict(patch.channels(),
                new int[] {s[2], s[1], s[0]})));
            if (++done % 50 == 0) {
                ctx.progress().update(String.format(Locale.ROOT, "longitudinal: CNN filter %d/%d", done,
                    patches.size()), 0.8 + 0.15 * done / patches.size());
            }
        }
        int[][] voxels = new int[judged.size()][];
        for (int k = 0; k < voxels.length; k++) {
            voxels[k] = judged.get(k).voxels();
        }
        float[][] assigned = NearestCentre.assign(brain.geometry(), boxes, voxels);
        for (int k = 0; k < assigned.length; k++) {
            out[index.get(k)] = assigned[k];
        }
        return out;
    }

    /** The settings, for provenance. */
    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("filter", "cnn (newlesion-filter)");
        m.put("threshold", threshold);
        m.put("keep_rule", rule == KeepRule.MEAN ? "mean probability >= threshold"
            : "at least " + KEEP_FRACTION + " of voxels >= threshold");
        m.put("judged_volume_mm3", List.of(params.minLesionVolumeMm3(), Candidate.MAX_VOLUME_MM3));
        m.put("network", model.spec().toMap());
        return m;
    }
}

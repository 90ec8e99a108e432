package org.plaque.dl.infer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Ensemble inference with test-time flips: every predictor (checkpoint, or an MC-dropout predictor passed several
 * times) is run through the {@link SlidingWindow} on every flipped copy of the input, each prediction is flipped
 * back, and the members' voxel-wise mean and variance are returned. The variance is the uncertainty map.
 *
 * <p>Members are predictors × flips, run in list order × {@link Flip} order, so the result is deterministic.
 * The variance is the population variance over the members (divided by their number, not one less), computed
 * with Welford's running update in float arrays; it is 0 where all members agree, in particular outside the
 * region, and with a single member. Memory: the flipped inputs of one flip plus three volume-sized float arrays
 * on top of the sliding window's own.
 *
 * <p>Progress is reported as stage {@value #STAGE} over all members; cancellation as in the sliding window.
 */
public final class EnsemblePrediction {
    /** The progress stage name. */
    public static final String STAGE = "ensemble inference";

    /**
     * The ensemble's result on the input grid.
     *
     * @param mean     mean probability over the members, in [0, 1] for probability outputs; 0 outside the region
     * @param variance population variance of the members' probabilities (uncertainty), >= 0; 0 outside the region
     */
    public record Prediction(ScalarVolume mean, ScalarVolume variance) {
    }

    private final SlidingWindow window;
    private final List<PatchPredictor> predictors;
    private final List<Flip> flips;

    /**
     * An ensemble of {@code predictors} × {@code flips}.
     *
     * @param window     patch shape, overlap, batch size, blending
     * @param predictors one or more networks
     * @param flips      the test-time flips, at least one; include {@link Flip#NONE} to predict the original
     * @throws IllegalArgumentException if there is no predictor or no flip
     */
    public EnsemblePrediction(SlidingWindow window, List<PatchPredictor> predictors, Set<Flip> flips) {
        if (predictors.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one predictor");
        }
        if (flips.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one flip (Flip.NONE for none)");
        }
        this.window = window;
        this.predictors = List.copyOf(predictors);
        this.flips = List.copyOf(EnumSet.copyOf(flips));
    }

    /** One predictor with all four flips (none, x, y, z). */
    public static EnsemblePrediction withAllFlips(SlidingWindow window, PatchPredictor predictor) {
        return new EnsemblePrediction(window, List.of(predictor), EnumSet.allOf(Flip.class));
    }

    /** Number of members: predictors × flips. */
    public int memberCount() {
        return predictors.size() * flips.size();
    }

    /**
     * Predicts mean and variance.
     *
     * @param channels normalised input images in the network's channel order, on one grid
     * @param region   where to predict (the brain), or null for everywhere
     * @param ctx      threads, progress and cancellation
     * @throws org.plaque.InvalidInputException   if the images are not on one grid
     * @throws org.plaque.exec.CancelledException if the context is cancelled
     */
    public Prediction predict(List<ScalarVolume> channels, Mask region, ExecutionContext ctx) {
        ImageGeometry g = SlidingWindow.checkGrid(channels, region);
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int voxels = g.voxelCount();
        List<float[]> original = new ArrayList<>(channels.size());
        for (ScalarVolume c : channels) {
            original.add(c.toArray());
        }
        boolean[] inside = region == null ? null : region.toArray();
        float[][] flipped = new float[channels.size()][voxels];
        boolean[] flippedInside = inside == null ? null : new boolean[voxels];
        float[] member = new float[voxels];
        float[] back = new float[voxels];
        ScalarVolume.Builder meanB = ScalarVolume.builder(g);
        ScalarVolume.Builder varB = ScalarVolume.builder(g);
        float[] mean = meanB.array();
        float[] m2 = varB.array();
        int total = memberCount();
        int k = 0;
        ProgressListener outer = ctx.progress();
        for (Flip flip : flips) {
            for (int c = 0; c < flipped.length; c++) {
                flip.apply(original.get(c), flipped[c], nx, ny, nz);
            }
            if (inside != null) {
                flip.apply(inside, flippedInside, nx, ny, nz);
            }
            for (PatchPredictor p : predictors) {
                final int done = k;
                ProgressListener inner = (stage, f) -> outer.update(STAGE, (done + f) / total);
                window.predictInto(flipped, flippedInside, nx, ny, nz, p, ctx, inner, member);
                flip.apply(member, back, nx, ny, nz);
                k++;
                float count = k;
                ctx.parallelFor(nz, (from, to) -> {
                    for (int i = from * nx * ny, end = to * nx * ny; i < end; i++) {
                        float d = back[i] - mean[i];
                        mean[i] += d / count;
                        m2[i] += d * (back[i] - mean[i]);
                    }
                });
            }
        }
        for (int i = 0; i < voxels; i++) {
            m2[i] = Math.max(0f, m2[i] / total);
        }
        return new Prediction(meanB.build(), varB.build());
    }
}

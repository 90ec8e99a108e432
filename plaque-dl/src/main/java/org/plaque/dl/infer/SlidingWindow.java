package org.plaque.dl.infer;

import java.util.Arrays;
import java.util.List;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Sliding-window inference: runs a {@link PatchPredictor} over overlapping patches of a multi-channel volume and
 * blends the patch outputs with a Gaussian importance map into one probability volume on the input grid
 * (Isensee et al. 2021, nnU-Net, doi:10.1038/s41592-020-01008-z).
 *
 * <p><b>Windows.</b> Windows are laid out over the bounding box of the optional region mask (the brain) grown
 * by {@link #marginVoxels()} on every side and clipped to the volume, or over the whole volume without a region.
 * Along each axis of box length {@code L} and patch size {@code P}: if {@code L <= P} one window centred on the
 * box; otherwise {@code n = ceil((L - P) / (P (1 - overlap))) + 1} windows (at most {@code L - P + 1}) whose
 * starts are spread evenly from the box start to {@code box end - P}, so the first and last windows touch the
 * box ends. Where a window leaves the volume its input is zero (the value of background after z-score
 * normalisation).
 *
 * <p><b>Blending.</b> Each voxel's probability is the weighted mean of the outputs of all windows covering it,
 * weighted with {@link GaussianWeights} (or uniformly, see {@link #withGaussian}). Voxels outside the region get
 * probability 0; without a region every voxel is predicted.
 *
 * <p><b>2-D mode.</b> A patch depth {@code D = 1} runs a slice network: every axial slice of the box is
 * predicted (the overlap and the margin apply in-plane only) and the predictor is called with
 * {@code shape = {H, W}} and arrays of shape (n, C, H, W) as DL_CONTRACT specifies.
 *
 * <p><b>Cost.</b> Accumulators are two float arrays of the box size plus one batch buffer; patch extraction
 * and blending are split over the context's threads, one window after another, so the output is deterministic.
 * The context's cancellation is checked before every batch and progress is reported after every batch
 * (stage {@value #STAGE}).
 *
 * <p>Instances are immutable and thread-safe; the predictor is called from the calling thread only.
 */
public final class SlidingWindow {
    /** Default overlap of neighbouring windows, as a fraction of the patch size. */
    public static final double DEFAULT_OVERLAP = 0.5;
    /** Default number of patches per predictor call. */
    public static final int DEFAULT_BATCH_SIZE = 1;
    /**
     * Default growth of the region's bounding box, in voxels per side: none, as in nnU-Net's crop to the non-zero
     * region. Windows reach past the box anyway wherever it is not a whole number of steps, and a margin can add a
     * whole row of windows (a 140 × 175 × 140 box takes 12 windows of 96³ at overlap 0.5, with 4 voxels margin 27).
     */
    public static final int DEFAULT_MARGIN_VOXELS = 0;
    /** The progress stage name. */
    public static final String STAGE = "sliding window";

    private final int[] patchShape;
    private final double overlap;
    private final int batchSize;
    private final int marginVoxels;
    private final boolean gaussian;
    private final float[] weights;

    /**
     * A sliding window with the given patch shape {D, H, W} (z, y, x voxels), overlap in [0, 1) and batch size.
     *
     * @throws IllegalArgumentException for a shape that is not three positive sizes, an overlap outside
     *                                  [0, 1) or a batch size below 1
     */
    public SlidingWindow(int[] patchShape, double overlap, int batchSize) {
        this(patchShape, overlap, batchSize, DEFAULT_MARGIN_VOXELS, true);
    }

    /** A sliding window with the default overlap and batch size. */
    public SlidingWindow(int[] patchShape) {
        this(patchShape, DEFAULT_OVERLAP, DEFAULT_BATCH_SIZE);
    }

    private SlidingWindow(int[] patchShape, double overlap, int batchSize, int marginVoxels, boolean gaussian) {
        if (patchShape.length != 3) {
            throw new IllegalArgumentException("patch shape must be {D, H, W}, got " + Arrays.toString(patchShape));
        }
        for (int s : patchShape) {
            if (s < 1) {
                throw new IllegalArgumentException("patch sizes must be positive: " + Arrays.toString(patchShape));
            }
        }
        if ((long) patchShape[0] * patchShape[1] * patchShape[2] > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("patch too large: " + Arrays.toString(patchShape));
        }
        if (!(overlap >= 0 && overlap < 1)) {
            throw new IllegalArgumentException("overlap must be in [0, 1), got " + overlap);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (marginVoxels < 0) {
            throw new IllegalArgumentException("margin must be >= 0 voxels, got " + marginVoxels);
        }
        this.patchShape = patchShape.clone();
        this.overlap = overlap;
        this.batchSize = batchSize;
        this.marginVoxels = marginVoxels;
        this.gaussian = gaussian;
        this.weights = gaussian ? GaussianWeights.of(patchShape) : GaussianWeights.uniform(patchShape);
    }

    /** The same window with another bounding-box margin (voxels per side, >= 0). */
    public SlidingWindow withMarginVoxels(int margin) {
        return new SlidingWindow(patchShape, overlap, batchSize, margin, gaussian);
    }

    /** The same window with Gaussian ({@code true}, the default) or uniform blending. */
    public SlidingWindow withGaussian(boolean useGaussian) {
        return new SlidingWindow(patchShape, overlap, batchSize, marginVoxels, useGaussian);
    }

    /** The same window with another batch size. */
    public SlidingWindow withBatchSize(int size) {
        return new SlidingWindow(patchShape, overlap, size, marginVoxels, gaussian);
    }

    /** Patch shape {D, H, W} in voxels (a copy). */
    public int[] patchShape() {
        return patchShape.clone();
    }

    public double overlap() {
        return overlap;
    }

    public int batchSize() {
        return batchSize;
    }

    public int marginVoxels() {
        return marginVoxels;
    }

    public boolean gaussian() {
        return gaussian;
    }

    /** Whether this runs a 2-D slice network (patch depth 1). */
    public boolean is2d() {
        return patchShape[0] == 1;
    }

    /**
     * Start positions of the windows along one axis covering [lo, hi) with patches of size {@code patch}; see the
     * class comment. Starts may be negative or run past {@code hi} when the range is shorter than the patch.
     */
    public static int[] windowStarts(int lo, int hi, int patch, double overlap) {
        int length = hi - lo;
        if (length <= patch) {
            return new int[] {lo - (patch - length) / 2};
        }
        double step = Math.max(1.0, patch * (1 - overlap));
        int n = (int) Math.ceil((length - patch) / step) + 1;
        n = Math.min(n, length - patch + 1);
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = lo + (int) Math.round((double) i * (length - patch) / (n - 1));
        }
        return starts;
    }

    /** Number of windows needed for a box of nx × ny × nz voxels (x, y, z). */
    public int windowCount(int nx, int ny, int nz) {
        return windowStarts(0, nx, patchShape[2], overlap).length
            * windowStarts(0, ny, patchShape[1], overlap).length
            * windowStarts(0, nz, patchShape[0], overlap).length;
    }

    /**
     * Predicts the probability volume, reporting progress to the context's listener.
     *
     * @param channels  normalised input images in the network's channel order, all on one grid
     * @param region    where to predict (the brain), on the same grid, or null for everywhere
     * @param predictor the network
     * @param ctx       threads, progress and cancellation
     * @return probabilities on the input grid, 0 outside the region
     * @throws org.plaque.InvalidInputException   if the images are not on one grid
     * @throws org.plaque.exec.CancelledException if the context is cancelled
     * @throws IllegalStateException              if the predictor returns too few values
     */
    public ScalarVolume predict(List<ScalarVolume> channels, Mask region, PatchPredictor predictor,
                                ExecutionContext ctx) {
        return predict(channels, region, predictor, ctx, ctx.progress());
    }

    /** As {@link #predict(List, Mask, PatchPredictor, ExecutionContext)}, reporting to {@code progress}. */
    public ScalarVolume predict(List<ScalarVolume> channels, Mask region, PatchPredictor predictor,
                                ExecutionContext ctx, ProgressListener progress) {
        ImageGeometry g = checkGrid(channels, region);
        float[][] data = new float[channels.size()][];
        for (int c = 0; c < data.length; c++) {
            data[c] = channels.get(c).toArray();
        }
        boolean[] inside = region == null ? null : region.toArray();
        ScalarVolume.Builder out = ScalarVolume.builder(g);
        predictInto(data, inside, g.nx(), g.ny(), g.nz(), predictor, ctx, progress, out.array());
        return out.build();
    }

    /** Checks that all inputs share one grid and returns it. */
    static ImageGeometry checkGrid(List<ScalarVolume> channels, Mask region) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("at least one input channel is needed");
        }
        ImageGeometry g = channels.get(0).geometry();
        for (int c = 1; c < channels.size(); c++) {
            g.requireSameGrid(channels.get(c).geometry(), Tolerance.DEFAULT, "input channels 1 and " + (c + 1));
        }
        if (region != null) {
            g.requireSameGrid(region.geometry(), Tolerance.DEFAULT, "input channels and region mask");
        }
        return g;
    }

    /**
     * The array-level core, used also by {@link EnsemblePrediction} on flipped copies: predicts into
     * {@code out} (length nx*ny*nz, overwritten everywhere).
     */
    void predictInto(float[][] data, boolean[] inside, int nx, int ny, int nz, PatchPredictor predictor,
                     ExecutionContext ctx, ProgressListener progress, float[] out) {
        Arrays.fill(out, 0f);
        int[] box = box(inside, nx, ny, nz);
        if (box == null) {
            progress.update(STAGE, 1.0);
            return;
        }
        final int x0 = box[0];
        final int y0 = box[1];
        final int z0 = box[2];
        final int bx = box[3] - x0;
        final int by = box[4] - y0;
        final int bz = box[5] - z0;
        int[] sx = windowStarts(x0, box[3], patchShape[2], overlap);
        int[] sy = windowStarts(y0, box[4], patchShape[1], overlap);
        // 2-D: every slice (a depth-1 window cannot overlap, windowStarts gives each z once)
        int[] sz = windowStarts(z0, box[5], patchShape[0], overlap);
        int total = sx.length * sy.length * sz.length;
        float[] acc = new float[Math.multiplyExact(Math.multiplyExact(bx, by), bz)];
        float[] wsum = new float[acc.length];
        int channels = data.length;
        int pd = patchShape[0];
        int ph = patchShape[1];
        int pw = patchShape[2];
        int patchVoxels = pd * ph * pw;
        int[] callShape = is2d() ? new int[] {ph, pw} : patchShape.clone();
        float[] batch = null;
        int[][] starts = new int[batchSize][];
        int done = 0;
        progress.update(STAGE, 0.0);
        while (done < total) {
            ctx.checkCancelled();
            int n = Math.min(batchSize, total - done);
            if (batch == null || batch.length != n * channels * patchVoxels) {
                batch = new float[Math.multiplyExact(n * channels, patchVoxels)];
            }
            for (int b = 0; b < n; b++) {
                int w = done + b;
                starts[b] = new int[] {sx[w % sx.length], sy[(w / sx.length) % sy.length],
                    sz[w / (sx.length * sy.length)]};
            }
            final float[] in = batch;
            final int nn = n;
            // extraction: one unit per (window, channel, z row of the patch); units write disjoint rows
            ctx.parallelFor(n * channels * pd, (from, to) -> {
                for (int u = from; u < to; u++) {
                    int dz = u % pd;
                    int c = (u / pd) % channels;
                    int b = u / (pd * channels);
                    extractRows(data[c], nx, ny, nz, starts[b], dz, in, ((b * channels + c) * pd + dz) * ph * pw);
                }
            });
            float[] p = predictor.predict(batch, n, channels, callShape.clone());
            if (p == null || p.length < (long) nn * patchVoxels) {
                throw new IllegalStateException("predictor returned " + (p == null ? "null" : p.length + " values")
                    + " for " + nn + " patches of " + patchVoxels + " voxels");
            }
            for (int b = 0; b < n; b++) {
                int[] s = starts[b];
                int zFrom = Math.max(s[2], z0);
                int zTo = Math.min(s[2] + pd, z0 + bz);
                int pOffset = b * patchVoxels;
                ctx.parallelFor(zTo - zFrom, (from, to) -> {
                    for (int k = from; k < to; k++) {
                        accumulateSlice(p, pOffset, s, zFrom + k, x0, y0, z0, bx, by, acc, wsum);
                    }
                });
            }
            done += n;
            progress.update(STAGE, (double) done / total);
        }
        ctx.parallelFor(bz, (from, to) -> {
            for (int k = from; k < to; k++) {
                for (int j = 0; j < by; j++) {
                    int a = bx * (j + by * k);
                    int o = x0 + nx * (y0 + j + ny * (z0 + k));
                    for (int i = 0; i < bx; i++, a++, o++) {
                        if ((inside == null || inside[o]) && wsum[a] > 0) {
                            out[o] = acc[a] / wsum[a];
                        }
                    }
                }
            }
        });
    }

    /** Copies the rows of patch slice {@code dz} of one channel into the batch, zero outside the volume. */
    private void extractRows(float[] src, int nx, int ny, int nz, int[] s, int dz, float[] dst, int dstOffset) {
        int ph = patchShape[1];
        int pw = patchShape[2];
        int z = s[2] + dz;
        int xFrom = Math.max(0, s[0]);
        int xTo = Math.min(nx, s[0] + pw);
        for (int dy = 0; dy < ph; dy++) {
            int d = dstOffset + dy * pw;
            int y = s[1] + dy;
            if (z < 0 || z >= nz || y < 0 || y >= ny || xFrom >= xTo) {
                Arrays.fill(dst, d, d + pw, 0f);
                continue;
            }
            int lead = xFrom - s[0];
            if (lead > 0) {
                Arrays.fill(dst, d, d + lead, 0f);
            }
            System.arraycopy(src, xFrom + nx * (y + ny * z), dst, d + lead, xTo - xFrom);
            int tail = d + lead + (xTo - xFrom);
            if (tail < d + pw) {
                Arrays.fill(dst, tail, d + pw, 0f);
            }
        }
    }

    /** Adds one window's z slice {@code z} (volume index), clipped to the box, to the accumulators. */
    private void accumulateSlice(float[] p, int pOffset, int[] s, int z, int x0, int y0, int z0, int bx, int by,
                                 float[] acc, float[] wsum) {
        int ph = patchShape[1];
        int pw = patchShape[2];
        int dz = z - s[2];
        int yFrom = Math.max(s[1], y0);
        int yTo = Math.min(s[1] + ph, y0 + by);
        int xFrom = Math.max(s[0], x0);
        int xTo = Math.min(s[0] + pw, x0 + bx);
        for (int y = yFrom; y < yTo; y++) {
            int q = (dz * ph + (y - s[1])) * pw + (xFrom - s[0]);
            int pi = pOffset + q;
            int a = (xFrom - x0) + bx * ((y - y0) + by * (z - z0));
            for (int x = xFrom; x < xTo; x++, q++, pi++, a++) {
                float w = weights[q];
                acc[a] += p[pi] * w;
                wsum[a] += w;
            }
        }
    }

    /** {x0, y0, z0, x1, y1, z1} (half-open) to cover, or null when the region is empty. */
    private int[] box(boolean[] inside, int nx, int ny, int nz) {
        if (inside == null) {
            return new int[] {0, 0, 0, nx, ny, nz};
        }
        int minX = nx;
        int minY = ny;
        int minZ = nz;
        int maxX = -1;
        int maxY = -1;
        int maxZ = -1;
        int i = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (inside[i]) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                        minZ = Math.min(minZ, z);
                        maxZ = Math.max(maxZ, z);
                    }
                }
            }
        }
        if (maxX < 0) {
            return null;
        }
        int m = marginVoxels;
        // slices outside the region would only be predicted to be discarded: no margin across slices in 2-D
        int mz = is2d() ? 0 : m;
        return new int[] {Math.max(0, minX - m), Math.max(0, minY - m), Math.max(0, minZ - mz),
            Math.min(nx, maxX + 1 + m), Math.min(ny, maxY + 1 + m), Math.min(nz, maxZ + 1 + mz)};
    }
}

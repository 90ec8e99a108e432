package org.plaque.registration.metric;

import java.util.Arrays;
import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Affine;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.registration.transform.LinearTransform;
import org.plaque.registration.transform.ParametricTransform;
import org.plaque.registration.transform.SparseJacobianTransform;

/**
 * A similarity cost between a fixed image, given by its {@link SamplePoints}, and a moving image seen
 * through a {@link MovingMapping}; lower is better. Subclasses define the value and, per sample, the
 * derivative of the cost with respect to the moving intensity there; this class maps the samples,
 * interpolates the moving image trilinearly together with the exact gradient of that interpolant, and
 * chains the per-sample derivatives through the transform's Jacobian:
 * {@code ∂C/∂μ = Σᵢ wᵢ · ∇M(yᵢ)ᵀ · ∂yᵢ/∂μ}.
 *
 * <p>A sample counts when its mapped point lies inside the moving image (continuous index in [0, n−1]
 * on every axis) and, with a moving mask, its nearest mask voxel is set; the others are ignored.
 *
 * <p><b>Determinism.</b> The samples are split into chunks fixed by the sample count alone; every chunk
 * writes its own partial sums, which are added in chunk order. The value and gradient are therefore
 * bit-identical for any thread count.
 *
 * <p>Not thread-safe: one evaluation at a time per instance (each evaluation is itself parallel on the
 * context's threads). The images are copied at construction and never modified.
 */
public abstract sealed class ImageMetric permits MattesMutualInformation, MeanSquares, NormalizedCorrelation {
    private static final int MAX_CHUNKS = 64;
    private static final int MIN_CHUNK = 2048;

    /** Sample positions, x y z per sample. */
    double[] xyz;
    /** Fixed intensity per sample. */
    float[] fixedValues;
    /** Number of samples. */
    int n;
    /** Moving intensity per sample after a pass; NaN where the sample does not count. */
    float[] movingValues;
    /** Derivative of the cost with respect to the moving intensity at each sample (0 where invalid). */
    double[] weights;
    /** Chunk boundaries: chunk c is [bounds[c], bounds[c+1]). */
    int[] bounds;
    int chunks;

    private float[] gx;
    private float[] gy;
    private float[] gz;
    private final float[] moving;
    private final int mnx;
    private final int mny;
    private final int mnz;
    private final Affine movingWorldToIndex;
    /** Rows of the moving world→index linear part: ∂index_k/∂world_r = wl[3k + r]. */
    private final double[] wl;
    private final MaskLookup movingMask;
    private int[] validPerChunk;
    private double[][] partials;
    private int lastValid;

    ImageMetric(ScalarVolume movingImage, Mask movingMask, SamplePoints samples) {
        Objects.requireNonNull(movingImage, "moving");
        Objects.requireNonNull(samples, "samples");
        this.moving = movingImage.toArray();
        this.mnx = movingImage.geometry().nx();
        this.mny = movingImage.geometry().ny();
        this.mnz = movingImage.geometry().nz();
        if (mnx < 2 || mny < 2 || mnz < 2) {
            throw new IllegalArgumentException("the moving image needs at least 2 voxels on every axis, got "
                + movingImage.geometry());
        }
        this.movingWorldToIndex = movingImage.geometry().worldToVoxel();
        double[] m = movingWorldToIndex.toRowMajor();
        this.wl = new double[] {m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]};
        this.movingMask = MaskLookup.of(movingMask);
        useSamples(samples);
    }

    /** Points the per-sample arrays and the chunking at {@code samples}, reusing arrays of the same size. */
    private void useSamples(SamplePoints samples) {
        this.xyz = samples.xyz();
        this.fixedValues = samples.fixedValues();
        int count = samples.count();
        if (movingValues == null || count != n) {
            this.movingValues = new float[count];
            this.weights = new double[count];
            this.gx = new float[count];
            this.gy = new float[count];
            this.gz = new float[count];
            int c = Math.max(1, Math.min(MAX_CHUNKS, (count + MIN_CHUNK - 1) / MIN_CHUNK));
            this.chunks = c;
            this.bounds = new int[c + 1];
            for (int i = 0; i <= c; i++) {
                bounds[i] = (int) ((long) count * i / c);
            }
            this.validPerChunk = new int[c];
            this.partials = null;
        }
        this.n = count;
    }

    /**
     * Evaluates from now on at {@code samples} instead (drawn from the same fixed image, e.g. fresh random
     * points for each iteration of a stochastic optimiser); the images and intensity ranges are kept.
     */
    public final void setSamples(SamplePoints samples) {
        Objects.requireNonNull(samples, "samples");
        useSamples(samples);
        samplesChanged();
    }

    /** Called after the samples changed; metrics with per-sample state recompute it. */
    void samplesChanged() {
    }

    /**
     * A metric of the given kind.
     *
     * @param fixed      the fixed image the samples were drawn from (its intensity range sets the histogram)
     * @param fixedMask  the mask the samples were drawn with, or null (restricts the intensity range)
     * @param movingMask samples mapping outside it are ignored; null for none
     */
    public static ImageMetric create(MetricParams params, ScalarVolume fixed, Mask fixedMask, ScalarVolume moving,
                                     Mask movingMask, SamplePoints samples) {
        return switch (params.kind()) {
            case MATTES_MI -> new MattesMutualInformation(fixed, fixedMask, moving, movingMask, samples,
                params.histogramBins());
            case MEAN_SQUARES -> new MeanSquares(moving, movingMask, samples);
            case NORMALIZED_CORRELATION -> new NormalizedCorrelation(moving, movingMask, samples);
        };
    }

    /** Number of sample points. */
    public final int sampleCount() {
        return n;
    }

    /** Number of samples that counted in the last evaluation. */
    public final int validSampleCount() {
        return lastValid;
    }

    /**
     * The cost at {@code mapping}.
     *
     * @throws InsufficientOverlapException if too few samples map inside the moving image
     */
    public final double value(MovingMapping mapping, ExecutionContext ctx) {
        return evaluate(mapping, null, ctx);
    }

    /**
     * The cost at {@code mapping}, and its gradient with respect to the transform's parameters written to
     * {@code gradient} (length = parameter count).
     *
     * @throws InsufficientOverlapException if too few samples map inside the moving image
     */
    public final double valueAndGradient(MovingMapping mapping, double[] gradient, ExecutionContext ctx) {
        int p = mapping.transform().parameterCount();
        if (gradient.length != p) {
            throw new IllegalArgumentException("gradient needs " + p + " entries, got " + gradient.length);
        }
        return evaluate(mapping, gradient, ctx);
    }

    private double evaluate(MovingMapping mapping, double[] gradient, ExecutionContext ctx) {
        boolean wantGradient = gradient != null;
        Prepared prep = new Prepared(mapping, movingWorldToIndex, movingMask, wantGradient);
        forChunks(ctx, (c, from, to) -> validPerChunk[c] = mapSamples(prep, from, to, wantGradient));
        int valid = 0;
        for (int c = 0; c < chunks; c++) {
            valid += validPerChunk[c];
        }
        lastValid = valid;
        if (valid < Math.max(8, n / 100)) {
            throw new InsufficientOverlapException(valid, n);
        }
        double value = reduce(ctx, valid, wantGradient);
        if (wantGradient) {
            gather(prep, gradient, ctx);
        }
        return value;
    }

    /**
     * From {@link #movingValues} (NaN = not counted) and the fixed values: computes the cost and, when
     * {@code wantWeights}, fills {@link #weights} with ∂cost/∂(moving intensity) per sample (0 where invalid).
     */
    abstract double reduce(ExecutionContext ctx, int valid, boolean wantWeights);

    /** A body run for one chunk of samples. */
    @FunctionalInterface
    interface ChunkBody {
        void run(int chunk, int from, int to);
    }

    /** Runs {@code body} for every chunk, in parallel; bodies must write only their own chunk's data. */
    final void forChunks(ExecutionContext ctx, ChunkBody body) {
        ctx.parallelFor(chunks, (cf, ct) -> {
            for (int c = cf; c < ct; c++) {
                body.run(c, bounds[c], bounds[c + 1]);
            }
        });
    }

    /** Per-chunk scratch arrays of the given width, zeroed by the caller. Cached between evaluations. */
    final double[][] partials(int width) {
        if (partials == null || partials[0].length != width) {
            partials = new double[chunks][width];
        }
        return partials;
    }

    /** Maps samples [from, to): moving value (NaN if not counted) and world gradient; returns the count. */
    private int mapSamples(Prepared prep, int from, int to, boolean wantGradient) {
        final float[] d = moving;
        final int nx = mnx;
        final int nxy = mnx * mny;
        final double hx = mnx - 1;
        final double hy = mny - 1;
        final double hz = mnz - 1;
        final double[] w = wl;
        final double[] k = prep.fixedToMovingIndex;
        final double[] km = prep.fixedToMaskIndex;
        final double[] p = new double[3];
        final double[] q = new double[3];
        int valid = 0;
        for (int i = from; i < to; i++) {
            double x = xyz[3 * i];
            double y = xyz[3 * i + 1];
            double z = xyz[3 * i + 2];
            double cx;
            double cy;
            double cz;
            if (k != null) {
                cx = k[0] * x + k[1] * y + k[2] * z + k[3];
                cy = k[4] * x + k[5] * y + k[6] * z + k[7];
                cz = k[8] * x + k[9] * y + k[10] * z + k[11];
                if (km != null && !movingMask.containsIndex(km[0] * x + km[1] * y + km[2] * z + km[3],
                    km[4] * x + km[5] * y + km[6] * z + km[7], km[8] * x + km[9] * y + km[10] * z + km[11])) {
                    movingValues[i] = Float.NaN;
                    continue;
                }
            } else {
                p[0] = x;
                p[1] = y;
                p[2] = z;
                prep.mapToMovingWorld(p, q);
                if (movingMask != null && !movingMask.contains(q[0], q[1], q[2])) {
                    movingValues[i] = Float.NaN;
                    continue;
                }
                double[] m = prep.movingIndex;
                cx = m[0] * q[0] + m[1] * q[1] + m[2] * q[2] + m[3];
                cy = m[4] * q[0] + m[5] * q[1] + m[6] * q[2] + m[7];
                cz = m[8] * q[0] + m[9] * q[1] + m[10] * q[2] + m[11];
            }
            if (!(cx >= 0 && cx <= hx && cy >= 0 && cy <= hy && cz >= 0 && cz <= hz)) {
                movingValues[i] = Float.NaN;
                continue;
            }
            int ix = (int) cx;
            int iy = (int) cy;
            int iz = (int) cz;
            if (ix == nx - 1) {
                ix--;
            }
            if (iy == mny - 1) {
                iy--;
            }
            if (iz == mnz - 1) {
                iz--;
            }
            double fx = cx - ix;
            double fy = cy - iy;
            double fz = cz - iz;
            int b = ix + nx * iy + nxy * iz;
            double v000 = d[b];
            double v100 = d[b + 1];
            double v010 = d[b + nx];
            double v110 = d[b + nx + 1];
            double v001 = d[b + nxy];
            double v101 = d[b + nxy + 1];
            double v011 = d[b + nxy + nx];
            double v111 = d[b + nxy + nx + 1];
            double a00 = v000 + fx * (v100 - v000);
            double a10 = v010 + fx * (v110 - v010);
            double a01 = v001 + fx * (v101 - v001);
            double a11 = v011 + fx * (v111 - v011);
            double b0 = a00 + fy * (a10 - a00);
            double b1 = a01 + fy * (a11 - a01);
            movingValues[i] = (float) (b0 + fz * (b1 - b0));
            valid++;
            if (wantGradient) {
                // exact derivative of the trilinear interpolant along each index axis
                double e0 = (v100 - v000) + fy * ((v110 - v010) - (v100 - v000));
                double e1 = (v101 - v001) + fy * ((v111 - v011) - (v101 - v001));
                double dix = e0 + fz * (e1 - e0);
                double diy = (a10 - a00) + fz * ((a11 - a01) - (a10 - a00));
                double diz = b1 - b0;
                gx[i] = (float) (dix * w[0] + diy * w[3] + diz * w[6]);
                gy[i] = (float) (dix * w[1] + diy * w[4] + diz * w[7]);
                gz[i] = (float) (dix * w[2] + diy * w[5] + diz * w[8]);
            }
        }
        return valid;
    }

    /** ∂C/∂μ = Σ wᵢ ∇M(yᵢ)ᵀ ∂yᵢ/∂μ, summed per chunk and then in chunk order. */
    private void gather(Prepared prep, double[] gradient, ExecutionContext ctx) {
        int np = gradient.length;
        if (prep.affineJacobian != null) {
            double[][] acc = partials(12);
            forChunks(ctx, (c, from, to) -> gatherAffine(acc[c], from, to));
            double[] sum = new double[12];
            for (int c = 0; c < chunks; c++) {
                for (int e = 0; e < 12; e++) {
                    sum[e] += acc[c][e];
                }
            }
            double[] dj = prep.affineJacobian;
            for (int p = 0; p < np; p++) {
                double g = 0;
                for (int e = 0; e < 12; e++) {
                    g += sum[e] * dj[e * np + p];
                }
                gradient[p] = g;
            }
            return;
        }
        double[][] acc = partials(np);
        if (prep.sparse != null) {
            forChunks(ctx, (c, from, to) -> gatherSparse(prep, acc[c], from, to));
        } else {
            forChunks(ctx, (c, from, to) -> gatherDense(prep, acc[c], from, to));
        }
        Arrays.fill(gradient, 0);
        for (int c = 0; c < chunks; c++) {
            double[] a = acc[c];
            for (int p = 0; p < np; p++) {
                gradient[p] += a[p];
            }
        }
    }

    private void gatherAffine(double[] acc, int from, int to) {
        Arrays.fill(acc, 0);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0, s10 = 0, s11 = 0;
        for (int i = from; i < to; i++) {
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            double x = xyz[3 * i];
            double y = xyz[3 * i + 1];
            double z = xyz[3 * i + 2];
            double ax = w * gx[i];
            double ay = w * gy[i];
            double az = w * gz[i];
            s0 += ax * x;
            s1 += ax * y;
            s2 += ax * z;
            s3 += ax;
            s4 += ay * x;
            s5 += ay * y;
            s6 += ay * z;
            s7 += ay;
            s8 += az * x;
            s9 += az * y;
            s10 += az * z;
            s11 += az;
        }
        acc[0] = s0;
        acc[1] = s1;
        acc[2] = s2;
        acc[3] = s3;
        acc[4] = s4;
        acc[5] = s5;
        acc[6] = s6;
        acc[7] = s7;
        acc[8] = s8;
        acc[9] = s9;
        acc[10] = s10;
        acc[11] = s11;
    }

    private void gatherDense(Prepared prep, double[] acc, int from, int to) {
        Arrays.fill(acc, 0);
        int np = acc.length;
        double[] jac = new double[3 * np];
        double[] p = new double[3];
        double[] ol = prep.outerLinear;
        for (int i = from; i < to; i++) {
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            p[0] = xyz[3 * i];
            p[1] = xyz[3 * i + 1];
            p[2] = xyz[3 * i + 2];
            prep.transform.jacobian(p, jac);
            double g0 = w * gx[i];
            double g1 = w * gy[i];
            double g2 = w * gz[i];
            // v = outerᵀ ∇M: the moving gradient pulled back through the outer affine
            double v0 = ol[0] * g0 + ol[3] * g1 + ol[6] * g2;
            double v1 = ol[1] * g0 + ol[4] * g1 + ol[7] * g2;
            double v2 = ol[2] * g0 + ol[5] * g1 + ol[8] * g2;
            for (int q = 0; q < np; q++) {
                acc[q] += v0 * jac[q] + v1 * jac[np + q] + v2 * jac[2 * np + q];
            }
        }
    }

    private void gatherSparse(Prepared prep, double[] acc, int from, int to) {
        Arrays.fill(acc, 0);
        SparseJacobianTransform t = prep.sparse;
        int support = t.maxSupport();
        int[] idx = new int[support];
        double[] vals = new double[3 * support];
        double[] p = new double[3];
        double[] ol = prep.outerLinear;
        for (int i = from; i < to; i++) {
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            p[0] = xyz[3 * i];
            p[1] = xyz[3 * i + 1];
            p[2] = xyz[3 * i + 2];
            int count = t.sparseJacobian(p, idx, vals);
            double g0 = w * gx[i];
            double g1 = w * gy[i];
            double g2 = w * gz[i];
            double v0 = ol[0] * g0 + ol[3] * g1 + ol[6] * g2;
            double v1 = ol[1] * g0 + ol[4] * g1 + ol[7] * g2;
            double v2 = ol[2] * g0 + ol[5] * g1 + ol[8] * g2;
            for (int e = 0; e < count; e++) {
                acc[idx[e]] += v0 * vals[e] + v1 * vals[support + e] + v2 * vals[2 * support + e];
            }
        }
    }

    /** What one evaluation needs from the mapping, computed once before the sample loops. */
    private static final class Prepared {
        final ParametricTransform transform;
        final SparseJacobianTransform sparse;
        /** Outer affine, row-major 3×4. */
        final double[] outer;
        /** Outer linear part, row-major 3×3. */
        final double[] outerLinear;
        /** Moving world → moving index, row-major 3×4. */
        final double[] movingIndex;
        /** For affine-in-point transforms: fixed world → moving index (3×4); else null. */
        final double[] fixedToMovingIndex;
        /** For affine-in-point transforms with a moving mask: fixed world → mask index (3×4); else null. */
        final double[] fixedToMaskIndex;
        /** For affine-in-point transforms: ∂(entry e of the composed 3×4 affine)/∂μ_p at [e·P + p]. */
        final double[] affineJacobian;

        Prepared(MovingMapping mapping, Affine movingWorldToIndex, MaskLookup mask, boolean wantGradient) {
            this.transform = mapping.transform();
            this.outer = mapping.outer().toRowMajor();
            this.outerLinear = new double[] {outer[0], outer[1], outer[2], outer[4], outer[5], outer[6], outer[8],
                outer[9], outer[10]};
            this.movingIndex = movingWorldToIndex.toRowMajor();
            if (mapping.affineInPoint()) {
                Affine a = transform instanceof LinearTransform lt ? lt.toAffine() : affineOf(transform);
                Affine composed = mapping.outer().multiply(a);
                this.fixedToMovingIndex = movingWorldToIndex.multiply(composed).toRowMajor();
                this.fixedToMaskIndex = mask == null ? null : mask.indexMatrixAfter(composed);
                this.affineJacobian = wantGradient ? composedJacobian(transform, outerLinear) : null;
                this.sparse = null;
            } else {
                this.fixedToMovingIndex = null;
                this.fixedToMaskIndex = null;
                this.affineJacobian = null;
                this.sparse = transform instanceof SparseJacobianTransform s ? s : null;
            }
        }

        void mapToMovingWorld(double[] p, double[] q) {
            transform.transformPoint(p, q);
            double[] o = outer;
            double a = q[0];
            double b = q[1];
            double c = q[2];
            q[0] = o[0] * a + o[1] * b + o[2] * c + o[3];
            q[1] = o[4] * a + o[5] * b + o[6] * c + o[7];
            q[2] = o[8] * a + o[9] * b + o[10] * c + o[11];
        }
    }

    /**
     * The affine of a transform that is affine in the point, read off the images of the origin and the unit
     * vectors.
     */
    static Affine affineOf(ParametricTransform t) {
        double[] o = new double[3];
        t.transformPoint(new double[3], o);
        double[] m = new double[12];
        double[] e = new double[3];
        double[] img = new double[3];
        for (int c = 0; c < 3; c++) {
            Arrays.fill(e, 0);
            e[c] = 1;
            t.transformPoint(e, img);
            for (int r = 0; r < 3; r++) {
                m[r * 4 + c] = img[r] - o[r];
            }
        }
        for (int r = 0; r < 3; r++) {
            m[r * 4 + 3] = o[r];
        }
        return Affine.ofRowMajor(m);
    }

    /**
     * ∂(outer ∘ T)/∂μ as derivatives of the 12 entries of the composed affine: the Jacobian of an affine-in-point
     * transform is itself affine in the point, so J(0) gives the translation column and J(eⱼ) − J(0) column j.
     */
    private static double[] composedJacobian(ParametricTransform t, double[] ol) {
        int np = t.parameterCount();
        double[] j0 = new double[3 * np];
        double[] jc = new double[3 * np];
        t.jacobian(new double[3], j0);
        double[] out = new double[12 * np];
        double[] e = new double[3];
        for (int c = 0; c < 4; c++) {
            double[] jac;
            if (c < 3) {
                Arrays.fill(e, 0);
                e[c] = 1;
                t.jacobian(e, jc);
                for (int q = 0; q < 3 * np; q++) {
                    jc[q] -= j0[q];
                }
                jac = jc;
            } else {
                jac = j0;
            }
            for (int r = 0; r < 3; r++) {
                for (int p = 0; p < np; p++) {
                    out[(r * 4 + c) * np + p] = ol[3 * r] * jac[p] + ol[3 * r + 1] * jac[np + p]
                        + ol[3 * r + 2] * jac[2 * np + p];
                }
            }
        }
        return out;
    }
}

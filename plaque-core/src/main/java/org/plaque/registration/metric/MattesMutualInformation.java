package org.plaque.registration.metric;

import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Negative Mattes mutual information (Mattes et al., "PET-CT image registration in the chest using free-form
 * deformations", IEEE TMI 22(1):120–128, 2003, doi:10.1109/TMI.2002.803111), as ITK's
 * {@code MattesMutualInformationImageToImageMetricv4}: a joint histogram of B bins per axis over the
 * intensity ranges of the fixed and moving images (inside their masks), two bins of padding at each end;
 * each sample adds a zero-order (box) window on its fixed bin and a cubic B-spline window on the moving
 * axis. The value is {@code −Σ p log(p / (p_F p_M))}; its gradient is analytic:
 * {@code ∂C/∂μ = Σᵢ [Σ_m β₃'(m − tᵢ) log(p(fᵢ, m) / p_M(m))] / (N·Δ_M) · ∂Mᵢ/∂μ}, with tᵢ the moving
 * intensity in bin units, Δ_M the moving bin width and N the number of counted samples (the fixed
 * marginal does not depend on μ). Evaluation makes two passes over the samples (histogram, then gradient).
 */
public final class MattesMutualInformation extends ImageMetric {
    private static final int PADDING = 2;
    private static final double SIXTH = 1.0 / 6;
    private final int bins;
    private final double movingBinSize;
    private final double movingNormalizedMin;
    private final double fixedBinSize;
    private final double fixedNormalizedMin;
    private short[] fixedBin;
    private final double[] joint;
    private final double[] logRatio;

    MattesMutualInformation(ScalarVolume fixed, Mask fixedMask, ScalarVolume moving, Mask movingMask,
                            SamplePoints samples, int bins) {
        super(moving, movingMask, samples);
        this.bins = bins;
        IntensityRange fr = IntensityRange.of(fixed, fixedMask, "fixed");
        IntensityRange mr = IntensityRange.of(moving, movingMask, "moving");
        this.fixedBinSize = (fr.max() - fr.min()) / (bins - 2 * PADDING);
        this.fixedNormalizedMin = fr.min() / fixedBinSize - PADDING;
        this.movingBinSize = (mr.max() - mr.min()) / (bins - 2 * PADDING);
        this.movingNormalizedMin = mr.min() / movingBinSize - PADDING;
        samplesChanged();
        this.joint = new double[bins * bins];
        this.logRatio = new double[bins * bins];
    }

    @Override
    void samplesChanged() {
        if (fixedBin == null || fixedBin.length != n) {
            fixedBin = new short[n];
        }
        for (int i = 0; i < n; i++) {
            double t = fixedValues[i] / fixedBinSize - fixedNormalizedMin;
            fixedBin[i] = (short) clampBin((int) Math.floor(t));
        }
    }

    /** Histogram bins per axis. */
    public int bins() {
        return bins;
    }

    private int clampBin(int b) {
        return b < PADDING ? PADDING : Math.min(b, bins - PADDING - 1);
    }

    @Override
    double reduce(ExecutionContext ctx, int valid, boolean wantWeights) {
        int nb = bins;
        double[][] hist = partials(nb * nb);
        forChunks(ctx, (c, from, to) -> histogram(hist[c], from, to));
        java.util.Arrays.fill(joint, 0);
        for (int c = 0; c < chunks; c++) {
            double[] h = hist[c];
            for (int e = 0; e < joint.length; e++) {
                joint[e] += h[e];
            }
        }
        double total = 0;
        for (double v : joint) {
            total += v;
        }
        double[] pf = new double[nb];
        double[] pm = new double[nb];
        for (int f = 0; f < nb; f++) {
            for (int m = 0; m < nb; m++) {
                double p = joint[f * nb + m] / total;
                pf[f] += p;
                pm[m] += p;
            }
        }
        double mi = 0;
        for (int f = 0; f < nb; f++) {
            for (int m = 0; m < nb; m++) {
                double p = joint[f * nb + m] / total;
                if (p > 0) {
                    mi += p * Math.log(p / (pf[f] * pm[m]));
                    logRatio[f * nb + m] = Math.log(p / pm[m]);
                } else {
                    logRatio[f * nb + m] = 0;
                }
            }
        }
        if (wantWeights) {
            double scale = 1.0 / (total * movingBinSize);
            forChunks(ctx, (c, from, to) -> weights(scale, from, to));
        }
        return -mi;
    }

    private void histogram(double[] h, int from, int to) {
        java.util.Arrays.fill(h, 0);
        int nb = bins;
        for (int i = from; i < to; i++) {
            float mv = movingValues[i];
            if (mv != mv) {
                continue;
            }
            double t = mv / movingBinSize - movingNormalizedMin;
            int fl = (int) Math.floor(t);
            int mb = clampBin(fl);
            int row = fixedBin[i] * nb + mb - 1;
            if (mb == fl) {
                // the four cubic B-spline weights at offsets −1..2 of a fraction f in [0, 1)
                double f = t - fl;
                double f2 = f * f;
                double f3 = f2 * f;
                h[row] += (1 - 3 * f + 3 * f2 - f3) * SIXTH;
                h[row + 1] += (4 - 6 * f2 + 3 * f3) * SIXTH;
                h[row + 2] += (1 + 3 * f + 3 * f2 - 3 * f3) * SIXTH;
                h[row + 3] += f3 * SIXTH;
            } else {
                double u = (mb - 1) - t;
                h[row] += bspline3(u);
                h[row + 1] += bspline3(u + 1);
                h[row + 2] += bspline3(u + 2);
                h[row + 3] += bspline3(u + 3);
            }
        }
    }

    private void weights(double scale, int from, int to) {
        int nb = bins;
        double[] lr = logRatio;
        for (int i = from; i < to; i++) {
            float mv = movingValues[i];
            if (mv != mv) {
                weights[i] = 0;
                continue;
            }
            double t = mv / movingBinSize - movingNormalizedMin;
            int fl = (int) Math.floor(t);
            int mb = clampBin(fl);
            int row = fixedBin[i] * nb + mb - 1;
            double s;
            if (mb == fl) {
                // dβ₃(bin − t)/d(bin − t) for bins at offsets −1..2 of a fraction f in [0, 1)
                double f = t - fl;
                double f2 = f * f;
                s = 0.5 * (1 - f) * (1 - f) * lr[row]
                    + (2 * f - 1.5 * f2) * lr[row + 1]
                    + (-0.5 - f + 1.5 * f2) * lr[row + 2]
                    - 0.5 * f2 * lr[row + 3];
            } else {
                double u = (mb - 1) - t;
                s = bspline3Derivative(u) * lr[row] + bspline3Derivative(u + 1) * lr[row + 1]
                    + bspline3Derivative(u + 2) * lr[row + 2] + bspline3Derivative(u + 3) * lr[row + 3];
            }
            weights[i] = s * scale;
        }
    }

    /** Cubic B-spline β₃(u), support (−2, 2). */
    static double bspline3(double u) {
        double a = Math.abs(u);
        if (a < 1) {
            return (4 - 6 * a * a + 3 * a * a * a) / 6;
        }
        if (a < 2) {
            double b = 2 - a;
            return b * b * b / 6;
        }
        return 0;
    }

    /** dβ₃/du. */
    static double bspline3Derivative(double u) {
        double a = Math.abs(u);
        if (a < 1) {
            return -2 * u + 1.5 * u * a;
        }
        if (a < 2) {
            double b = 2 - a;
            return u > 0 ? -0.5 * b * b : 0.5 * b * b;
        }
        return 0;
    }
}

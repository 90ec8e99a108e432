package org.plaque.registration.metric;

import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Negative Pearson correlation of fixed and moving intensities over the counted samples,
 * {@code −S_FM / √(S_FF S_MM)} with centred sums; in [−1, 1], −1 for a perfect linear relation. Gradient
 * {@code −(1/√(S_FF S_MM)) Σ [(Fᵢ − F̄) − (S_FM/S_MM)(Mᵢ − M̄)] ∂Mᵢ/∂μ}. 0 with zero gradient when either
 * image is constant over the samples.
 */
public final class NormalizedCorrelation extends ImageMetric {
    NormalizedCorrelation(ScalarVolume moving, Mask movingMask, SamplePoints samples) {
        super(moving, movingMask, samples);
    }

    @Override
    double reduce(ExecutionContext ctx, int valid, boolean wantWeights) {
        double[][] part = partials(5);
        forChunks(ctx, (c, from, to) -> {
            double sf = 0, sm = 0, sff = 0, smm = 0, sfm = 0;
            for (int i = from; i < to; i++) {
                float m = movingValues[i];
                if (m == m) {
                    double f = fixedValues[i];
                    sf += f;
                    sm += m;
                    sff += f * f;
                    smm += (double) m * m;
                    sfm += f * m;
                }
            }
            double[] p = part[c];
            p[0] = sf;
            p[1] = sm;
            p[2] = sff;
            p[3] = smm;
            p[4] = sfm;
        });
        double[] s = new double[5];
        for (int c = 0; c < chunks; c++) {
            for (int e = 0; e < 5; e++) {
                s[e] += part[c][e];
            }
        }
        double meanF = s[0] / valid;
        double meanM = s[1] / valid;
        double cff = s[2] - s[0] * meanF;
        double cmm = s[3] - s[1] * meanM;
        double cfm = s[4] - s[0] * meanM;
        boolean degenerate = !(cff > 0 && cmm > 0);
        if (wantWeights) {
            double norm = degenerate ? 0 : 1.0 / Math.sqrt(cff * cmm);
            double ratio = degenerate ? 0 : cfm / cmm;
            forChunks(ctx, (c, from, to) -> {
                for (int i = from; i < to; i++) {
                    float m = movingValues[i];
                    weights[i] = m == m ? -norm * ((fixedValues[i] - meanF) - ratio * (m - meanM)) : 0;
                }
            });
        }
        return degenerate ? 0 : -cfm / Math.sqrt(cff * cmm);
    }
}

package org.plaque.registration.metric;

import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Mean of the squared intensity differences over the counted samples, {@code (1/N) Σ (Mᵢ − Fᵢ)²}; gradient
 * {@code (2/N) Σ (Mᵢ − Fᵢ) ∂Mᵢ/∂μ}. For images of the same modality and intensity scale.
 */
public final class MeanSquares extends ImageMetric {
    MeanSquares(ScalarVolume moving, Mask movingMask, SamplePoints samples) {
        super(moving, movingMask, samples);
    }

    @Override
    double reduce(ExecutionContext ctx, int valid, boolean wantWeights) {
        double[][] part = partials(1);
        forChunks(ctx, (c, from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                float m = movingValues[i];
                if (m == m) {
                    double d = m - fixedValues[i];
                    s += d * d;
                }
            }
            part[c][0] = s;
        });
        double sum = 0;
        for (int c = 0; c < chunks; c++) {
            sum += part[c][0];
        }
        if (wantWeights) {
            double scale = 2.0 / valid;
            forChunks(ctx, (c, from, to) -> {
                for (int i = from; i < to; i++) {
                    float m = movingValues[i];
                    weights[i] = m == m ? scale * (m - fixedValues[i]) : 0;
                }
            });
        }
        return sum / valid;
    }
}

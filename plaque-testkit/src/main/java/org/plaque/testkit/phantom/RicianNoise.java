package org.plaque.testkit.phantom;

import java.util.SplittableRandom;
import org.plaque.exec.ExecutionContext;

/**
 * Rician noise, the noise of a magnitude MR image: |s + n₁ + i·n₂| with n₁, n₂ ~ N(0, σ²) (Gudbjartsson and
 * Patz 1995, doi:10.1002/mrm.1910340618). Where the signal is zero (air) this is Rayleigh noise with mean
 * σ·√(π/2) and E[v²] = 2σ². Each slice of each contrast has its own seeded stream, so the result does not
 * depend on the thread count.
 */
final class RicianNoise {
    private RicianNoise() {
    }

    /** Adds noise of {@code sigma} in place to {@code data} laid out as nz slices of {@code sliceSize}. */
    static void apply(float[] data, int sliceSize, int nz, double sigma, long seed, int contrast,
                      ExecutionContext ctx) {
        ctx.parallelFor(nz, (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, 1_000_003L * contrast + k));
                int from = k * sliceSize;
                int to = from + sliceSize;
                for (int i = from; i < to; i++) {
                    double re = data[i] + sigma * rnd.nextGaussian();
                    double im = sigma * rnd.nextGaussian();
                    data[i] = (float) Math.sqrt(re * re + im * im);
                }
            }
        });
    }
}

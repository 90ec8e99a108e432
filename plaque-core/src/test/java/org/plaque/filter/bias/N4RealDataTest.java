package org.plaque.filter.bias;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.testing.RealData;

/**
 * N4 on real skull-stripped FLAIR (lesjak2017, MNI grid, background 0) multiplied by a known smooth field:
 * exp of a second-order polynomial of the voxel position, spanning ×0.8…×1.2 inside the brain (FLAIR > 0).
 * N4 runs with its defaults and Otsu's mask, as {@code plaque n4 IN OUT} does.
 */
@Tag(RealData.TAG)
class N4RealDataTest {
    @ParameterizedTest
    @ValueSource(strings = {"patient07", "patient19"})
    void recoversAKnownFieldOnRealFlair(String patient) {
        ScalarVolume flair = NiftiReader.withDefaults()
            .readScalar(RealData.file("lesjak2017_cross_sectional_mni/" + patient + "/FLAIR.nii.gz"));
        Mask brain = Mask.above(flair, 0.0);
        ScalarVolume field = knownField(flair.geometry(), brain);
        float[] b = flair.toArray();
        for (int i = 0; i < b.length; i++) {
            b[i] *= field.get(i);
        }
        ScalarVolume biased = ScalarVolume.of(flair.geometry(), b);

        N4BiasCorrection.Result r;
        try (ExecutionContext ctx = ExecutionContext.of(2, 1, ProgressListener.NONE)) {
            r = N4BiasCorrection.withDefaults().apply(biased, ctx);
        }

        // Field correlation in log space over the brain (Pearson, so the means drop out).
        assertThat(SyntheticHead.logCorrelation(r.biasField(), field, brain)).isGreaterThan(0.95);
        // The field left in the corrected image (corrected / original) spreads far less than the one applied.
        double applied = ratioCv(biased, flair, brain);
        double left = ratioCv(r.corrected(), flair, brain);
        assertThat(left).isLessThan(0.35 * applied);
    }

    /** exp(p(x, y, z)) with p a fixed quadratic in normalised voxel coordinates, scaled to [ln 0.8, ln 1.2] in the mask. */
    static ScalarVolume knownField(ImageGeometry g, Mask brain) {
        double[] p = new double[g.voxelCount()];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double u = 2.0 * x / (g.nx() - 1) - 1;
                    double v = 2.0 * y / (g.ny() - 1) - 1;
                    double w = 2.0 * z / (g.nz() - 1) - 1;
                    int i = g.index(x, y, z);
                    p[i] = 0.5 * u + 0.3 * v - 0.25 * w + 0.2 * u * v - 0.3 * w * w + 0.15 * v * v;
                    if (brain.get(i)) {
                        lo = Math.min(lo, p[i]);
                        hi = Math.max(hi, p[i]);
                    }
                }
            }
        }
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            double t = (p[i] - lo) / (hi - lo);
            f[i] = (float) Math.exp(Math.log(0.8) + t * (Math.log(1.2) - Math.log(0.8)));
        }
        return ScalarVolume.of(g, f);
    }

    /** Coefficient of variation of a / b over the mask. */
    private static double ratioCv(ScalarVolume a, ScalarVolume b, Mask m) {
        double s = 0;
        double ss = 0;
        int n = 0;
        for (int i = 0; i < a.geometry().voxelCount(); i++) {
            if (m.get(i) && b.get(i) > 1) {
                double q = a.get(i) / b.get(i);
                s += q;
                ss += q * q;
                n++;
            }
        }
        double mean = s / n;
        return Math.sqrt(ss / n - mean * mean) / mean;
    }
}

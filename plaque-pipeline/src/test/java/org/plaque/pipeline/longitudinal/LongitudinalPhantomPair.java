package org.plaque.pipeline.longitudinal;

import java.util.List;
import java.util.SplittableRandom;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.testing.SyntheticHead;

/**
 * Two skull-stripped visits of the pipeline tests' {@link SyntheticHead} (its three built-in lesions are
 * stable), each with its own noise, plus painted spherical lesions: N new (radius 4 mm at follow-up only),
 * V vanished (radius 4 mm at baseline only), E enlarging (2.5 → 5 mm), S shrinking (5 → 2.5 mm), all at
 * 1.6 × white matter. The baseline grid is moved by {@link #SHIFT_MM} so the registration has something to
 * recover.
 */
final class LongitudinalPhantomPair {
    static final double[] SHIFT_MM = {2.0, -1.5, 1.0};
    private static final float LESION = 480f;
    /** Centres (world mm, follow-up frame) of N, V, E, S. */
    static final List<double[]> CENTRES = List.of(new double[] {-16, 16, -8}, new double[] {18, -6, -10},
        new double[] {-18, -18, -4}, new double[] {12, 22, -6});

    final ScalarVolume baseline;
    final ScalarVolume followup;
    final Mask baselineBrain;
    final Mask followupBrain;

    LongitudinalPhantomPair() {
        followup = paint(SyntheticHead.flair(false, 11), new double[] {4, 0, 5, 2.5}, 21);
        ScalarVolume b = paint(SyntheticHead.flair(false, 12), new double[] {0, 4, 2.5, 5}, 22);
        ImageGeometry g = b.geometry();
        baseline = b.withGeometry(g.withVoxelToWorld(trueFollowupToBaseline().multiply(g.voxelToWorld())));
        followupBrain = VisitBrainMask.nonZero(followup, "follow-up");
        baselineBrain = VisitBrainMask.nonZero(baseline, "baseline");
    }

    /** Maps a follow-up world point to the baseline world point of the same anatomy. */
    static Affine trueFollowupToBaseline() {
        return Affine.translation(SHIFT_MM[0], SHIFT_MM[1], SHIFT_MM[2]);
    }

    private static ScalarVolume paint(ScalarVolume base, double[] radiiMm, long noiseSeed) {
        ImageGeometry g = base.geometry();
        float[] a = base.toArray();
        SplittableRandom r = new SplittableRandom(noiseSeed);
        double[] w = new double[3];
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    g.voxelToWorld().apply(x, y, z, w);
                    for (int k = 0; k < CENTRES.size(); k++) {
                        double[] c = CENTRES.get(k);
                        double d2 = sq(w[0] - c[0]) + sq(w[1] - c[1]) + sq(w[2] - c[2]);
                        if (radiiMm[k] > 0 && d2 <= radiiMm[k] * radiiMm[k]) {
                            a[g.index(x, y, z)] = (float) (LESION + 10 * r.nextGaussian());
                        }
                    }
                }
            }
        }
        return ScalarVolume.of(g, a);
    }

    private static double sq(double v) {
        return v * v;
    }
}

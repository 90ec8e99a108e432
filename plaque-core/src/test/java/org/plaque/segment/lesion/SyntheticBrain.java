package org.plaque.segment.lesion;

import java.util.Optional;
import java.util.Random;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * A small synthetic brain for preset tests in core (the full phantom lives in plaque-testkit): an
 * ellipsoidal brain with a grey-matter shell, two ventricles, white matter elsewhere, and spherical FLAIR
 * lesions at given places; priors are the exact tissue fractions, softened by a 1-voxel blur.
 */
final class SyntheticBrain {
    static final int N = 48;
    final ImageGeometry grid = ImageGeometry.axisAligned(N, N, 40, new double[] {1.5, 1.5, 1.5},
        new double[] {-36, -36, -30});
    final ScalarVolume flair;
    final TissuePriors priors;
    final Mask truth;

    /** @param lesions rows {x, y, z, radius} in mm; lesion FLAIR 1.8 × white matter; noise sd 3 % of WM */
    SyntheticBrain(long seed, double[][] lesions) {
        int n = grid.voxelCount();
        float[] f = new float[n];
        float[] wm = new float[n];
        float[] gm = new float[n];
        float[] csf = new float[n];
        boolean[] brain = new boolean[n];
        boolean[] les = new boolean[n];
        Random r = new Random(seed);
        for (int z = 0; z < grid.nz(); z++) {
            for (int y = 0; y < grid.ny(); y++) {
                for (int x = 0; x < grid.nx(); x++) {
                    double[] p = grid.voxelToWorld().apply(x, y, z);
                    double e = Math.sqrt(sq(p[0] / 32) + sq(p[1] / 32) + sq(p[2] / 26));
                    int i = grid.index(x, y, z);
                    if (e > 1) {
                        continue;
                    }
                    brain[i] = true;
                    boolean ventricle = sq((Math.abs(p[0]) - 7) / 3) + sq(p[1] / 10) + sq(p[2] / 5) < 1;
                    float v;
                    if (ventricle) {
                        csf[i] = 1;
                        v = 30;
                    } else if (e > 0.88) {
                        gm[i] = 1;
                        v = 370;
                    } else {
                        wm[i] = 1;
                        v = 300;
                    }
                    for (double[] l : lesions) {
                        if (sq(p[0] - l[0]) + sq(p[1] - l[1]) + sq(p[2] - l[2]) <= sq(l[3])) {
                            les[i] = true;
                            v = 540;
                        }
                    }
                    f[i] = (float) (v + 9 * r.nextGaussian());
                }
            }
        }
        flair = ScalarVolume.of(grid, f);
        truth = Mask.of(grid, les);
        priors = new TissuePriors(blur(wm), blur(gm), blur(csf), Mask.of(grid, brain));
    }

    SegmentationInput input() {
        return new SegmentationInput(flair, Optional.empty(), Optional.empty(), priors);
    }

    private ScalarVolume blur(float[] a) {
        float[] out = new float[a.length];
        for (int z = 0; z < grid.nz(); z++) {
            for (int y = 0; y < grid.ny(); y++) {
                for (int x = 0; x < grid.nx(); x++) {
                    double s = 0;
                    int c = 0;
                    for (int dz = -1; dz <= 1; dz++) {
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                if (grid.contains(x + dx, y + dy, z + dz)) {
                                    s += a[grid.index(x + dx, y + dy, z + dz)];
                                    c++;
                                }
                            }
                        }
                    }
                    out[grid.index(x, y, z)] = (float) (s / c);
                }
            }
        }
        return ScalarVolume.of(grid, out);
    }

    private static double sq(double v) {
        return v * v;
    }
}

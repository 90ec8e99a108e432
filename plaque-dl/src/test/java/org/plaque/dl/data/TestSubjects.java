package org.plaque.dl.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/** Small synthetic subjects for the data tests: an ellipsoid brain with noisy channels and ball lesions. */
final class TestSubjects {
    private TestSubjects() {
    }

    static ImageGeometry grid(int nx, int ny, int nz) {
        return ImageGeometry.axisAligned(nx, ny, nz, new double[] {1, 1, 1}, new double[] {0, 0, 0});
    }

    /**
     * A subject on an nx × ny × nz grid: brain = ellipsoid filling 80 % of the box, channels FLAIR/T1/T2 with
     * Gaussian noise, lesions = balls of radius 2 at the given centres (FLAIR ×1.6, T1 ×0.7, T2 ×1.5).
     */
    static TrainingSubject subject(String id, int nx, int ny, int nz, long seed, int[][] lesionCentres) {
        ImageGeometry g = grid(nx, ny, nz);
        int n = g.voxelCount();
        boolean[] brain = new boolean[n];
        boolean[] lesion = new boolean[n];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double dx = (x - (nx - 1) / 2.0) / (0.4 * nx);
                    double dy = (y - (ny - 1) / 2.0) / (0.4 * ny);
                    double dz = (z - (nz - 1) / 2.0) / (0.4 * nz);
                    int i = g.index(x, y, z);
                    brain[i] = dx * dx + dy * dy + dz * dz <= 1;
                    for (int[] c : lesionCentres) {
                        int ex = x - c[0];
                        int ey = y - c[1];
                        int ez = z - c[2];
                        if (ex * ex + ey * ey + ez * ez <= 4) {
                            lesion[i] = true;
                        }
                    }
                    lesion[i] &= brain[i];
                }
            }
        }
        double[] base = {300, 420, 110};
        double[] ratio = {1.6, 0.7, 1.5};
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ScalarVolume> channels = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                if (brain[i]) {
                    double v = base[c] * (lesion[i] ? ratio[c] : 1) * (1 + 0.05 * rnd.nextGaussian());
                    a[i] = (float) v;
                }
            }
            channels.add(ScalarVolume.of(g, a));
        }
        return new TrainingSubject(id, List.of("FLAIR", "T1", "T2"), channels, Mask.of(g, lesion),
            Mask.of(g, brain));
    }
}

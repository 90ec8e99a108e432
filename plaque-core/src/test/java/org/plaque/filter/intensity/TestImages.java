package org.plaque.filter.intensity;

import java.util.Random;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/** Small seeded images for the intensity tools' tests. */
final class TestImages {
    /** An oblique grid, so that "geometry kept" means more than an identity affine. */
    static final ImageGeometry GRID = ImageGeometry.of(40, 30, 20, Affine.ofRowMajor(
        0.9, 0.1, 0, -20,
        -0.1, 0.9, 0, 15,
        0, 0, 1.5, -12));

    private TestImages() {
    }

    /** Background near 0 outside a sphere; inside, a skewed mixture of two tissues with noise. */
    static ScalarVolume brainLike(long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[GRID.voxelCount()];
        for (int z = 0; z < GRID.nz(); z++) {
            for (int y = 0; y < GRID.ny(); y++) {
                for (int x = 0; x < GRID.nx(); x++) {
                    int i = GRID.index(x, y, z);
                    if (insideSphere(x, y, z)) {
                        double tissue = (x + y) % 7 < 3 ? 300 : 520;
                        v[i] = (float) (tissue + 40 * rnd.nextGaussian() + 0.2 * x * x);
                    } else {
                        v[i] = (float) Math.abs(3 * rnd.nextGaussian());
                    }
                }
            }
        }
        return ScalarVolume.of(GRID, v);
    }

    static Mask sphere() {
        Mask.Builder b = Mask.builder(GRID);
        for (int z = 0; z < GRID.nz(); z++) {
            for (int y = 0; y < GRID.ny(); y++) {
                for (int x = 0; x < GRID.nx(); x++) {
                    b.set(x, y, z, insideSphere(x, y, z));
                }
            }
        }
        return b.build();
    }

    private static boolean insideSphere(int x, int y, int z) {
        double dx = (x - 19.5) / 17;
        double dy = (y - 14.5) / 13;
        double dz = (z - 9.5) / 8.5;
        return dx * dx + dy * dy + dz * dz < 1;
    }
}

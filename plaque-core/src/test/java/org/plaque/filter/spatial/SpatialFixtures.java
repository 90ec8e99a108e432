package org.plaque.filter.spatial;

import java.util.Random;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/** Random grids and volumes for the spatial filter tests. */
final class SpatialFixtures {
    private SpatialFixtures() {
    }

    /** A rotation by {@code degrees} about a random axis (Rodrigues' formula). */
    static double[][] rotation(Random r, double degrees) {
        double ax = r.nextGaussian();
        double ay = r.nextGaussian();
        double az = r.nextGaussian();
        double n = Math.sqrt(ax * ax + ay * ay + az * az);
        ax /= n;
        ay /= n;
        az /= n;
        double t = Math.toRadians(degrees);
        double c = Math.cos(t);
        double s = Math.sin(t);
        double v = 1 - c;
        return new double[][] {
            {c + ax * ax * v, ax * ay * v - az * s, ax * az * v + ay * s},
            {ay * ax * v + az * s, c + ay * ay * v, ay * az * v - ax * s},
            {az * ax * v - ay * s, az * ay * v + ax * s, c + az * az * v}};
    }

    /**
     * A random grid of 2–6 voxels per axis: a random signed axis permutation, zooms in [0.5, 3] mm, then a
     * rotation by at most {@code maxDegrees}, and a random origin.
     */
    static ImageGeometry randomGrid(Random r, double maxDegrees) {
        int[] perm = {0, 1, 2};
        for (int i = 2; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[][] signedPerm = new double[3][3];
        for (int c = 0; c < 3; c++) {
            signedPerm[perm[c]][c] = (r.nextBoolean() ? 1 : -1) * (0.5 + 2.5 * r.nextDouble());
        }
        double[][] rot = rotation(r, maxDegrees * r.nextDouble());
        double[][] lin = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    lin[i][j] += rot[i][k] * signedPerm[k][j];
                }
            }
        }
        double[] origin = {200 * r.nextDouble() - 100, 200 * r.nextDouble() - 100, 200 * r.nextDouble() - 100};
        return ImageGeometry.of(2 + r.nextInt(5), 2 + r.nextInt(5), 2 + r.nextInt(5), Affine.of(lin, origin));
    }

    static ScalarVolume randomScalar(Random r, ImageGeometry g) {
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        float[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian() * 100;
        }
        return b.build();
    }

    static Mask randomMask(Random r, ImageGeometry g) {
        Mask.Builder b = Mask.builder(g);
        boolean[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextBoolean();
        }
        return b.build();
    }

    static LabelVolume randomLabels(Random r, ImageGeometry g) {
        LabelVolume.Builder b = LabelVolume.builder(g);
        int[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(1000);
        }
        return b.build();
    }
}

package org.plaque.registration;

import java.util.function.DoubleUnaryOperator;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;
import org.plaque.registration.transform.EulerTransform;

/**
 * Smooth synthetic "heads" for registration tests: an ellipsoid of soft tissue holding 48 Gaussian blobs of
 * different contrast and size, defined in world coordinates so that a moved copy can be sampled exactly.
 */
public final class SyntheticImages {
    /** Centre x, y, z (mm), sigma (mm), amplitude of 48 blobs at seeded random places inside the head. */
    private static final double[][] BLOBS = blobs(48, 17);

    private static double[][] blobs(int count, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[][] b = new double[count][];
        for (int i = 0; i < count; i++) {
            b[i] = new double[] {r.nextDouble(-22, 22), r.nextDouble(-27, 27), r.nextDouble(-18, 18),
                r.nextDouble(2.5, 6), r.nextDouble(-45, 45)};
        }
        return b;
    }

    private SyntheticImages() {
    }

    /** An axis-aligned grid of n voxels of {@code spacingMm} per axis, centred on the world origin. */
    public static ImageGeometry grid(int nx, int ny, int nz, double spacingMm) {
        return ImageGeometry.axisAligned(nx, ny, nz, new double[] {spacingMm, spacingMm, spacingMm},
            new double[] {-(nx - 1) * spacingMm / 2, -(ny - 1) * spacingMm / 2, -(nz - 1) * spacingMm / 2});
    }

    /** The phantom intensity at world point (x, y, z). */
    public static double intensity(double x, double y, double z) {
        double e = (x * x) / (30.0 * 30) + (y * y) / (36.0 * 36) + (z * z) / (26.0 * 26);
        double v = 100 / (1 + Math.exp((e - 1) * 12));
        for (double[] b : BLOBS) {
            double dx = x - b[0];
            double dy = y - b[1];
            double dz = z - b[2];
            v += b[4] * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * b[3] * b[3]));
        }
        return v;
    }

    /** The phantom on {@code g}. */
    public static ScalarVolume phantom(ImageGeometry g) {
        return moved(g, Affine.identity(), DoubleUnaryOperator.identity());
    }

    /**
     * The phantom seen through {@code fixedToMoving}: voxel at world y shows the phantom at
     * fixedToMoving⁻¹(y), with its intensity passed through {@code contrast}. Registering the phantom (fixed)
     * with this image (moving) should recover {@code fixedToMoving}.
     */
    public static ScalarVolume moved(ImageGeometry g, Affine fixedToMoving, DoubleUnaryOperator contrast) {
        Affine inv = fixedToMoving.inverse();
        Affine v2w = g.voxelToWorld();
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        float[] a = b.array();
        double[] w = new double[3];
        double[] p = new double[3];
        for (int k = 0, i = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int x = 0; x < g.nx(); x++, i++) {
                    v2w.apply(x, j, k, w);
                    inv.apply(w[0], w[1], w[2], p);
                    a[i] = (float) contrast.applyAsDouble(intensity(p[0], p[1], p[2]));
                }
            }
        }
        return b.build();
    }

    /** A rotation by angles (rad) about x, y, z (R = Rz·Rx·Ry) about {@code centre}, then a shift (mm). */
    public static Affine rigid(double ax, double ay, double az, double[] shift, double[] centre) {
        return EulerTransform.of(centre, new double[] {ax, ay, az}, shift).toAffine();
    }

    /** Mean distance between the images of the given points under a and b (mm). */
    public static double meanDistance(Affine a, Affine b, double[] xyz) {
        double s = 0;
        double[] p = new double[3];
        double[] q = new double[3];
        int n = xyz.length / 3;
        for (int i = 0; i < n; i++) {
            a.apply(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], p);
            b.apply(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], q);
            s += Math.sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) + (p[2] - q[2]) * (p[2] - q[2]));
        }
        return s / n;
    }
}

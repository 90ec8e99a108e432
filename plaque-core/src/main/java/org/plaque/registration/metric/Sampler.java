package org.plaque.registration.metric;

import java.util.SplittableRandom;
import org.plaque.InvalidInputException;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Chooses the fixed-image points a metric is evaluated on ({@link SamplingStrategy}). Jittered and random
 * points take the fixed intensity by trilinear interpolation; points outside the fixed mask (nearest voxel)
 * are left out. The same image, mask, parameters and seed always give the same points.
 */
public final class Sampler {
    private Sampler() {
    }

    /**
     * Samples {@code fixed}.
     *
     * @param fixedMask restricts the points (nearest voxel, any grid); null for no mask
     * @param seed      drives the jitter and the random positions
     * @throws InvalidInputException if no point lies inside the mask
     */
    public static SamplePoints sample(ScalarVolume fixed, Mask fixedMask, SamplingParams params, long seed) {
        float[] data = fixed.toArray();
        int nx = fixed.geometry().nx();
        int ny = fixed.geometry().ny();
        int nz = fixed.geometry().nz();
        double[] v2w = fixed.geometry().voxelToWorld().toRowMajor();
        MaskLookup mask = MaskLookup.of(fixedMask);
        PointBuffer out = new PointBuffer(params.strategy() == SamplingStrategy.RANDOM ? params.count() : 1024);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = new double[3];
        switch (params.strategy()) {
            case ALL -> {
                for (int k = 0, i = 0; k < nz; k++) {
                    for (int j = 0; j < ny; j++) {
                        for (int x = 0; x < nx; x++, i++) {
                            world(v2w, x, j, k, w);
                            if (mask == null || mask.contains(w[0], w[1], w[2])) {
                                out.add(w, data[i]);
                            }
                        }
                    }
                }
            }
            case REGULAR -> {
                long step = (long) Math.ceil(1.0 / params.fraction());
                long total = (long) nx * ny * nz;
                for (long i = 0; i < total; i += step) {
                    int x = (int) (i % nx);
                    int j = (int) ((i / nx) % ny);
                    int k = (int) (i / ((long) nx * ny));
                    // a third of a voxel, as ITK's REGULAR sampling (it uses a third of the spacing per world axis)
                    double cx = clamp(x + rnd.nextGaussian() / 3.0, nx);
                    double cy = clamp(j + rnd.nextGaussian() / 3.0, ny);
                    double cz = clamp(k + rnd.nextGaussian() / 3.0, nz);
                    world(v2w, cx, cy, cz, w);
                    if (mask == null || mask.contains(w[0], w[1], w[2])) {
                        out.add(w, Trilinear.value(data, nx, ny, nz, cx, cy, cz));
                    }
                }
            }
            case RANDOM -> {
                long attempts = 0;
                long maxAttempts = 100L * params.count();
                while (out.size < params.count() && attempts < maxAttempts) {
                    attempts++;
                    double cx = rnd.nextDouble() * (nx - 1);
                    double cy = rnd.nextDouble() * (ny - 1);
                    double cz = rnd.nextDouble() * (nz - 1);
                    world(v2w, cx, cy, cz, w);
                    if (mask == null || mask.contains(w[0], w[1], w[2])) {
                        out.add(w, Trilinear.value(data, nx, ny, nz, cx, cy, cz));
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        if (out.size == 0) {
            throw new InvalidInputException("the fixed mask leaves no fixed-image voxel to register");
        }
        return out.build();
    }

    private static double clamp(double c, int n) {
        return c < 0 ? 0 : (c > n - 1 ? n - 1 : c);
    }

    private static void world(double[] m, double x, double y, double z, double[] out) {
        out[0] = m[0] * x + m[1] * y + m[2] * z + m[3];
        out[1] = m[4] * x + m[5] * y + m[6] * z + m[7];
        out[2] = m[8] * x + m[9] * y + m[10] * z + m[11];
    }


    /** A growable list of points. */
    private static final class PointBuffer {
        double[] xyz;
        float[] values;
        int size;

        PointBuffer(int capacity) {
            xyz = new double[3 * capacity];
            values = new float[capacity];
        }

        void add(double[] w, float value) {
            if (size == values.length) {
                int cap = values.length * 2;
                xyz = java.util.Arrays.copyOf(xyz, 3 * cap);
                values = java.util.Arrays.copyOf(values, cap);
            }
            xyz[3 * size] = w[0];
            xyz[3 * size + 1] = w[1];
            xyz[3 * size + 2] = w[2];
            values[size++] = value;
        }

        SamplePoints build() {
            return new SamplePoints(java.util.Arrays.copyOf(xyz, 3 * size), java.util.Arrays.copyOf(values, size));
        }
    }
}

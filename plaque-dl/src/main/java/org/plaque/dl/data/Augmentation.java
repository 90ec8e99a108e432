package org.plaque.dl.data;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Random data augmentation of a training {@link Patch}: flips, a small affine, an elastic deformation, and
 * the intensity changes gamma, multiplicative bias field and Gaussian noise.
 *
 * <p><b>Spatial</b> (image and label together, so they stay aligned): every axis is flipped with probability
 * 0.5 (z only for 3-D patches); with probability {@link Config#probability()} a rotation of up to
 * ±{@code maxRotationDeg} about each axis (about z only for 2-D patches, D = 1) and an isotropic scaling by
 * 1 ± {@code maxScale} about the patch centre; with the same probability an elastic deformation whose
 * displacement is drawn as N(0, {@code elasticMagnitudeVoxels}²) per component (clamped to ±2.5 SD) on a
 * control grid every {@code elasticGridVoxels} voxels and trilinearly interpolated between them, a smooth
 * field of a few voxels (mm on the 1 mm training grids). The resampling is inverse mapping with trilinear
 * interpolation for the image channels and for the label, which is then thresholded at 0.5; points mapped
 * from outside the patch read 0 (the normalised background), so rotated corners are background.
 *
 * <p><b>Intensity</b> (image channels only, each channel drawn separately, each with probability
 * {@code probability}): gamma — the channel is rescaled to [0, 1] with its patch minimum and maximum, raised
 * to γ (half the time from [{@code gammaMin}, 1], half from [1, {@code gammaMax}]) and mapped back to the same
 * range; bias — multiplied about its patch minimum m ({@code m + (v − m)·b}) by a smooth positive field
 * {@code b = exp(f_x(x) + f_y(y) + f_z(z))} with random quadratic {@code f}s scaled so that |log b| ≤ a random
 * amplitude in [0, {@code maxBiasAmplitude}]; noise — added N(0, σ²) with σ uniform in
 * [0, {@code maxNoiseSd}] (units of the normalised intensity).
 *
 * <p>Deterministic: the same patch, configuration and random state give the same result. Inputs are not
 * modified. A 64³ patch with three channels takes a few tens of milliseconds.
 */
public final class Augmentation {
    private final Config config;

    /**
     * What to apply. Defaults ({@link #DEFAULTS}): everything on, rotation ±10°, scale ±10 %, elastic SD 2
     * voxels on an 8-voxel control grid, γ in [0.7, 1.5], noise SD up to 0.1, bias amplitude up to 0.3, each
     * non-flip transform applied with probability 0.5.
     *
     * @param flips                  random flips per axis
     * @param affine                 random rotation and scaling
     * @param maxRotationDeg         largest rotation about each axis, degrees, ≥ 0
     * @param maxScale               largest relative scale change, in [0, 0.5]
     * @param elastic                random elastic deformation
     * @param elasticMagnitudeVoxels SD of the control-point displacement, voxels, ≥ 0
     * @param elasticGridVoxels      control-point spacing, voxels, ≥ 2
     * @param gamma                  random gamma
     * @param gammaMin               smallest γ, in (0, 1]
     * @param gammaMax               largest γ, ≥ 1
     * @param noise                  additive Gaussian noise
     * @param maxNoiseSd             largest noise SD (normalised units), ≥ 0
     * @param biasField              smooth multiplicative bias field
     * @param maxBiasAmplitude       largest |log b|, ≥ 0
     * @param probability            chance that each enabled non-flip transform is applied, in [0, 1]
     */
    public record Config(boolean flips, boolean affine, double maxRotationDeg, double maxScale, boolean elastic,
                         double elasticMagnitudeVoxels, int elasticGridVoxels, boolean gamma, double gammaMin,
                         double gammaMax, boolean noise, double maxNoiseSd, boolean biasField,
                         double maxBiasAmplitude, double probability) {
        /** Everything on, with the defaults listed in the record comment. */
        public static final Config DEFAULTS = new Config(true, true, 10, 0.10, true, 2.0, 8, true, 0.7, 1.5, true,
            0.1, true, 0.3, 0.5);
        /** Nothing on: {@link #apply} returns an equal copy. */
        public static final Config NONE = DEFAULTS.withFlips(false).withAffine(false).withElastic(false)
            .withGamma(false).withNoise(false).withBiasField(false);

        /** @throws IllegalArgumentException for a parameter out of its range */
        public Config {
            require(maxRotationDeg >= 0 && maxRotationDeg <= 180, "maxRotationDeg", maxRotationDeg);
            require(maxScale >= 0 && maxScale <= 0.5, "maxScale", maxScale);
            require(elasticMagnitudeVoxels >= 0 && Double.isFinite(elasticMagnitudeVoxels),
                "elasticMagnitudeVoxels", elasticMagnitudeVoxels);
            require(elasticGridVoxels >= 2, "elasticGridVoxels", elasticGridVoxels);
            require(gammaMin > 0 && gammaMin <= 1, "gammaMin", gammaMin);
            require(gammaMax >= 1 && Double.isFinite(gammaMax), "gammaMax", gammaMax);
            require(maxNoiseSd >= 0 && Double.isFinite(maxNoiseSd), "maxNoiseSd", maxNoiseSd);
            require(maxBiasAmplitude >= 0 && maxBiasAmplitude <= 3, "maxBiasAmplitude", maxBiasAmplitude);
            require(probability >= 0 && probability <= 1, "probability", probability);
        }

        private static void require(boolean ok, String what, double value) {
            if (!ok) {
                throw new IllegalArgumentException("augmentation " + what + " out of range: " + value);
            }
        }

        public Config withFlips(boolean on) {
            return new Config(on, affine, maxRotationDeg, maxScale, elastic, elasticMagnitudeVoxels,
                elasticGridVoxels, gamma, gammaMin, gammaMax, noise, maxNoiseSd, biasField, maxBiasAmplitude,
                probability);
        }

        public Config withAffine(boolean on) {
            return new Config(flips, on, maxRotationDeg, maxScale, elastic, elasticMagnitudeVoxels,
                elasticGridVoxels, gamma, gammaMin, gammaMax, noise, maxNoiseSd, biasField, maxBiasAmplitude,
                probability);
        }

        public Config withElastic(boolean on) {
            return new Config(flips, affine, maxRotationDeg, maxScale, on, elasticMagnitudeVoxels,
                elasticGridVoxels, gamma, gammaMin, gammaMax, noise, maxNoiseSd, biasField, maxBiasAmplitude,
                probability);
        }

        public Config withGamma(boolean on) {
            return new Config(flips, affine, maxRotationDeg, maxScale, elastic, elasticMagnitudeVoxels,
                elasticGridVoxels, on, gammaMin, gammaMax, noise, maxNoiseSd, biasField, maxBiasAmplitude,
                probability);
        }

        public Config withNoise(boolean on) {
            return new Config(flips, affine, maxRotationDeg, maxScale, elastic, elasticMagnitudeVoxels,
                elasticGridVoxels, gamma, gammaMin, gammaMax, on, maxNoiseSd, biasField, maxBiasAmplitude,
                probability);
        }

        public Config withBiasField(boolean on) {
            return new Config(flips, affine, maxRotationDeg, maxScale, elastic, elasticMagnitudeVoxels,
                elasticGridVoxels, gamma, gammaMin, gammaMax, noise, maxNoiseSd, on, maxBiasAmplitude,
                probability);
        }

        /** The same configuration with another per-transform probability. */
        public Config withProbability(double p) {
            return new Config(flips, affine, maxRotationDeg, maxScale, elastic, elasticMagnitudeVoxels,
                elasticGridVoxels, gamma, gammaMin, gammaMax, noise, maxNoiseSd, biasField, maxBiasAmplitude, p);
        }
    }

    /** An augmentation with {@code config}. */
    public Augmentation(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** An augmentation with {@link Config#DEFAULTS}. */
    public static Augmentation withDefaults() {
        return new Augmentation(Config.DEFAULTS);
    }

    public Config config() {
        return config;
    }

    /** A new, randomly augmented patch; {@code patch} is unchanged. */
    public Patch apply(Patch patch, SplittableRandom rnd) {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(rnd, "rnd");
        int[] sh = patch.shape();
        boolean planar = sh[0] == 1;
        float[] image = patch.image().clone();
        float[] label = patch.label().clone();
        int channels = patch.channels();

        // Spatial: draw everything first, in a fixed order, then resample once.
        double[] m = null;
        if (config.affine() && rnd.nextDouble() < config.probability()) {
            m = affineMatrix(planar, rnd);
        }
        float[][] grid = null;
        if (config.elastic() && config.elasticMagnitudeVoxels() > 0 && rnd.nextDouble() < config.probability()) {
            grid = controlGrid(sh, planar, rnd);
        }
        if (m != null || grid != null) {
            float[][] out = Resampling.warp(image, label, channels, sh, m, grid, config.elasticGridVoxels());
            image = out[0];
            label = out[1];
        }
        if (config.flips()) {
            for (int axis = planar ? 1 : 0; axis < 3; axis++) {
                if (rnd.nextBoolean()) {
                    flip(image, channels, sh, axis);
                    flip(label, 1, sh, axis);
                }
            }
        }
        int vox = sh[0] * sh[1] * sh[2];
        for (int c = 0; c < channels; c++) {
            int off = c * vox;
            if (config.gamma() && rnd.nextDouble() < config.probability()) {
                double g = rnd.nextBoolean() ? config.gammaMin() + rnd.nextDouble() * (1 - config.gammaMin())
                    : 1 + rnd.nextDouble() * (config.gammaMax() - 1);
                gamma(image, off, vox, g);
            }
            if (config.biasField() && config.maxBiasAmplitude() > 0 && rnd.nextDouble() < config.probability()) {
                bias(image, off, sh, rnd.nextDouble() * config.maxBiasAmplitude(), rnd);
            }
            if (config.noise() && config.maxNoiseSd() > 0 && rnd.nextDouble() < config.probability()) {
                double sd = rnd.nextDouble() * config.maxNoiseSd();
                for (int i = off; i < off + vox; i++) {
                    image[i] += (float) (sd * rnd.nextGaussian());
                }
            }
        }
        return new Patch(image, label, channels, sh);
    }

    /** Row-major 3×3 matrix (x, y, z) = rotation / scale, mapping output offsets to source offsets. */
    private double[] affineMatrix(boolean planar, SplittableRandom rnd) {
        double max = Math.toRadians(config.maxRotationDeg());
        double az = (2 * rnd.nextDouble() - 1) * max;
        double ay = planar ? 0 : (2 * rnd.nextDouble() - 1) * max;
        double ax = planar ? 0 : (2 * rnd.nextDouble() - 1) * max;
        double s = 1 + (2 * rnd.nextDouble() - 1) * config.maxScale();
        double[] rz = {Math.cos(az), -Math.sin(az), 0, Math.sin(az), Math.cos(az), 0, 0, 0, 1};
        double[] ry = {Math.cos(ay), 0, Math.sin(ay), 0, 1, 0, -Math.sin(ay), 0, Math.cos(ay)};
        double[] rx = {1, 0, 0, 0, Math.cos(ax), -Math.sin(ax), 0, Math.sin(ax), Math.cos(ax)};
        double[] r = mul(rz, mul(ry, rx));
        for (int i = 0; i < 9; i++) {
            r[i] /= s;
        }
        return r;
    }

    private static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return c;
    }

    /** Control-point displacements {dx, dy, dz}, each on a (gz, gy, gx) grid, x fastest. */
    private float[][] controlGrid(int[] sh, boolean planar, SplittableRandom rnd) {
        int step = config.elasticGridVoxels();
        int gz = planar ? 1 : (sh[0] - 1) / step + 2;
        int gy = (sh[1] - 1) / step + 2;
        int gx = (sh[2] - 1) / step + 2;
        int n = gx * gy * gz;
        double sd = config.elasticMagnitudeVoxels();
        float[][] d = new float[3][n];
        for (int comp = 0; comp < 3; comp++) {
            if (planar && comp == 2) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double v = Math.max(-2.5, Math.min(2.5, rnd.nextGaussian()));
                d[comp][i] = (float) (sd * v);
            }
        }
        return d;
    }

    /** Reverses {@code a} (channels × shape) along axis 0 = z, 1 = y, 2 = x. */
    static void flip(float[] a, int channels, int[] sh, int axis) {
        int d = sh[0];
        int h = sh[1];
        int w = sh[2];
        int vox = d * h * w;
        for (int c = 0; c < channels; c++) {
            int off = c * vox;
            if (axis == 2) {
                for (int row = 0; row < d * h; row++) {
                    int base = off + row * w;
                    for (int i = 0, j = w - 1; i < j; i++, j--) {
                        float t = a[base + i];
                        a[base + i] = a[base + j];
                        a[base + j] = t;
                    }
                }
            } else if (axis == 1) {
                for (int z = 0; z < d; z++) {
                    for (int i = 0, j = h - 1; i < j; i++, j--) {
                        swapRows(a, off + w * (i + h * z), off + w * (j + h * z), w);
                    }
                }
            } else {
                for (int i = 0, j = d - 1; i < j; i++, j--) {
                    swapRows(a, off + w * h * i, off + w * h * j, w * h);
                }
            }
        }
    }

    private static void swapRows(float[] a, int p, int q, int len) {
        for (int k = 0; k < len; k++) {
            float t = a[p + k];
            a[p + k] = a[q + k];
            a[q + k] = t;
        }
    }

    private static void gamma(float[] a, int off, int vox, double g) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + vox; i++) {
            min = Math.min(min, a[i]);
            max = Math.max(max, a[i]);
        }
        double range = (double) max - min;
        if (!(range > 0)) {
            return;
        }
        for (int i = off; i < off + vox; i++) {
            double u = (a[i] - min) / range;
            a[i] = (float) (min + range * Math.pow(u, g));
        }
    }

    private static void bias(float[] a, int off, int[] sh, double amplitude, SplittableRandom rnd) {
        double[][] f = new double[3][];
        double total = 0;
        for (int axis = 0; axis < 3; axis++) {
            int n = sh[axis];
            double lin = 2 * rnd.nextDouble() - 1;
            double quad = 2 * rnd.nextDouble() - 1;
            f[axis] = new double[n];
            double peak = 0;
            for (int i = 0; i < n; i++) {
                double u = n == 1 ? 0 : 2.0 * i / (n - 1) - 1;
                f[axis][i] = lin * u + quad * (u * u - 1.0 / 3);
                peak = Math.max(peak, Math.abs(f[axis][i]));
            }
            total += peak;
        }
        if (!(total > 0)) {
            return;
        }
        double scale = amplitude / total;
        float[][] e = new float[3][];
        for (int axis = 0; axis < 3; axis++) {
            e[axis] = new float[sh[axis]];
            for (int i = 0; i < sh[axis]; i++) {
                e[axis][i] = (float) Math.exp(scale * f[axis][i]);
            }
        }
        int vox = sh[0] * sh[1] * sh[2];
        float min = Float.POSITIVE_INFINITY;
        for (int i = off; i < off + vox; i++) {
            min = Math.min(min, a[i]);
        }
        int i = off;
        for (int z = 0; z < sh[0]; z++) {
            for (int y = 0; y < sh[1]; y++) {
                float zy = e[0][z] * e[1][y];
                for (int x = 0; x < sh[2]; x++, i++) {
                    a[i] = min + (a[i] - min) * zy * e[2][x];
                }
            }
        }
    }
}

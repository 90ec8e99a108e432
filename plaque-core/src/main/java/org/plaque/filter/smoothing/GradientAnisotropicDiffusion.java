package org.plaque.filter.smoothing;

import org.plaque.exec.ExecutionContext;
import org.plaque.image.ScalarVolume;

/**
 * Perona–Malik anisotropic diffusion with the exponential conductance, reproducing ITK 5.2's
 * {@code GradientAnisotropicDiffusionImageFilter} (Perona &amp; Malik 1990, doi:10.1109/34.56205).
 *
 * <p>Each of {@code iterations} explicit steps of size {@code timeStep} moves intensity across every voxel
 * face by {@code g · exp(−|∇u|² / (2 K²))}, where g is the difference across the face per mm and |∇u|² is
 * estimated at the face from the half-voxel difference and the central differences of both voxels along
 * the other two axes. The conductance is relative, as in ITK: {@code K² = conductance² · mean |∇u|²}, the
 * mean taken over the whole current image and recomputed at every iteration; so a conductance of 1
 * preserves edges steeper than the image's average gradient. Derivatives are in mm (ITK's
 * {@code UseImageSpacing}), boundaries are zero-flux (Neumann).
 *
 * <p>The explicit scheme is conservatively stable for {@code timeStep ≤ min(spacing) / 2⁴} (0.0625 at
 * 1 mm). Above that bound the filter runs anyway, like ITK, and reports one warning in the result.
 *
 * <p>Output equals ITK's to float rounding (the only differences come from the {@code exp} implementation
 * and summation order of the mean gradient). Work is split over slabs of slices; the output is
 * bit-identical for every thread count. Memory: two float copies of the image plus a few slices per thread.
 */
public final class GradientAnisotropicDiffusion implements Denoiser {
    private final Params params;

    /**
     * Settings of the filter.
     *
     * @param iterations  number of explicit steps, ≥ 0 (0 returns a copy of the input)
     * @param conductance conductance relative to the mean gradient magnitude, finite and &gt; 0; larger
     *                    values smooth across stronger edges
     * @param timeStep    step size per iteration (mm², since derivatives are per mm), finite and &gt; 0
     */
    public record Params(int iterations, double conductance, double timeStep) {
        /**
         * ITK's documented example settings, also the {@code plaque denoise --method anisotropic} defaults:
         * 10 iterations, conductance 1.0, time step 0.0625 (the stability limit at 1 mm).
         */
        public static final Params DEFAULTS = new Params(10, 1.0, 0.0625);

        /** @throws IllegalArgumentException if a value is out of range */
        public Params {
            requireDiffusionParams(iterations, conductance, timeStep);
        }

        static void requireDiffusionParams(int iterations, double conductance, double timeStep) {
            if (iterations < 0) {
                throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
            }
            if (!(conductance > 0) || !Double.isFinite(conductance)) {
                throw new IllegalArgumentException("conductance must be finite and > 0, got " + conductance);
            }
            if (!(timeStep > 0) || !Double.isFinite(timeStep)) {
                throw new IllegalArgumentException("time step must be finite and > 0, got " + timeStep);
            }
        }
    }

    /** A filter with the given settings. */
    public GradientAnisotropicDiffusion(Params params) {
        this.params = java.util.Objects.requireNonNull(params, "params");
    }

    /** A filter with {@link Params#DEFAULTS}. */
    public static GradientAnisotropicDiffusion withDefaults() {
        return new GradientAnisotropicDiffusion(Params.DEFAULTS);
    }

    public Params params() {
        return params;
    }

    @Override
    public String name() {
        return "anisotropic";
    }

    /**
     * The stability limit of the explicit scheme on this grid, {@code min(spacing) / 2⁴}: larger time steps
     * produce a warning.
     */
    public static double stableTimeStep(org.plaque.geom.ImageGeometry geometry) {
        return DiffusionEngine.stableTimeStep(geometry);
    }

    @Override
    public Filtered run(ScalarVolume input, ExecutionContext ctx) {
        float[] out = DiffusionEngine.diffuse(DiffusionEngine.Scheme.GRADIENT, input, params.iterations(),
            params.conductance(), params.timeStep(), ctx, "anisotropic diffusion");
        return new Filtered(ScalarVolume.of(input.geometry(), out),
            DiffusionEngine.warnings(DiffusionEngine.Scheme.GRADIENT, input.geometry(), params.timeStep()));
    }
}

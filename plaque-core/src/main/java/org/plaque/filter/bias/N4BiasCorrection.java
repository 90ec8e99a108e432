package org.plaque.filter.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.intensity.OtsuThreshold;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * N4 bias-field correction (Tustison et al. 2010, doi:10.1109/TMI.2010.2046908): estimates a smooth
 * multiplicative intensity non-uniformity and divides it out.
 *
 * <p>The recipe is the ITK 5.2 one of the project's N4 yardstick ({@code peers/itk/n4.cxx}), so results can be
 * compared voxel by voxel:
 * <ol>
 *   <li>Mask: the given one, else Otsu's foreground with 200 bins ({@link OtsuThreshold}). Voxels whose intensity
 *       is not positive and finite are left out of the fit (their logarithm does not exist; ITK would fit them
 *       with log value 0 instead).</li>
 *   <li>Image and mask are subsampled by {@code shrinkFactor} on every axis, picking one voxel per block (ITK's
 *       {@code ShrinkImageFilter}: ⌊n/f⌋ voxels, centred on the full grid; where centring needs half a voxel the
 *       upper one is taken, whereas ITK's choice there depends on floating-point noise in its geometry).</li>
 *   <li>On the log intensities of the shrunk masked voxels, per fitting level up to {@code maximumIterations[level]}
 *       iterations of: sharpen the histogram by Wiener deconvolution of a Gaussian ({@code biasFieldFwhm},
 *       {@code wienerNoise}, {@code histogramBins}); fit a cubic B-spline to the residual (uncorrected − sharpened)
 *       by one level of Lee–Wolberg–Shin scattered-data approximation (doi:10.1109/2945.620490) and add it to the
 *       log-field lattice; stop the level once the coefficient of variation of exp(old − new log field) over the
 *       mask is at most {@code convergenceThreshold}. Between levels the control-point lattice is refined to twice
 *       the spans per axis.</li>
 *   <li>Lattice: per axis spans = max(1, ⌈(n − 1)·spacing / splineDistanceMm⌉) of the full-resolution grid, no
 *       padding, spans + 3 control points at the first level.</li>
 *   <li>The log field is evaluated from the final lattice on the full-resolution grid (the lattice's domain, the
 *       shrunk grid's first-to-last voxel span, stretched onto the full grid's, as ITK's and ANTs' examples do);
 *       bias = exp(log field) and corrected = input / bias at every voxel.</li>
 * </ol>
 *
 * <p>Deterministic: every sum is taken in a fixed order, so 1 and N threads give identical output. The input is
 * never modified; outputs share its grid. Progress is reported per iteration as stage "N4 bias correction".
 */
public final class N4BiasCorrection {
    /** Spline order of the log field (cubic, as ITK's default and the yardstick). */
    public static final int SPLINE_ORDER = 3;

    /**
     * Settings of N4.
     *
     * @param shrinkFactor          subsampling factor per axis for the fit, ≥ 1; default 4
     * @param maximumIterations     maximum iterations per fitting level, one entry per level (lattice doubles at
     *                              each level), each ≥ 0; default 50, 50, 50, 50
     * @param convergenceThreshold  a level stops when the coefficient of variation of the field update over the
     *                              mask is at most this, ≥ 0; default 0.001
     * @param splineDistanceMm      B-spline span length that sets the first level's lattice, mm, &gt; 0; default 200
     * @param histogramBins         bins of the log-intensity histogram, ≥ 2; default 200
     * @param biasFieldFwhm         FWHM of the Gaussian that models the bias blur, log-intensity units, &gt; 0;
     *                              default 0.15
     * @param wienerNoise           Wiener filter noise term, ≥ 0; default 0.01
     */
    public record Params(int shrinkFactor, List<Integer> maximumIterations, double convergenceThreshold,
                         double splineDistanceMm, int histogramBins, double biasFieldFwhm, double wienerNoise) {
        /** ITK's and the yardstick's defaults: 4, 50x50x50x50, 0.001, 200 mm, 200 bins, FWHM 0.15, noise 0.01. */
        public static final Params DEFAULTS = new Params(4, List.of(50, 50, 50, 50), 0.001, 200.0, 200, 0.15, 0.01);

        public Params {
            if (shrinkFactor < 1) {
                throw new IllegalArgumentException("shrink factor must be >= 1, got " + shrinkFactor);
            }
            Objects.requireNonNull(maximumIterations, "maximumIterations");
            if (maximumIterations.isEmpty()) {
                throw new IllegalArgumentException("at least one fitting level is needed");
            }
            for (Integer it : maximumIterations) {
                if (it == null || it < 0) {
                    throw new IllegalArgumentException("iterations per level must be >= 0, got " + maximumIterations);
                }
            }
            maximumIterations = List.copyOf(maximumIterations);
            if (!(convergenceThreshold >= 0) || !Double.isFinite(convergenceThreshold)) {
                throw new IllegalArgumentException("convergence threshold must be >= 0, got " + convergenceThreshold);
            }
            if (!(splineDistanceMm > 0) || !Double.isFinite(splineDistanceMm)) {
                throw new IllegalArgumentException("spline distance must be > 0 mm, got " + splineDistanceMm);
            }
            if (histogramBins < 2) {
                throw new IllegalArgumentException("histogram bins must be >= 2, got " + histogramBins);
            }
            if (!(biasFieldFwhm > 0) || !Double.isFinite(biasFieldFwhm)) {
                throw new IllegalArgumentException("bias field FWHM must be > 0, got " + biasFieldFwhm);
            }
            if (!(wienerNoise >= 0) || !Double.isFinite(wienerNoise)) {
                throw new IllegalArgumentException("Wiener noise must be >= 0, got " + wienerNoise);
            }
        }

        public Params withShrinkFactor(int value) {
            return new Params(value, maximumIterations, convergenceThreshold, splineDistanceMm, histogramBins,
                biasFieldFwhm, wienerNoise);
        }

        public Params withMaximumIterations(List<Integer> value) {
            return new Params(shrinkFactor, value, convergenceThreshold, splineDistanceMm, histogramBins,
                biasFieldFwhm, wienerNoise);
        }

        public Params withConvergenceThreshold(double value) {
            return new Params(shrinkFactor, maximumIterations, value, splineDistanceMm, histogramBins,
                biasFieldFwhm, wienerNoise);
        }

        public Params withSplineDistanceMm(double value) {
            return new Params(shrinkFactor, maximumIterations, convergenceThreshold, value, histogramBins,
                biasFieldFwhm, wienerNoise);
        }
    }

    /**
     * What N4 produced.
     *
     * @param corrected          input / bias, on the input's grid
     * @param biasField          the multiplicative bias field (exp of the fitted log field), on the input's grid
     * @param iterationsPerLevel iterations run at each fitting level
     * @param finalConvergence   the convergence measure after the last iteration (coefficient of variation of the
     *                           last field update over the mask; NaN if no iteration ran)
     */
    public record Result(ScalarVolume corrected, ScalarVolume biasField, List<Integer> iterationsPerLevel,
                         double finalConvergence) {
        public Result {
            iterationsPerLevel = List.copyOf(iterationsPerLevel);
        }
    }

    private static final String STAGE = "N4 bias correction";

    private final Params params;

    public N4BiasCorrection(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** N4 with {@link Params#DEFAULTS}. */
    public static N4BiasCorrection withDefaults() {
        return new N4BiasCorrection(Params.DEFAULTS);
    }

    public Params params() {
        return params;
    }

    /** Corrects {@code image} inside its Otsu foreground (200 bins). */
    public Result apply(ScalarVolume image, ExecutionContext ctx) {
        return apply(image, null, ctx);
    }

    /**
     * Corrects {@code image}, fitting the field inside {@code mask} (Otsu's foreground when null).
     *
     * @throws InvalidInputException if the mask is on another grid, or no masked voxel with a positive intensity
     *                               is left after shrinking
     */
    public Result apply(ScalarVolume image, Mask mask, ExecutionContext ctx) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(ctx, "ctx");
        ImageGeometry geom = image.geometry();
        if (mask == null) {
            mask = OtsuThreshold.withDefaults().foreground(image, ctx);
        } else {
            geom.requireSameGrid(mask.geometry(), Tolerance.DEFAULT, "N4 mask");
        }
        int[] controlPoints = controlPoints(geom, params.splineDistanceMm());

        Shrunk s = shrink(image, mask, params.shrinkFactor());
        int nIn = s.maskedIndices.length;
        if (nIn == 0) {
            throw new InvalidInputException("N4: the mask holds no voxel with a positive intensity"
                + (params.shrinkFactor() > 1 ? " after shrinking by " + params.shrinkFactor() : ""));
        }
        int n = s.values.length;
        double[] logInput = new double[n];
        for (int i : s.maskedIndices) {
            logInput[i] = Math.log(s.values[i]);
        }
        double[] logUncorrected = logInput.clone();
        double[] logSharpened = new double[n];
        double[] residual = new double[n];
        double[] logBias = new double[n];

        HistogramSharpener sharpener =
            new HistogramSharpener(params.histogramBins(), params.biasFieldFwhm(), params.wienerNoise());
        List<Integer> maxIters = params.maximumIterations();
        int levels = maxIters.size();
        List<Integer> done = new ArrayList<>(levels);
        double convergence = Double.NaN;
        ControlPointLattice lattice = null;
        int cx = controlPoints[0];
        int cy = controlPoints[1];
        int cz = controlPoints[2];

        for (int level = 0; level < levels; level++) {
            AxisBasis[] bases = {
                new AxisBasis(s.nx, cx - SPLINE_ORDER),
                new AxisBasis(s.ny, cy - SPLINE_ORDER),
                new AxisBasis(s.nz, cz - SPLINE_ORDER)};
            int iterations = 0;
            double levelConvergence = Double.MAX_VALUE;
            int max = maxIters.get(level);
            while (iterations < max && levelConvergence > params.convergenceThreshold()) {
                ctx.checkCancelled();
                iterations++;
                sharpener.sharpen(logUncorrected, s.maskedIndices, logSharpened);
                for (int i : s.maskedIndices) {
                    residual[i] = logUncorrected[i] - logSharpened[i];
                }
                ControlPointLattice update = BSplineFitter.fit(residual, s.mask, bases, ctx);
                lattice = lattice == null ? update : lattice.plus(update);
                double[] newLogBias = lattice.evaluate(bases, ctx);
                levelConvergence = coefficientOfVariation(logBias, newLogBias, s.maskedIndices);
                logBias = newLogBias;
                for (int i : s.maskedIndices) {
                    logUncorrected[i] = logInput[i] - logBias[i];
                }
                convergence = levelConvergence;
                ctx.progress().update(STAGE, (level + (double) iterations / Math.max(1, max)) / levels);
            }
            done.add(iterations);
            if (lattice == null) {
                lattice = ControlPointLattice.zeros(cx, cy, cz);
            }
            if (level < levels - 1) {
                lattice = lattice.refined();
                cx = lattice.cx;
                cy = lattice.cy;
                cz = lattice.cz;
            }
        }

        ScalarVolume[] out = reconstruct(image, lattice, ctx);
        ctx.progress().update(STAGE, 1.0);
        return new Result(out[0], out[1], done, convergence);
    }

    /**
     * Control points per axis at the first level: max(1, ⌈(n − 1)·spacing / distance⌉) spans + 3, from the
     * full-resolution grid.
     */
    static int[] controlPoints(ImageGeometry geom, double splineDistanceMm) {
        int[] size = geom.size();
        double[] spacing = geom.spacingMm();
        int[] cp = new int[3];
        for (int d = 0; d < 3; d++) {
            double domainMm = (size[d] - 1) * spacing[d];
            int spans = Math.max(1, (int) Math.ceil(domainMm / splineDistanceMm));
            cp[d] = spans + SPLINE_ORDER;
        }
        return cp;
    }

    /** The image and mask subsampled by {@code f}, with the masked voxels whose intensity is positive. */
    private record Shrunk(int nx, int ny, int nz, float[] values, boolean[] mask, int[] maskedIndices) {
    }

    private static Shrunk shrink(ScalarVolume image, Mask mask, int f) {
        ImageGeometry g = image.geometry();
        int[] size = g.size();
        int[] out = new int[3];
        int[] offset = new int[3];
        for (int d = 0; d < 3; d++) {
            out[d] = Math.max(1, size[d] / f);
            // ITK centres the shrunk grid on the full one: first sample at ((n−1) − f·(m−1)) / 2, rounded half up.
            // At an exact .5 ITK rounds a physical-point round trip, so on oblique scanner-space grids its
            // floating-point noise sometimes picks the voxel below (seen on 320- and 36/48-voxel axes of the
            // lesjak2016 scans; never on the MNI grid); the fits then differ as N4 runs on grids one voxel apart do.
            offset[d] = Math.max(0, (size[d] - f * (out[d] - 1)) / 2);
        }
        int nx = out[0];
        int ny = out[1];
        int nz = out[2];
        float[] values = new float[nx * ny * nz];
        boolean[] inside = new boolean[values.length];
        int count = 0;
        for (int z = 0; z < nz; z++) {
            int iz = offset[2] + z * f;
            for (int y = 0; y < ny; y++) {
                int iy = offset[1] + y * f;
                int dst = (z * ny + y) * nx;
                int srcRow = g.index(0, iy, iz);
                for (int x = 0; x < nx; x++) {
                    int src = srcRow + offset[0] + x * f;
                    float v = image.get(src);
                    values[dst + x] = v;
                    if (mask.get(src) && v > 0 && Float.isFinite(v)) {
                        inside[dst + x] = true;
                        count++;
                    }
                }
            }
        }
        int[] idx = new int[count];
        int k = 0;
        for (int i = 0; i < inside.length; i++) {
            if (inside[i]) {
                idx[k++] = i;
            }
        }
        return new Shrunk(nx, ny, nz, values, inside, idx);
    }

    /**
     * ITK's convergence measure: coefficient of variation (sample standard deviation / mean) of
     * exp(old − new) over the masked voxels. Summed as deviations from 1 for accuracy (the ratio is close to 1).
     */
    static double coefficientOfVariation(double[] oldLog, double[] newLog, int[] idx) {
        double sum = 0;
        double sumSq = 0;
        for (int i : idx) {
            double d = Math.exp(oldLog[i] - newLog[i]) - 1.0;
            sum += d;
            sumSq += d * d;
        }
        int n = idx.length;
        double mean = sum / n;
        double variance = n > 1 ? (sumSq - sum * mean) / (n - 1) : 0.0;
        return Math.sqrt(Math.max(0.0, variance)) / (1.0 + mean);
    }

    /** corrected = input / exp(log field) and the bias field exp(log field), on the full-resolution grid. */
    private static ScalarVolume[] reconstruct(ScalarVolume image, ControlPointLattice lattice, ExecutionContext ctx) {
        ImageGeometry g = image.geometry();
        AxisBasis[] bases = lattice.basesFor(g.nx(), g.ny(), g.nz());
        ScalarVolume.Builder corrected = ScalarVolume.builder(g);
        ScalarVolume.Builder bias = ScalarVolume.builder(g);
        float[] c = corrected.array();
        float[] b = bias.array();
        int nx = g.nx();
        lattice.evaluate(bases, ctx, (start, row) -> {
            for (int x = 0; x < nx; x++) {
                float field = (float) Math.exp(row[x]);
                b[start + x] = field;
                c[start + x] = image.get(start + x) / field;
            }
        });
        return new ScalarVolume[] {corrected.build(), bias.build()};
    }
}

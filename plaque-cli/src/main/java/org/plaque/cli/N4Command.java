package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.bias.N4BiasCorrection;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque n4}: N4 bias-field correction with the ITK/ANTs recipe ({@link N4BiasCorrection}). */
@Command(name = "n4", mixinStandardHelpOptions = true,
    description = {"Corrects the bias field (intensity non-uniformity) of an image with N4.",
        "N4 (Tustison et al. 2010) fits a smooth multiplicative field on a shrunk copy inside a mask (Otsu's "
            + "foreground when none is given) and divides it out at full resolution. OUT is float32."})
final class N4Command implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input image (NIfTI-1/2).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Corrected image, .nii or .nii.gz.")
    Path out;

    @Option(names = "--mask", paramLabel = "MASK",
        description = "Fit the field inside this mask (voxels > 0.5, same grid as IN). Default: Otsu foreground "
            + "(200 bins).")
    Path mask;

    @Option(names = "--bias-out", paramLabel = "BIAS", description = "Also write the bias field (float32).")
    Path biasOut;

    @Option(names = "--shrink", paramLabel = "F", description = "Shrink factor for the fit (default: 4).")
    Integer shrink;

    @Option(names = "--iterations", paramLabel = "AxBx...",
        description = "Maximum iterations per fitting level, one number per level; the control-point grid "
            + "doubles at each level (default: 50x50x50x50).")
    String iterations;

    @Option(names = "--convergence", paramLabel = "T",
        description = "Stop a level when the field update's coefficient of variation is at most T "
            + "(default: 0.001).")
    Double convergence;

    @Option(names = "--spline-distance", paramLabel = "MM",
        description = "B-spline span length of the first level in mm (default: 200).")
    Double splineDistanceMm;

    @Mixin
    ThreadsOption threads;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputPaths.requireNifti(spec, out);
        if (biasOut != null) {
            OutputPaths.requireNifti(spec, biasOut);
            if (biasOut.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--bias-out must differ from OUT");
            }
        }
        N4BiasCorrection.Params p = params();
        ScalarVolume image = input.reader().readScalar(in);
        Mask m = mask == null ? null : input.reader().readMask(mask);
        N4BiasCorrection.Result r;
        long start = System.nanoTime();
        try (ExecutionContext ctx = threads.context()) {
            r = new N4BiasCorrection(p).apply(image, m, ctx);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (biasOut == null) {
            NiftiOutputs.write(r.corrected(), out);
        } else {
            NiftiOutputs.writePair(r.corrected(), out, r.biasField(), biasOut);
        }
        StringBuilder its = new StringBuilder();
        for (int i : r.iterationsPerLevel()) {
            its.append(its.length() == 0 ? "" : "x").append(i);
        }
        spec.commandLine().getOut().printf(Locale.ROOT,
            "wrote %s%s; iterations per level %s, final convergence %.3g, mask %s (%.2f s)%n",
            out, biasOut == null ? "" : " and " + biasOut, its, r.finalConvergence(),
            mask == null ? "Otsu" : "given", seconds);
        return ExitCode.OK;
    }

    private N4BiasCorrection.Params params() {
        N4BiasCorrection.Params p = N4BiasCorrection.Params.DEFAULTS;
        if (shrink != null) {
            p = p.withShrinkFactor(shrink);
        }
        if (iterations != null) {
            p = p.withMaximumIterations(parseIterations(spec, iterations));
        }
        if (convergence != null) {
            p = p.withConvergenceThreshold(convergence);
        }
        if (splineDistanceMm != null) {
            p = p.withSplineDistanceMm(splineDistanceMm);
        }
        return p;
    }

    /** "50x50x30" → [50, 50, 30]. */
    static List<Integer> parseIterations(CommandSpec spec, String text) {
        List<Integer> levels = new ArrayList<>();
        for (String part : text.split("x", -1)) {
            try {
                int v = Integer.parseInt(part.strip());
                if (v < 0) {
                    throw new NumberFormatException();
                }
                levels.add(v);
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--iterations: expected non-negative whole numbers joined by 'x' (e.g. 50x50x50x50), got '"
                        + text + "'");
            }
        }
        return levels;
    }
}

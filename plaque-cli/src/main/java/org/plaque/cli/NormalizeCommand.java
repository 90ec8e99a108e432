package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.intensity.OutsideMask;
import org.plaque.filter.intensity.PercentileClipping;
import org.plaque.filter.intensity.ZScoreNormalization;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque normalize}: z-score or percentile normalisation with statistics from inside a mask. */
@Command(name = "normalize", mixinStandardHelpOptions = true,
    description = {"Normalises intensities by z-score or percentiles of the voxels inside a mask.",
        "Statistics come from the mask's voxels (all voxels without one). zscore: (v - mean) / sd, so the masked "
            + "voxels get mean 0 and sd 1. percentile: clip to the --low and --high percentiles and map that range "
            + "onto [0, 1] (--scale none keeps the input's units). Voxels outside the mask get the same mapping, "
            + "or 0 with --outside zero. OUT is float32."})
final class NormalizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input image (NIfTI-1/2).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Normalised image, .nii or .nii.gz.")
    Path out;

    @Option(names = "--method", required = true, paramLabel = "zscore|percentile", description = "The method.")
    String method;

    @Option(names = "--mask", paramLabel = "MASK",
        description = "Statistics from the voxels of this mask (> 0.5, same grid as IN).")
    Path mask;

    @Option(names = "--low", paramLabel = "P", description = "percentile: lower percentile (default: 1).")
    Double low;

    @Option(names = "--high", paramLabel = "P", description = "percentile: upper percentile (default: 99).")
    Double high;

    @Option(names = "--scale", paramLabel = "unit|none",
        description = "percentile: map [low, high] onto [0, 1] (unit, default) or only clip (none).")
    String scale;

    @Option(names = "--outside", paramLabel = "transform|zero",
        description = "Voxels outside the mask: mapped like inside ones (transform, default) or set to 0.")
    String outside;

    @Mixin
    ThreadsOption threads;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputPaths.requireNifti(spec, out);
        String m = method.toLowerCase(Locale.ROOT);
        if (!m.equals("zscore") && !m.equals("percentile")) {
            throw usage("--method must be zscore or percentile, got '" + method + "'");
        }
        if (m.equals("zscore") && (low != null || high != null || scale != null)) {
            throw usage("--low, --high and --scale apply to --method percentile only");
        }
        OutsideMask outsideMask = parseOutside();
        ScalarVolume image = input.reader().readScalar(in);
        Mask selection = mask == null ? null : input.reader().readMask(mask);
        ScalarVolume result;
        String summary;
        try (ExecutionContext ctx = threads.context()) {
            if (m.equals("zscore")) {
                ZScoreNormalization.Result r = new ZScoreNormalization(new ZScoreNormalization.Params(outsideMask))
                    .apply(image, selection, ctx);
                result = r.normalized();
                summary = String.format(Locale.ROOT, "z-score with mean %.6g, sd %.6g", r.mean(), r.standardDeviation());
            } else {
                PercentileClipping.Params d = PercentileClipping.Params.DEFAULTS;
                PercentileClipping.Params p = new PercentileClipping.Params(
                    low == null ? d.lowPercentile() : low, high == null ? d.highPercentile() : high,
                    parseScale(d.scaling()), outsideMask);
                PercentileClipping.Result r = new PercentileClipping(p).apply(image, selection, ctx);
                result = r.clipped();
                summary = String.format(Locale.ROOT, "percentiles %s-%s at %.6g and %.6g%s",
                    strip(p.lowPercentile()), strip(p.highPercentile()), r.lowValue(), r.highValue(),
                    p.scaling() == PercentileClipping.Scaling.UNIT ? ", mapped onto [0, 1]" : ", clipped");
            }
        }
        NiftiOutputs.write(result, out);
        spec.commandLine().getOut().printf("wrote %s (%s)%n", out, summary);
        return ExitCode.OK;
    }

    private OutsideMask parseOutside() {
        if (outside == null) {
            return ZScoreNormalization.Params.DEFAULTS.outside();
        }
        return switch (outside.toLowerCase(Locale.ROOT)) {
            case "transform" -> OutsideMask.TRANSFORM;
            case "zero" -> OutsideMask.ZERO;
            default -> throw usage("--outside must be transform or zero, got '" + outside + "'");
        };
    }

    private PercentileClipping.Scaling parseScale(PercentileClipping.Scaling fallback) {
        if (scale == null) {
            return fallback;
        }
        return switch (scale.toLowerCase(Locale.ROOT)) {
            case "unit" -> PercentileClipping.Scaling.UNIT;
            case "none" -> PercentileClipping.Scaling.NONE;
            default -> throw usage("--scale must be unit or none, got '" + scale + "'");
        };
    }

    private static String strip(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

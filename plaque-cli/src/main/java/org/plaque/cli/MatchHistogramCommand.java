package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.intensity.HistogramMatching;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque match-histogram}: landmark histogram matching of one image to a reference. */
@Command(name = "match-histogram", mixinStandardHelpOptions = true,
    description = {"Matches an image's intensity histogram to a reference's (landmark method).",
        "Maps IN's intensities piecewise linearly so that its histogram landmarks (quantiles between the mean, or "
            + "minimum, and the maximum) land on REFERENCE's, as ITK's HistogramMatchingImageFilter (Nyul and "
            + "Udupa 1999). The images may lie on different grids. OUT is float32 on IN's grid."})
final class MatchHistogramCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Image to map (NIfTI-1/2).")
    Path in;

    @Parameters(index = "1", paramLabel = "REFERENCE", description = "Image whose histogram is the target.")
    Path reference;

    @Parameters(index = "2", paramLabel = "OUT", description = "Mapped image, .nii or .nii.gz.")
    Path out;

    @Option(names = "--levels", paramLabel = "N", description = "Histogram bins (default: 1024).")
    Integer levels;

    @Option(names = "--match-points", paramLabel = "N",
        description = "Quantile landmarks between the lower limit and the maximum (default: 7).")
    Integer matchPoints;

    @Option(names = "--lower-limit", paramLabel = "mean|minimum",
        description = "Where the histograms start: mean intensity (default; leaves the background out) or minimum.")
    String lowerLimit;

    @Option(names = "--mask", paramLabel = "MASK", description = "Statistics of IN from this mask only (> 0.5).")
    Path mask;

    @Option(names = "--reference-mask", paramLabel = "MASK",
        description = "Statistics of REFERENCE from this mask only (> 0.5).")
    Path referenceMask;

    @Mixin
    ThreadsOption threads;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputPaths.requireNifti(spec, out);
        HistogramMatching.Params d = HistogramMatching.Params.DEFAULTS;
        HistogramMatching.Params p = new HistogramMatching.Params(
            levels == null ? d.histogramLevels() : levels,
            matchPoints == null ? d.matchPoints() : matchPoints,
            parseLowerLimit(d.lowerLimit()));
        ScalarVolume source = input.reader().readScalar(in);
        ScalarVolume ref = input.reader().readScalar(reference);
        Mask sourceMask = mask == null ? null : input.reader().readMask(mask);
        Mask refMask = referenceMask == null ? null : input.reader().readMask(referenceMask);
        HistogramMatching.Result r;
        try (ExecutionContext ctx = threads.context()) {
            r = new HistogramMatching(p).apply(source, sourceMask, ref, refMask, ctx);
        }
        NiftiOutputs.write(r.matched(), out);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (landmarks %s -> %s)%n", out,
            format(r.sourceLandmarks()), format(r.referenceLandmarks()));
        return ExitCode.OK;
    }

    private HistogramMatching.LowerLimit parseLowerLimit(HistogramMatching.LowerLimit fallback) {
        if (lowerLimit == null) {
            return fallback;
        }
        return switch (lowerLimit.toLowerCase(Locale.ROOT)) {
            case "mean" -> HistogramMatching.LowerLimit.MEAN;
            case "minimum", "min" -> HistogramMatching.LowerLimit.MINIMUM;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                "--lower-limit must be mean or minimum, got '" + lowerLimit + "'");
        };
    }

    private static String format(List<Double> values) {
        StringBuilder b = new StringBuilder("[");
        for (double v : values) {
            b.append(b.length() == 1 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", v));
        }
        return b.append(']').toString();
    }
}

package org.plaque.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.filter.spatial.Resample;
import org.plaque.image.Interpolation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.itk.ItkTransformFile;
import org.plaque.io.nifti.NiftiDataType;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.registration.Initialization;
import org.plaque.registration.Registration;
import org.plaque.registration.RegistrationResult;
import org.plaque.registration.Stage;
import org.plaque.registration.metric.MetricKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque register}: finds the transform that maps fixed-image points to moving-image points. */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = {"Registers a moving image to a fixed image (rigid, affine, optional B-spline).",
        "Registers MOVING to FIXED by stages (rigid, then affine, optionally a",
        "B-spline deformation) over a 3-level pyramid (shrink 4-2-1, smoothing",
        "2-1-0 mm), maximising Mattes mutual information.",
        "",
        "The transform file maps FIXED points to MOVING points (ITK's convention;",
        "LPS in the file), ready for plaque apply-transform, ITK and ANTs: for",
        "linear stages one AffineTransform_double_3_3; with a B-spline stage a",
        "CompositeTransform [affine, B-spline] (the B-spline, on the fixed grid,",
        "acts first). Per pyramid level, progress (iterations, metric, stop",
        "reason) is printed on stderr. The same inputs, options and --seed give",
        "the same transform for any --threads."})
final class RegisterCommand implements Callable<Integer> {
    @Option(names = {"-f", "--fixed"}, required = true, paramLabel = "F",
        description = "Fixed (reference) image, NIfTI; the warped output takes its grid.")
    Path fixed;

    @Option(names = {"-m", "--moving"}, required = true, paramLabel = "M", description = "Moving image, NIfTI.")
    Path moving;

    @Option(names = "--stages", paramLabel = "LIST", defaultValue = "rigid,affine", split = ",",
        description = "Comma-separated stages in order: rigid, affine, bspline (default: rigid,affine; bspline last).")
    List<String> stages;

    @Option(names = {"-o", "--out-transform"}, required = true, paramLabel = "T",
        description = "Output ITK transform file (.txt or .tfm).")
    Path outTransform;

    @Option(names = "--out-image", paramLabel = "W",
        description = "Also write MOVING resampled on FIXED's grid (trilinear, float32, 0 outside), .nii or .nii.gz.")
    Path outImage;

    @Option(names = "--fixed-mask", paramLabel = "M",
        description = "Only fixed-image points inside this mask (voxels > 0.5, any grid) drive the registration.")
    Path fixedMask;

    @Option(names = "--moving-mask", paramLabel = "M",
        description = "Fixed points that map outside this mask (voxels > 0.5, any grid) are ignored.")
    Path movingMask;

    @Option(names = "--init", paramLabel = "KIND", defaultValue = "geometry",
        description = "Initial alignment: geometry (image centres; default), moments (intensity centres of mass) "
            + "or identity.")
    String init;

    @Option(names = "--metric", paramLabel = "KIND", defaultValue = "mi",
        description = "mi (Mattes mutual information, any contrasts; default), ms (mean squares, same contrast) or "
            + "ncc (normalised correlation).")
    String metric;

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = "plaque",
        description = "plaque (L-BFGS on 20 000 random points per level; default) or itk (the ITK recipe of the "
            + "peers' register_affine: regular-step gradient descent on a quarter of the voxels, 200x100x50 "
            + "iterations; slower).")
    String recipe;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the sampling (default: ${DEFAULT-VALUE}).")
    long seed = ExecutionContext.DEFAULT_SEED;

    @Mixin
    ThreadsOption threads;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Registration.Params params = params();
        String name = outTransform.getFileName() == null ? "" : outTransform.getFileName().toString();
        if (!name.endsWith(".txt") && !name.endsWith(".tfm")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--out-transform " + outTransform + " must end in .txt or .tfm");
        }
        if (outImage != null) {
            OutputPaths.requireNifti(spec, outImage);
        }
        ScalarVolume f = input.reader().readScalar(fixed);
        ScalarVolume m = input.reader().readScalar(moving);
        Mask fm = fixedMask == null ? null : Mask.above(input.reader().readScalar(fixedMask), 0.5);
        Mask mm = movingMask == null ? null : Mask.above(input.reader().readScalar(movingMask), 0.5);
        PrintWriter err = spec.commandLine().getErr();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        RegistrationResult result;
        ScalarVolume warped = null;
        try (ExecutionContext ctx = threads.context(seed, ProgressListener.NONE)) {
            result = Registration.register(f, m, fm, mm, params, ctx, report -> {
                err.println(report.summary());
                err.flush();
            });
            if (outImage != null) {
                warped = Resample.scalar(m, f.geometry(), result.transform(), Interpolation.LINEAR, 0f, ctx);
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu0) * 1e-9;
        ItkTransformFile.write(result.transform(), outTransform);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "wrote %s (%s, %s)%n", outTransform,
            result.deformation().isPresent() ? "CompositeTransform [affine, B-spline]" : "AffineTransform",
            String.join("+", params.stages().stream().map(Stage::label).toList()));
        if (warped != null) {
            NiftiWriter.write(warped, outImage, NiftiDataType.FLOAT32);
            out.printf(Locale.ROOT, "wrote %s (moving on the fixed grid)%n", outImage);
        }
        out.printf(Locale.ROOT, "registered in %.2f s (CPU %.2f s, %d thread%s, seed %d)%n", seconds, cpuSeconds,
            threads.count(), threads.count() == 1 ? "" : "s", seed);
        return ExitCode.OK;
    }

    private Registration.Params params() {
        Registration.Params p = switch (recipe.toLowerCase(Locale.ROOT)) {
            case "plaque" -> Registration.Params.DEFAULTS;
            case "itk" -> Registration.Params.ITK_RECIPE;
            default -> throw usage("--recipe must be plaque or itk, not '" + recipe + "'");
        };
        LinkedHashSet<Stage> list = new LinkedHashSet<>();
        for (String s : stages) {
            try {
                if (!list.add(Stage.parse(s))) {
                    throw usage("--stages lists " + s + " twice");
                }
            } catch (IllegalArgumentException e) {
                throw usage("--stages: " + e.getMessage());
            }
        }
        Initialization initialization = switch (init.toLowerCase(Locale.ROOT)) {
            case "geometry" -> Initialization.GEOMETRY;
            case "moments" -> Initialization.MOMENTS;
            case "identity" -> Initialization.IDENTITY;
            default -> throw usage("--init must be geometry, moments or identity, not '" + init + "'");
        };
        MetricKind kind = switch (metric.toLowerCase(Locale.ROOT)) {
            case "mi" -> MetricKind.MATTES_MI;
            case "ms" -> MetricKind.MEAN_SQUARES;
            case "ncc" -> MetricKind.NORMALIZED_CORRELATION;
            default -> throw usage("--metric must be mi, ms or ncc, not '" + metric + "'");
        };
        try {
            return p.withStages(new ArrayList<>(list)).withInitialization(initialization)
                .withMetric(p.metric().withKind(kind));
        } catch (IllegalArgumentException e) {
            throw usage("--stages: " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

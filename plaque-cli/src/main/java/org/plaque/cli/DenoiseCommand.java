package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.smoothing.BilateralFilter;
import org.plaque.filter.smoothing.CurvatureAnisotropicDiffusion;
import org.plaque.filter.smoothing.Denoiser;
import org.plaque.filter.smoothing.Filtered;
import org.plaque.filter.smoothing.GradientAnisotropicDiffusion;
import org.plaque.filter.smoothing.NonLocalMeans;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque denoise}: one denoiser applied to one image. */
@Command(name = "denoise", mixinStandardHelpOptions = true,
    description = {"Denoises an image with one of four methods.",
        "Without method options the method's documented defaults apply:",
        "  anisotropic  gradient anisotropic diffusion (Perona-Malik, as ITK): 10 iterations, conductance 1.0,",
        "               time step 0.0625",
        "  curvature    curvature anisotropic diffusion (Whitaker-Xue, as ITK): 10 / 1.0 / 0.0625",
        "  bilateral    bilateral filter (as ITK): domain sigma 1 mm, range sigma 2 x the noise estimate",
        "  nlm          non-local means: search radius 3, patch radius 1, h = sqrt(2) x the noise estimate",
        "Warnings (e.g. a time step above the stability limit) go to stderr; the run continues."})
final class DenoiseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input NIfTI image.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file, .nii or .nii.gz (float32).")
    Path out;

    @Option(names = "--method", required = true, paramLabel = "METHOD", converter = DenoiseMethod.Converter.class,
        description = "anisotropic, curvature, bilateral or nlm.")
    DenoiseMethod method;

    @Option(names = "--iterations", paramLabel = "N", description = "Diffusion: number of iterations (default 10).")
    Integer iterations;

    @Option(names = "--conductance", paramLabel = "K",
        description = "Diffusion: conductance relative to the mean gradient magnitude (default 1.0).")
    Double conductance;

    @Option(names = "--time-step", paramLabel = "T", description = "Diffusion: time step (default 0.0625).")
    Double timeStep;

    @Option(names = "--domain-sigma", paramLabel = "MM", description = "Bilateral: spatial sigma in mm (default 1.0).")
    Double domainSigma;

    @Option(names = "--range-sigma", paramLabel = "S",
        description = "Bilateral: intensity sigma (default: 2 x the estimated noise SD).")
    Double rangeSigma;

    @Option(names = "--search-radius", paramLabel = "R", description = "NLM: search window half-width in voxels (default 3).")
    Integer searchRadius;

    @Option(names = "--patch-radius", paramLabel = "P", description = "NLM: patch half-width in voxels (default 1).")
    Integer patchRadius;

    @Option(names = "--h", paramLabel = "H",
        description = "NLM: smoothing strength in intensity units (default: sqrt(2) x the estimated noise SD).")
    Double h;

    @Mixin
    ThreadsOption threads;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputPaths.requireNifti(spec, out);
        Denoiser denoiser = denoiser();
        ScalarVolume image = input.reader().readScalar(in);
        Filtered result;
        long start = System.nanoTime();
        try (ExecutionContext ctx = threads.context()) {
            result = denoiser.run(image, ctx);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        for (String w : result.warnings()) {
            spec.commandLine().getErr().println("plaque denoise: warning: " + w);
        }
        NiftiWriter.write(result.image(), out);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%s, %d ms, %d threads)%n", out, describe(denoiser, image),
            ms, threads.count());
        return ExitCode.OK;
    }

    /** The configured denoiser; options of another method are a usage error. */
    Denoiser denoiser() {
        List<String> misplaced = new ArrayList<>();
        boolean diffusion = method == DenoiseMethod.ANISOTROPIC || method == DenoiseMethod.CURVATURE;
        if (!diffusion) {
            addIf(misplaced, iterations != null, "--iterations");
            addIf(misplaced, conductance != null, "--conductance");
            addIf(misplaced, timeStep != null, "--time-step");
        }
        if (method != DenoiseMethod.BILATERAL) {
            addIf(misplaced, domainSigma != null, "--domain-sigma");
            addIf(misplaced, rangeSigma != null, "--range-sigma");
        }
        if (method != DenoiseMethod.NLM) {
            addIf(misplaced, searchRadius != null, "--search-radius");
            addIf(misplaced, patchRadius != null, "--patch-radius");
            addIf(misplaced, h != null, "--h");
        }
        if (!misplaced.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                String.join(", ", misplaced) + " do(es) not apply to --method " + method.label());
        }
        try {
            return switch (method) {
                case ANISOTROPIC -> {
                    var d = GradientAnisotropicDiffusion.Params.DEFAULTS;
                    yield new GradientAnisotropicDiffusion(new GradientAnisotropicDiffusion.Params(
                        or(iterations, d.iterations()), or(conductance, d.conductance()), or(timeStep, d.timeStep())));
                }
                case CURVATURE -> {
                    var d = CurvatureAnisotropicDiffusion.Params.DEFAULTS;
                    yield new CurvatureAnisotropicDiffusion(new CurvatureAnisotropicDiffusion.Params(
                        or(iterations, d.iterations()), or(conductance, d.conductance()), or(timeStep, d.timeStep())));
                }
                case BILATERAL -> {
                    var d = BilateralFilter.Params.DEFAULTS;
                    yield new BilateralFilter(new BilateralFilter.Params(or(domainSigma, d.domainSigmaMm()),
                        or(rangeSigma, d.rangeSigma())));
                }
                case NLM -> {
                    var d = NonLocalMeans.Params.DEFAULTS;
                    yield new NonLocalMeans(new NonLocalMeans.Params(or(searchRadius, d.searchRadius()),
                        or(patchRadius, d.patchRadius()), or(h, d.h())));
                }
            };
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The effective parameters, as a person reads them. */
    static String describe(Denoiser d, ScalarVolume image) {
        if (d instanceof GradientAnisotropicDiffusion g) {
            var p = g.params();
            return String.format(Locale.ROOT, "anisotropic: %d iterations, conductance %s, time step %s",
                p.iterations(), p.conductance(), p.timeStep());
        }
        if (d instanceof CurvatureAnisotropicDiffusion c) {
            var p = c.params();
            return String.format(Locale.ROOT, "curvature: %d iterations, conductance %s, time step %s",
                p.iterations(), p.conductance(), p.timeStep());
        }
        if (d instanceof BilateralFilter b) {
            return String.format(Locale.ROOT, "bilateral: domain sigma %s mm, range sigma %.4g%s",
                b.params().domainSigmaMm(), b.effectiveRangeSigma(image), b.params().autoRange() ? " (auto)" : "");
        }
        if (d instanceof NonLocalMeans nlm) {
            var p = nlm.params();
            return String.format(Locale.ROOT, "nlm: search radius %d, patch radius %d, h %.4g%s", p.searchRadius(),
                p.patchRadius(), nlm.effectiveH(image), p.autoH() ? " (auto)" : "");
        }
        return d.name();
    }

    private static void addIf(List<String> list, boolean condition, String name) {
        if (condition) {
            list.add(name);
        }
    }

    private static int or(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    private static double or(Double v, double dflt) {
        return v == null ? dflt : v;
    }
}

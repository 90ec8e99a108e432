package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plaque.dl.DlEngine;
import org.plaque.dl.bundle.DefaultModels;
import org.plaque.exec.ExecutionContext;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.crosssectional.CrossSectionalPreset;
import org.plaque.pipeline.crosssectional.ModelReference;
import org.plaque.pipeline.crosssectional.SegmentationInputs;
import org.plaque.pipeline.crosssectional.SegmenterPresets;
import org.plaque.pipeline.preset.Preset;
import org.plaque.pipeline.step.DeepSegmentationStep;
import org.plaque.report.SegmentationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque segment}: MS lesions of one subject, with lesion load, lesion table and a report. */
@Command(name = "segment", mixinStandardHelpOptions = true,
    description = {"Segments multiple-sclerosis lesions in a FLAIR (optionally with T1/T2) and measures them.",
        "Steps: reorient; T1/T2 → FLAIR rigid registration when their grids differ; anisotropic diffusion; N4;",
        "skull stripping (atlas-based; the non-zero region with --skull-stripped); atlas → subject registration",
        "(rigid, affine); lesion segmentation (--preset); lesion table (6-connectivity). See docs/PIPELINE.md.",
        "With --method unet3d|unet2d|cascade a trained model segments instead (no denoising; no atlas needed with",
        "--skull-stripped); unet3d has a model shipped with Plaque. See docs/DEEP_LEARNING.md.",
        "",
        "Writes into DIR: lesion_mask.nii.gz, lesion_labels.nii.gz, lesion_probability.nii.gz and",
        "lesion_uncertainty.nii.gz (when the method yields them) on the input FLAIR's grid, lesions.csv, report.json, report.html, overlay_*.png and",
        "provenance.json — all or nothing."})
final class SegmentCommand implements Callable<Integer> {
    @Option(names = "--flair", required = true, paramLabel = "F", description = "FLAIR image (NIfTI).")
    Path flair;

    @Option(names = "--t1", paramLabel = "T", description = "T1-weighted image of the same head (optional).")
    Path t1;

    @Option(names = "--t2", paramLabel = "T2", description = "T2-weighted image of the same head (optional).")
    Path t2;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Result folder (created if needed).")
    Path out;

    @Option(names = "--method", paramLabel = "M", defaultValue = "unsupervised",
        description = "Segmentation method: unsupervised (default), unet3d, unet2d or cascade.")
    String method;

    @Option(names = "--model", paramLabel = "DIR",
        description = "Model bundle (folder or zip from plaque train) for unet3d/unet2d/cascade; default: the model"
            + " shipped for the method (unet3d only: on FLAIR + T1 + T2 when --t1 and --t2 are given, else on FLAIR).")
    Path model;

    @Option(names = "--preset", paramLabel = "NAME",
        description = "Lesion-segmentation preset of the method (default: the method's default).")
    String preset;

    @Option(names = "--skull-stripped",
        description = "The images are already skull-stripped: the brain mask is the FLAIR's non-zero region.")
    boolean skullStripped;

    @Option(names = "--bspline", description = "Add a B-spline stage to the atlas registration (slower).")
    boolean bspline;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: 42).")
    Long seed;

    @Mixin
    AtlasOptions atlasOptions;

    @Mixin
    ThreadsOption threads;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Preset pipeline = preset(spec, method, preset, model, givenChannels(), skullStripped, bspline, out);
        SegmentationInputs inputs = SegmentationInputs.read(flair, t1, t2, input.reader());
        pipeline.find(DeepSegmentationStep.NAME).ifPresent(step -> checkChannels(
            String.valueOf(step.params().get("model"))));
        boolean needsAtlas = isUnsupervised(method) || !skullStripped;
        Optional<Atlas> atlas = needsAtlas ? Optional.of(atlasOptions.load()) : Optional.empty();
        List<String> command = Invocation.of(spec);
        long start = System.nanoTime();
        DlEngine.useThreads(threads.count());
        SegmentationReport report = SegmentRunner.run(subjectName(flair), inputs, atlas, pipeline, threads.count(),
            seed == null ? ExecutionContext.DEFAULT_SEED : seed, out, spec.commandLine().getErr(), "segment: ",
            command);
        spec.commandLine().getOut().printf(Locale.ROOT,
            "lesion load %.1f mm³ in %d lesions (%s %s); results in %s (report.html) after %.1f s%n",
            report.lesionLoadMm3(), report.lesionCount(), report.method(), report.preset(), out,
            (System.nanoTime() - start) / 1e9);
        return ExitCode.OK;
    }

    /** Fails before any work when the model needs an image that was not given. */
    private void checkChannels(String modelReference) {
        ModelReference.open(modelReference).checkSubject(givenChannels());
    }

    private List<String> givenChannels() {
        return channels(t1 != null, t2 != null);
    }

    /** The channel names of a subject's images: FLAIR, then T1 and T2 where present. */
    static List<String> channels(boolean withT1, boolean withT2) {
        List<String> channels = new ArrayList<>(List.of("FLAIR"));
        if (withT1) {
            channels.add("T1");
        }
        if (withT2) {
            channels.add("T2");
        }
        return channels;
    }

    private static boolean isUnsupervised(String method) {
        return "unsupervised".equalsIgnoreCase(method);
    }

    /**
     * Checks the method, preset, model and output folder before any work and gives the pipeline's steps.
     *
     * @param channels the images every subject has (FLAIR, T1, T2): without {@code model}, they choose among the
     *                 models shipped for the method
     * @throws CommandLine.ParameterException for a bad combination
     */
    static Preset preset(CommandSpec spec, String method, String preset, Path model, List<String> channels,
                         boolean skullStripped, boolean bspline, Path out) {
        if (isUnsupervised(method)) {
            if (model != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--model needs --method unet3d, unet2d"
                    + " or cascade");
            }
            String name = checkOptions(spec, method, preset, out);
            return CrossSectionalPreset.of(new CrossSectionalPreset.Options(name, skullStripped, bspline));
        }
        if (!SUPERVISED.contains(method)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method " + method
                + " is not available; methods: unsupervised, " + String.join(", ", SUPERVISED));
        }
        if (preset != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--preset applies to --method unsupervised;"
                + " a model's settings are in its model.json");
        }
        checkOut(spec, out);
        String reference;
        if (model != null) {
            reference = model.toString();
        } else if (DefaultModels.methods().contains(method)) {
            reference = ModelReference.builtin(DefaultModels.choose(method, channels));
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method " + method + " needs --model DIR"
                + " (Plaque ships a model for " + String.join(", ", DefaultModels.methods()) + " only)");
        }
        return CrossSectionalPreset.supervised(reference, skullStripped, bspline);
    }

    /** Methods that run a trained model. */
    static final List<String> SUPERVISED = List.of("unet3d", "unet2d", "cascade");

    /**
     * Checks the method, the preset and the output folder before any work.
     *
     * @return the preset name to use
     */
    static String checkOptions(CommandSpec spec, String method, String preset, Path out) {
        if (!"unsupervised".equalsIgnoreCase(method)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method " + method
                + " is not available; methods: unsupervised");
        }
        String name = preset == null ? SegmenterPresets.defaultName() : preset;
        if (SegmenterPresets.byName(name).isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --preset " + name + "; presets: "
                + String.join(", ", SegmenterPresets.names()));
        }
        checkOut(spec, out);
        return name;
    }

    private static void checkOut(CommandSpec spec, Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--out " + out + " exists and is not a folder");
        }
    }

    /** "folder/name" of the file without its NIfTI extension (scans are often all called FLAIR.nii.gz). */
    static String subjectName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String n = abs.getFileName() == null ? "subject" : abs.getFileName().toString();
        for (String ext : new String[] {".nii.gz", ".nii"}) {
            if (n.endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
                break;
            }
        }
        Path parent = abs.getParent();
        return parent == null || parent.getFileName() == null ? n : parent.getFileName() + "/" + n;
    }
}

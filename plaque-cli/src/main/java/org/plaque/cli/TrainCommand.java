package org.plaque.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;
import org.plaque.dl.bundle.ModelJson;
import org.plaque.dl.data.InputNormalisation;
import org.plaque.dl.data.VoxelPatches;
import org.plaque.dl.nn.NewLesionFilterSpec;
import org.plaque.dl.nn.PatchCnnSpec;
import org.plaque.dl.train.CascadeTraining;
import org.plaque.dl.train.FilterModel;
import org.plaque.dl.train.FilterTraining;
import org.plaque.dl.train.ModelTraining;
import org.plaque.exec.ExecutionContext;
import org.plaque.pipeline.longitudinal.CandidatePatches;
import org.plaque.pipeline.longitudinal.ChangeParams;
import org.plaque.pipeline.longitudinal.FilterPatches;
import org.plaque.pipeline.longitudinal.LongitudinalCohort;
import org.plaque.dl.train.ProbabilityLoss;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque train}: trains a lesion-segmentation network on labelled subjects and writes a model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains a lesion-segmentation network on a folder of labelled subjects and writes a model bundle",
        "(model.json + weights) usable with `plaque segment --method ARCH --model DIR`.",
        "Subjects: DIR/<subject>/{FLAIR,T1,T2,mask}.nii.gz (also Lesjak GOLD_STANDARD and BIDS-like layouts),",
        "skull-stripped, all on one spacing and orientation. Checkpoints go to OUT/checkpoints after each epoch;",
        "--resume continues from them. See docs/DEEP_LEARNING.md.",
        "",
        "--arch newlesion-filter trains the CNN filter of plaque longitudinal --method cnn instead: DIR is a",
        "longitudinal cohort (as plaque longitudinal-cohort reads it) with reference change masks gt.nii.gz;",
        "candidates come from the classical detector, labels from gt (docs/LONGITUDINAL.md)."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder of training subjects.")
    Path data;

    @Option(names = "--arch", required = true, paramLabel = "ARCH",
        description = "Network: unet3d, unet2d, cascade or newlesion-filter.")
    String arch;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model bundle folder (created).")
    Path out;

    @Option(names = "--channels", paramLabel = "LIST", split = ",", defaultValue = "FLAIR",
        description = "Input channels in order (default: FLAIR), e.g. FLAIR,T1.")
    List<String> channels;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "40", description = "Maximum epochs (default 40).")
    int epochs;

    @Option(names = "--steps-per-epoch", paramLabel = "N", defaultValue = "25",
        description = "Optimiser steps per epoch (default 25).")
    int steps;

    @Option(names = "--patch", paramLabel = "P",
        description = "Patch edge in voxels (unet3d cube, unet2d square; default 48; cascade: 15, odd).")
    Integer patch;

    @Option(names = "--inference-patch", paramLabel = "P",
        description = "Sliding-window edge at inference (default: 2 × --patch for unet3d, --patch for unet2d).")
    Integer inferencePatch;

    @Option(names = "--overlap", paramLabel = "F", defaultValue = "0.25",
        description = "Sliding-window overlap at inference (default 0.25).")
    double overlap;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.5",
        description = "Probability threshold of the lesion mask written to the model card (default 0.5). With"
            + " --resume after the last epoch only the card is rewritten.")
    double threshold;

    @Option(names = "--batch", paramLabel = "B",
        description = "Patches per step (default 2; cascade: " + CASCADE_BATCH + ", half of them lesion voxels —"
            + " its patches are small, so a batch of that size costs about what one U-Net patch does).")
    Integer batch;

    /** Default cascade batch (Valverde et al. used 128; 64 halves the time per step on two CPU cores). */
    static final int CASCADE_BATCH = 64;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "3", description = "U-Net poolings (default 3).")
    int depth;

    @Option(names = "--width", paramLabel = "W",
        description = "U-Net channels at full resolution (default 8; doubled per level). Cascade: filters of the"
            + " first convolution (default 32, the paper's; the second has twice, the dense layer eight times as"
            + " many).")
    Integer width;

    @Option(names = "--loss", paramLabel = "L", defaultValue = "bce-dice",
        description = "U-Net loss: bce, bce-dice (default) or tversky.")
    String loss;

    @Option(names = "--normalisation", paramLabel = "N",
        description = "U-Net input intensities: wm-ratio (default; ratio to the white-matter intensity) or "
            + "zscore-brain (z-score inside the brain). The cascade always z-scores. See docs/DEEP_LEARNING.md.")
    String normalisation;

    @Option(names = "--lesion-library", paramLabel = "DIR",
        description = "Folder of binary lesion masks whose lesion shapes are pasted as synthetic lesions.")
    Path lesionLibrary;

    @Option(names = "--lesion-file", paramLabel = "NAME", defaultValue = "GOLD_STANDARD_MNI.nii.gz",
        description = "Mask file name in each --lesion-library subfolder (default GOLD_STANDARD_MNI.nii.gz).")
    String lesionFile;

    @Option(names = "--synthetic-copies", paramLabel = "N", defaultValue = "4",
        description = "Copies with pasted lesions per training subject (default 4; needs --lesion-library).")
    int syntheticCopies;

    @Option(names = "--in-place-copies", paramLabel = "N", defaultValue = "0",
        description = "Further copies per training subject, each with one whole library mask pasted where it lies"
            + " (masks on the subjects' grid, e.g. both MNI; default 0).")
    int inPlaceCopies;

    @Option(names = "--exclude-lesions", paramLabel = "IDS", split = ",",
        description = "Subject ids whose masks are left out of the lesion library (leave-one-out).")
    List<String> excludeLesions = new ArrayList<>();

    @Option(names = "--validation", paramLabel = "IDS", split = ",",
        description = "Validation subject ids (default: the last subject when there are 3 or more).")
    List<String> validation = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: the output folder's name).")
    String name;

    @Option(names = "--license", paramLabel = "TEXT",
        description = "Licence of the trained weights, for the model card (e.g. the training data's terms).")
    String license;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default 42).")
    long seed;

    @Option(names = "--members", paramLabel = "N", defaultValue = "1",
        description = "U-Nets: train N networks (seeds S, S+1, …) one after the other into one ensemble bundle;"
            + " inference averages them (default 1).")
    int members;

    @Option(names = "--resume", description = "Continue from the checkpoints in OUT/checkpoints.")
    boolean resume;

    @Option(names = "--skull-stripped",
        description = "newlesion-filter: the cohort's FLAIRs are skull-stripped (brain = non-zero region; no atlas"
            + " unless --atlas names one).")
    boolean skullStripped;

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
        if (!List.of("unet3d", "unet2d", "cascade", NewLesionFilterSpec.ARCHITECTURE).contains(arch)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --arch " + arch
                + "; architectures: unet3d, unet2d, cascade, newlesion-filter");
        }
        if (members != 1 && !List.of("unet3d", "unet2d").contains(arch)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--members applies to unet3d and unet2d, not "
                + arch);
        }
        if (NewLesionFilterSpec.ARCHITECTURE.equals(arch)) {
            return trainFilter();
        }
        ProbabilityLoss.Kind kind;
        try {
            kind = ProbabilityLoss.Kind.parse(loss);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        InputNormalisation inputNormalisation = normalisation(arch);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is not a folder");
        }
        DlEngine.useThreads(threads.count());
        // The card records the command that trains from scratch: a resume continues the same run.
        List<String> command = Invocation.of(spec).stream().filter(a -> !"--resume".equals(a)).toList();
        String modelName = name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
        PrintWriter log = spec.commandLine().getErr();
        long start = System.nanoTime();
        ModelJson model;
        try {
            if ("cascade".equals(arch)) {
                model = trainCascade(command, modelName, log);
            } else {
                int p = patch == null ? 48 : patch;
                model = ModelTraining.run(new ModelTraining.Request(data, arch, out, channels, epochs, steps, p,
                    inferencePatch != null ? inferencePatch : "unet3d".equals(arch) ? 2 * p : p, overlap, threshold,
                    batch == null ? 2 : batch, depth, width == null ? 8 : width, kind, inputNormalisation,
                    lesionLibrary, lesionFile, syntheticCopies, inPlaceCopies, excludeLesions, validation, seed, members,
                    resume, modelName, license, "Plaque " + PlaqueVersion.get(), command), log);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Object dice = "cascade".equals(arch) ? model.metrics().get("validation_dice_stage1") + " (stage 1), "
            + model.metrics().get("validation_dice_stage2") + " (stage 2)"
            : model.metrics().get("validation_dice_best");
        spec.commandLine().getOut().printf(Locale.ROOT,
            "model %s (%s) written to %s after %.0f s; validation Dice %s%n",
            model.name(), model.architecture(), out, (System.nanoTime() - start) / 1e9, dice);
        return ExitCode.OK;
    }

    /** The --normalisation for this architecture (U-Nets: default wm-ratio; the cascade: zscore-brain only). */
    private InputNormalisation normalisation(String architecture) {
        if (normalisation == null) {
            return "cascade".equals(architecture) ? InputNormalisation.ZSCORE_BRAIN : InputNormalisation.WM_RATIO;
        }
        InputNormalisation n;
        try {
            n = InputNormalisation.of(normalisation);
        } catch (InvalidInputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--normalisation: " + e.getMessage());
        }
        if ("cascade".equals(architecture) && n != InputNormalisation.ZSCORE_BRAIN) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--normalisation " + normalisation
                + " does not apply to the cascade: its candidate rule is in standard deviations, so it z-scores");
        }
        return n;
    }

    /** The cascade: patch 15 and batch {@value #CASCADE_BATCH} unless given; --width sets the filters. */
    private ModelJson trainCascade(List<String> command, String modelName, PrintWriter log) throws IOException {
        int p = patch == null ? VoxelPatches.DEFAULT_SIZE : patch;
        CascadeTraining.Request request = new CascadeTraining.Request(data, out, channels, epochs, steps, p,
            batch == null ? CASCADE_BATCH : batch, validation, seed, resume, modelName, license,
            "Plaque " + PlaqueVersion.get(), command);
        PatchCnnSpec d = PatchCnnSpec.defaults(channels.size());
        PatchCnnSpec network = width == null
            ? new PatchCnnSpec(channels.size(), p, d.filters1(), d.filters2(), d.denseUnits(), d.dropout())
            : new PatchCnnSpec(channels.size(), p, width, 2 * width, 8 * width, d.dropout());
        return CascadeTraining.run(request, network, log);
    }

    /** {@code --arch newlesion-filter}: candidates of the classical detector on a longitudinal cohort. */
    private Integer trainFilter() throws IOException {
        if (resume) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--resume is not supported for newlesion-filter (training takes minutes; start again)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is not a folder");
        }
        var parsed = spec.commandLine().getParseResult();
        FilterTraining.Settings settings = FilterTraining.Settings.DEFAULTS.withSeed(seed);
        settings = settings.withLength(parsed.hasMatchedOption("--epochs") ? epochs : settings.epochs(),
            parsed.hasMatchedOption("--steps-per-epoch") ? steps : settings.stepsPerEpoch());
        NewLesionFilterSpec network;
        try {
            network = new NewLesionFilterSpec(parsed.hasMatchedOption("--width") ? width
                : NewLesionFilterSpec.defaults().width(), NewLesionFilterSpec.defaults().normalization());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        DlEngine.useThreads(threads.count());
        List<LongitudinalCohort.Subject> subjects = LongitudinalCohort.discover(data);
        var atlas = LongitudinalCommand.atlas(atlasOptions, skullStripped);
        List<String> command = Invocation.of(spec);
        String modelName = name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
        PrintWriter log = spec.commandLine().getErr();
        long start = System.nanoTime();
        FilterPatches.TrainingSet set;
        try (ExecutionContext ctx = threads.context(seed, org.plaque.exec.ProgressListener.NONE)) {
            set = FilterPatches.fromCohort(subjects, skullStripped, atlas, ChangeParams.DEFAULTS, input.reader(), ctx,
                log);
        }
        FilterTraining.Outcome outcome = FilterTraining.train(network, set.patches(), settings,
            out.resolve("checkpoints"), log);
        ModelJson.Training training = new ModelJson.Training(data.toAbsolutePath().normalize().getFileName()
            .toString(), set.subjects(), null, null, null, null, null, String.join(" ", command));
        ModelJson model = FilterModel.write(out, modelName, network, outcome, CandidatePatches.CHANNELS,
            set.spacingMm(), settings, training, java.util.Map.of("candidates", "classical detector, "
                + (skullStripped ? "skull-stripped input" : "atlas skull stripping")), license,
            "Plaque " + PlaqueVersion.get());
        spec.commandLine().getOut().printf(Locale.ROOT, "model %s (%s) written to %s after %.0f s (%d true, %d false"
                + " candidates from %d subjects)%n", model.name(), model.architecture(), out,
            (System.nanoTime() - start) / 1e9, outcome.truePatches(), outcome.falsePatches(), set.subjects().size());
        return ExitCode.OK;
    }
}

package org.plaque.dl.train;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;
import org.plaque.dl.bundle.ModelBundle;
import org.plaque.dl.bundle.ModelJson;
import org.plaque.dl.data.Augmentation;
import org.plaque.dl.data.InputNormalisation;
import org.plaque.dl.data.Patch;
import org.plaque.dl.data.PatchSampler;
import org.plaque.dl.data.SubjectFolders;
import org.plaque.dl.data.SyntheticLesions;
import org.plaque.dl.data.TrainingSubject;
import org.plaque.dl.nn.NetworkSpec;
import org.plaque.dl.nn.UNet2dSpec;
import org.plaque.dl.nn.UNet3dSpec;
import org.plaque.geom.Orientation;
import org.plaque.image.Mask;

/**
 * {@code plaque train} for the U-Nets: a folder of labelled subjects → a model bundle. Subjects are normalised
 * inside their brain masks ({@link InputNormalisation}); with a lesion-shape library each training subject
 * also yields copies with pasted synthetic lesions ({@link SyntheticLesions}); patches are sampled
 * lesion-aware and augmented ({@link Augmentation}); the network is trained by {@link TrainingLoop} (checkpoints in
 * {@code OUT/checkpoints}, resumable) and the weights of the best validation epoch go into the bundle (at float16,
 * {@link Weights#toHalfPrecision}) with a {@code model.json} describing how to apply them. With
 * {@link Request#members()} above 1 the bundle is an ensemble: member k is exactly the single run with seed + k − 1
 * (its own synthetic copies, batches and initial weights), and inference averages the members (and their test-time
 * flips) into the probability, their spread into the uncertainty.
 *
 * <p>Validation: the subjects named in {@link Request#validation()}; otherwise, with three or more subjects,
 * the last one; with fewer, a fixed set of patches of the training subjects themselves (a check that learning
 * happens, not an estimate of accuracy on new subjects — the model card says which was used).
 */
public final class ModelTraining {
    /** Validation patches per validation subject. */
    private static final int VALIDATION_PATCHES = 16;

    /**
     * What to train.
     *
     * @param data              the subjects' folder ({@link SubjectFolders})
     * @param architecture      {@code unet3d} or {@code unet2d}
     * @param out               the model bundle folder
     * @param channels          input channels, e.g. [FLAIR]
     * @param epochs            maximum epochs
     * @param stepsPerEpoch     optimiser steps per epoch
     * @param patch             training patch edge (voxels): a cube for unet3d, a square slice patch for unet2d
     * @param inferencePatch    sliding-window edge for inference (the card's patch size; a batch-normalised
     *                          network may predict with windows larger than its training patches)
     * @param overlap           sliding-window overlap for inference
     * @param threshold         probability threshold of the lesion mask, in (0, 1), written to the card
     * @param batch             patches per step
     * @param depth             U-Net poolings
     * @param baseWidth         U-Net channels at full resolution
     * @param loss              training loss
     * @param normalisation     input intensity normalisation (written to the card; inference applies the same)
     * @param lesionLibrary     folder of lesion masks for synthetic lesions ({@code DIR/<id>/<lesionFile>}),
     *                          or null for none
     * @param lesionFile        the mask file name inside each library subfolder
     * @param syntheticCopies   pasted copies per training subject
     * @param inPlaceCopies     further copies per training subject, each with one whole library mask (of
     *                          another subject) pasted where it lies
     * @param excludeFromLibrary subject ids whose masks are left out of the library (leave-one-out)
     * @param validation        validation subject ids (may be empty)
     * @param seed              random seed (ensemble member k, from 1, uses seed + k − 1)
     * @param members           networks trained, one after the other, into one ensemble bundle (≥ 1)
     * @param resume            continue from OUT/checkpoints
     * @param name              the model's name
     * @param license           the weights' licence for the card, or null
     * @param createdBy         the program writing the bundle, e.g. "Plaque 0.1.0"
     * @param command           the command line, for the model card
     */
    public record Request(Path data, String architecture, Path out, List<String> channels, int epochs,
                          int stepsPerEpoch, int patch, int inferencePatch, double overlap, double threshold,
                          int batch, int depth, int baseWidth, ProbabilityLoss.Kind loss,
                          InputNormalisation normalisation,
                          Path lesionLibrary, String lesionFile, int syntheticCopies, int inPlaceCopies,
                          List<String> excludeFromLibrary,
                          List<String> validation, long seed, int members, boolean resume, String name,
                          String license, String createdBy, List<String> command) {
        public Request {
            channels = List.copyOf(channels);
            excludeFromLibrary = List.copyOf(excludeFromLibrary);
            validation = List.copyOf(validation);
            command = List.copyOf(command);
            java.util.Objects.requireNonNull(normalisation, "normalisation");
            if (!"unet3d".equals(architecture) && !"unet2d".equals(architecture)) {
                throw new IllegalArgumentException("architecture must be unet3d or unet2d here, got " + architecture);
            }
            if (epochs < 1 || stepsPerEpoch < 1 || patch < 1 || inferencePatch < 1 || batch < 1
                || syntheticCopies < 0 || inPlaceCopies < 0 || members < 1) {
                throw new IllegalArgumentException("epochs, steps, patch sizes, batch and members must be ≥ 1, copies"
                    + " ≥ 0");
            }
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
            }
            if (!(overlap >= 0 && overlap < 1)) {
                throw new IllegalArgumentException("overlap must be in [0, 1), got " + overlap);
            }
        }

        boolean slices() {
            return "unet2d".equals(architecture);
        }
    }

    private ModelTraining() {
    }

    /**
     * Trains and writes the bundle.
     *
     * @return the bundle's model.json
     */
    public static ModelJson run(Request r, PrintWriter log) throws IOException {
        List<TrainingSubject> all = SubjectFolders.discover(r.data(), r.channels());
        TrainingSubject first = all.get(0);
        double[] spacing = first.geometry().spacingMm();
        String orientation = Orientation.axisCodes(first.geometry());
        for (TrainingSubject s : all) {
            if (!Orientation.axisCodes(s.geometry()).equals(orientation) || !sameSpacing(s, spacing)) {
                throw new InvalidInputException("subject " + s.id() + " is not on the spacing and orientation of "
                    + first.id() + " (" + orientation + ", " + java.util.Arrays.toString(spacing)
                    + " mm): resample the training data to one grid first");
            }
        }
        List<TrainingSubject> training = new ArrayList<>();
        List<TrainingSubject> validation = new ArrayList<>();
        split(all, r.validation(), training, validation);
        log.printf(Locale.ROOT, "train: %d training subject(s) %s, validation %s%n", training.size(), ids(training),
            validation.isEmpty() ? "patches of the training subjects" : ids(validation));
        int[] patch = r.slices() ? new int[] {1, r.patch(), r.patch()} : new int[] {r.patch(), r.patch(), r.patch()};
        NetworkSpec network = r.slices()
            ? UNet2dSpec.defaults(r.channels().size()).withSize(r.depth(), r.baseWidth())
            : UNet3dSpec.defaults(r.channels().size()).withSize(r.depth(), r.baseWidth());
        List<TrainingSubject> checked = new ArrayList<>(validation.isEmpty() ? training : validation);
        checked.replaceAll(r.normalisation()::apply);
        LesionPasting pasting = r.lesionLibrary() != null && r.syntheticCopies() + r.inPlaceCopies() > 0
            ? LesionPasting.of(r, training) : null;
        List<TrainingLoop.Outcome> outcomes = new ArrayList<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int m = 0; m < r.members(); m++) {
            long seed = r.seed() + m;
            if (r.members() > 1) {
                log.printf(Locale.ROOT, "train: ensemble member %d of %d, seed %d%n", m + 1, r.members(), seed);
            }
            TrainingLoop.Outcome outcome = trainMember(r, network, patch, training, pasting, checked, seed,
                checkpointFolder(r.out(), m), log);
            outcomes.add(outcome);
            files.put(weightsFile(m), Weights.toHalfPrecision(outcome.bestWeights()));
        }
        int[] window = r.slices() ? new int[] {1, r.inferencePatch(), r.inferencePatch()}
            : new int[] {r.inferencePatch(), r.inferencePatch(), r.inferencePatch()};
        network.inputShape(1, r.slices() ? new int[] {window[1], window[2]} : window);
        ModelJson model = modelJson(r, network, spacing, orientation, window, training, validation, outcomes);
        return ModelBundle.write(r.out(), model, files);
    }

    /**
     * One network trained exactly as a single-member run with {@code seed} would be: synthetic copies, batches,
     * validation patches and initial weights all follow that seed.
     *
     * @param rawTraining the training subjects before normalisation (synthetic lesions are pasted into raw
     *                    intensities)
     * @param pasting     where synthetic lesions come from and go, or null for none
     * @param checked     the normalised subjects whose fixed patches validate each epoch
     */
    private static TrainingLoop.Outcome trainMember(Request r, NetworkSpec network, int[] patch,
                                                    List<TrainingSubject> rawTraining, LesionPasting pasting,
                                                    List<TrainingSubject> checked, long seed, Path checkpoints,
                                                    PrintWriter log) throws IOException {
        InputNormalisation normalisation = r.normalisation();
        List<TrainingSubject> sampled = new ArrayList<>(rawTraining);
        if (pasting != null) {
            sampled.addAll(pasting.copies(r.syntheticCopies(), r.inPlaceCopies(), seed, log));
        }
        sampled.replaceAll(normalisation::apply);
        log.flush();
        PatchBatches batches = new PatchBatches(new PatchSampler(sampled, patch), Augmentation.withDefaults()::apply,
            r.batch(), r.slices());
        List<Patch> validationPatches = new ArrayList<>();
        for (TrainingSubject s : checked) {
            validationPatches.addAll(PatchSampler.validationPatches(s, patch, VALIDATION_PATCHES, seed + 1));
        }
        Validation check = new Validation(PatchBatches.fixed(validationPatches, r.batch(), r.slices()));
        int[] spatial = r.slices() ? new int[] {patch[1], patch[2]} : patch;
        Shape inputShape = network.inputShape(r.batch(), spatial);
        TrainingLoop loop = new TrainingLoop(network.newBlock(), inputShape, new ProbabilityLoss(r.loss()),
            new TrainingLoop.Settings(r.epochs(), r.stepsPerEpoch(), PlateauSchedule.Settings.DEFAULT, seed));
        log.printf(Locale.ROOT, "train: %s %s on %s, patches %s, batch %d, %d × %d steps%n", r.architecture(),
            network.toMap(), DlEngine.describe(), java.util.Arrays.toString(patch), r.batch(), r.epochs(),
            r.stepsPerEpoch());
        // A resumed ensemble may have stopped before a later member began: that member starts afresh.
        boolean resume = r.resume() && (checkpoints.equals(checkpointFolder(r.out(), 0))
            || Files.isRegularFile(new Checkpoints(checkpoints).state()));
        return loop.run(batches, check, checkpoints, resume, log);
    }

    /** Member 1 keeps the single-model folder OUT/checkpoints, so older runs resume; member k ≥ 2 a subfolder. */
    static Path checkpointFolder(Path out, int member) {
        Path base = out.resolve("checkpoints");
        return member == 0 ? base : base.resolve("member-" + (member + 1));
    }

    /** Member 1's weights keep the single-model name. */
    static String weightsFile(int member) {
        return member == 0 ? WEIGHTS_FILE : "weights-member-" + (member + 1) + ".params";
    }

    /**
     * The lesion shape library, the whole library masks (when pasted in place) and the training subjects'
     * white-matter targets, loaded and prepared once for all ensemble members: none depends on a member's seed.
     */
    private record LesionPasting(SyntheticLesions library, Map<String, Mask> wholeMasks,
                                 List<SyntheticLesions.Target> targets) {
        static LesionPasting of(Request r, List<TrainingSubject> training) {
            Map<String, Mask> masks = SyntheticLesions.readMasks(r.lesionLibrary(), r.lesionFile(),
                r.excludeFromLibrary());
            return new LesionPasting(SyntheticLesions.fromMasks(masks), r.inPlaceCopies() > 0 ? masks : Map.of(),
                training.stream().map(SyntheticLesions::prepare).toList());
        }

        /**
         * Copies of the training subjects with synthetic lesions pasted into their white matter (raw
         * intensities): {@code perSubject} with shapes at random places, then {@code inPlace} with one whole
         * mask of another subject each.
         */
        List<TrainingSubject> copies(int perSubject, int inPlace, long seed, PrintWriter log) {
            SplittableRandom random = new SplittableRandom(seed);
            List<TrainingSubject> copies = new ArrayList<>();
            int pasted = 0;
            for (SyntheticLesions.Target target : targets) {
                for (int k = 0; k < perSubject; k++) {
                    SyntheticLesions.Result result = library.paste(target, SYNTHETIC_LESIONS_PER_COPY, random);
                    copies.add(result.subject());
                    pasted += result.pasted();
                }
            }
            if (perSubject > 0) {
                log.printf(Locale.ROOT, "train: %d synthetic copies, %d lesions pasted, shapes from %d masks%n",
                    copies.size(), pasted, library.sourceIds().size());
            }
            int before = copies.size();
            int inPlaceLesions = 0;
            for (SyntheticLesions.Target target : targets) {
                List<Mask> others = wholeMasks.entrySet().stream()
                    .filter(e -> !e.getKey().equalsIgnoreCase(target.subject().id())).map(Map.Entry::getValue)
                    .toList();
                for (int k = 0; k < inPlace && !others.isEmpty(); k++) {
                    SyntheticLesions.Result result = SyntheticLesions.pasteInPlace(target,
                        others.get(random.nextInt(others.size())), random);
                    copies.add(result.subject());
                    inPlaceLesions += result.pasted();
                }
            }
            if (inPlace > 0) {
                log.printf(Locale.ROOT, "train: %d copies with a whole mask in place, %d lesions pasted%n",
                    copies.size() - before, inPlaceLesions);
            }
            return copies;
        }
    }

    /** Pasted lesions per synthetic copy. */
    static final int SYNTHETIC_LESIONS_PER_COPY = 12;
    /** The weights file in the bundle. */
    static final String WEIGHTS_FILE = "weights.params";

    private static ModelJson modelJson(Request r, NetworkSpec network, double[] spacing, String orientation,
                                       int[] patch, List<TrainingSubject> trained, List<TrainingSubject> validation,
                                       List<TrainingLoop.Outcome> outcomes) {
        List<String> runs = new ArrayList<>();
        List<Double> bestScores = new ArrayList<>();
        List<ModelJson.WeightsFile> weights = new ArrayList<>();
        int epochs = 0;
        double seconds = 0;
        for (int m = 0; m < outcomes.size(); m++) {
            TrainingLoop.Outcome o = outcomes.get(m);
            TrainingState state = o.state();
            String run = String.format(Locale.ROOT, "best epoch %d of %d%s", state.bestEpoch(), state.epoch(),
                o.stoppedEarly() ? " (early stop)" : "");
            runs.add(outcomes.size() == 1 ? run : "seed " + (r.seed() + m) + ": " + run);
            bestScores.add(state.bestScore());
            weights.add(new ModelJson.WeightsFile(weightsFile(m), null,
                outcomes.size() == 1 ? "best" : "best, seed " + (r.seed() + m)));
            epochs = Math.max(epochs, state.epoch());
            seconds += state.seconds();
        }
        PlateauSchedule.Settings schedule = PlateauSchedule.Settings.DEFAULT;
        String procedure = String.format(Locale.ROOT, "loss %s; Adam, learning rate %.0e decayed ×%.1f after %d"
                + " epochs without validation improvement down to %.0e, early stop after %d; %d steps per epoch of"
                + " %d patch(es) of %d voxels; lesion-centred patch fraction %.2f; validation: %s; %s%s",
            r.loss().optionName(), schedule.initial(), schedule.factor(), schedule.patience(), schedule.floor(),
            schedule.stopPatience(), r.stepsPerEpoch(), r.batch(), r.patch(),
            PatchSampler.DEFAULT_LESION_FRACTION,
            validation.isEmpty() ? "fixed patches of the training subjects" : "subjects " + ids(validation),
            outcomes.size() == 1 ? "" : "ensemble of " + outcomes.size() + " members trained one after the other, ",
            String.join("; ", runs));
        String augmentation = Augmentation.withDefaults().config().toString()
            + (r.lesionLibrary() != null && r.syntheticCopies() > 0 ? "; synthetic lesions: " + r.syntheticCopies()
            + " copies per subject × " + SYNTHETIC_LESIONS_PER_COPY + " pasted lesions, shapes from "
            + r.lesionLibrary().getFileName() + "/*/" + r.lesionFile() + (r.excludeFromLibrary().isEmpty() ? ""
            : " without " + r.excludeFromLibrary()) : "")
            + (r.lesionLibrary() != null && r.inPlaceCopies() > 0 ? "; whole masks in place: " + r.inPlaceCopies()
            + " copies per subject, each with all lesions of another subject's library mask where they lie" : "");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validation_dice_best", bestScores.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        if (outcomes.size() > 1) {
            metrics.put("validation_dice_best_by_member", bestScores);
        }
        metrics.put("validation", validation.isEmpty() ? "training-subject patches" : ids(validation));
        ModelJson.Training training = new ModelJson.Training(r.data().getFileName().toString(), ids(trained),
            procedure, augmentation, epochs, r.seed(), seconds, String.join(" ", r.command()));
        return new ModelJson(ModelJson.FORMAT_VERSION, r.name(), r.architecture(), network.toMap(), r.channels(),
            "native", new ModelJson.Spacing(spacing[0], spacing[1], spacing[2]), orientation,
            r.normalisation().cardName(), List.of(patch[0], patch[1], patch[2]), r.overlap(), r.threshold(), null,
            DEFAULT_MIN_LESION_MM3, training, metrics, r.license(), weights, r.createdBy());
    }

    /** Default smallest lesion, mm³. */
    static final double DEFAULT_MIN_LESION_MM3 = 3;

    static void split(List<TrainingSubject> all, List<String> validationIds, List<TrainingSubject> training,
                              List<TrainingSubject> validation) {
        for (String id : validationIds) {
            if (all.stream().noneMatch(s -> s.id().equals(id))) {
                throw new InvalidInputException("validation subject " + id + " is not among " + ids(all));
            }
        }
        for (TrainingSubject s : all) {
            if (validationIds.contains(s.id())) {
                validation.add(s);
            } else {
                training.add(s);
            }
        }
        if (validationIds.isEmpty() && all.size() >= 3) {
            validation.add(training.remove(training.size() - 1));
        }
        if (training.isEmpty()) {
            throw new InvalidInputException("no training subject left after the validation split");
        }
    }

    static boolean sameSpacing(TrainingSubject s, double[] spacing) {
        double[] sp = s.geometry().spacingMm();
        for (int a = 0; a < 3; a++) {
            if (Math.abs(sp[a] - spacing[a]) > 1e-3 * spacing[a]) {
                return false;
            }
        }
        return true;
    }

    static List<String> ids(List<TrainingSubject> subjects) {
        return subjects.stream().map(TrainingSubject::id).toList();
    }
}

package org.plaque.dl.bundle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.plaque.InvalidInputException;
import org.plaque.dl.data.InputNormalisation;

/**
 * The model card of a {@link ModelBundle}, stored as {@code model.json}: what the network is, what input it
 * expects, how it was trained and how well it did, and the checksums of its weights. JSON keys are the
 * snake_case forms of the component names ({@code input_channels}, {@code spacing_mm}, ...).
 *
 * <pre>{@code
 * {
 *   "format_version": 1, "name": "plaque-unet3d-default", "architecture": "unet3d",
 *   "hyper_parameters": {"depth": 4, "base_width": 16, "dropout": 0.1},
 *   "input_channels": ["FLAIR"], "space": "MNI152", "spacing_mm": {"x": 1.0, "y": 1.0, "z": 1.0},
 *   "orientation": "RAS", "normalisation": "zscore-brain", "patch_size": [64, 64, 64], "overlap": 0.5,
 *   "threshold": 0.5, "min_lesion_voxels": 3, "min_lesion_mm3": 3.0,
 *   "training": {"data": "...", "subjects": ["patient07"], "procedure": "...", "augmentation": "...",
 *                "epochs": 100, "seed": 42, "time_seconds": 3600.0, "command": "plaque train ..."},
 *   "metrics": {"dice_loo": 0.71}, "license": "CC-BY-4.0",
 *   "weights": [{"file": "weights.params", "sha256": "...", "role": "checkpoint"}],
 *   "created_by": "Plaque 0.1.0"
 * }
 * }</pre>
 *
 * <p>Required: {@code format_version} (at most {@value #FORMAT_VERSION}), {@code name}, {@code architecture}
 * (one of {@link #ARCHITECTURES}), {@code input_channels} (non-empty, distinct), {@code space} (one of
 * {@link #SPACES}), {@code spacing_mm} (finite, positive), {@code orientation} (a three-letter axis code such as
 * {@code RAS} or {@code LAS}), {@code normalisation} (one of {@link InputNormalisation}; a newlesion-filter
 * names its own), {@code patch_size} (three positive sizes {D, H, W} in voxels, z-y-x; {@code D = 1} for the
 * 2-D slice network), {@code threshold} (in (0, 1)) and {@code weights} (at least one plain file name with its
 * SHA-256). Optional: {@code overlap} (in [0, 1), default {@value #DEFAULT_OVERLAP}), {@code min_lesion_voxels}
 * / {@code min_lesion_mm3} (>= 0, default 0), and the descriptive fields. Unknown keys are ignored so that later
 * versions can add some. {@link #validate()} checks all of this; the compact constructor only freezes the
 * collections.
 *
 * @param formatVersion   version of this layout ({@value #FORMAT_VERSION})
 * @param name            the model's name
 * @param architecture    {@code unet3d}, {@code unet2d}, {@code cascade} or {@code newlesion-filter}
 * @param hyperParameters network hyper-parameters (depth, widths, dropout, ...), as the network code reads them
 * @param inputChannels   the modalities in network channel order, e.g. {@code ["FLAIR", "T1"]}
 * @param space           {@code native} or {@code MNI152}: where the input must be before inference
 * @param spacingMm       the voxel spacing the network was trained at, mm
 * @param orientation     axis code of the training grid, e.g. {@code RAS}
 * @param normalisation   the intensity normalisation, e.g. {@code zscore-brain}
 * @param patchSize       {D, H, W} voxels (z, y, x)
 * @param overlap         sliding-window overlap fraction, or null for the default
 * @param threshold       probability threshold of the lesion mask, in (0, 1)
 * @param minLesionVoxels smallest lesion kept, voxels, or null
 * @param minLesionMm3    smallest lesion kept, mm³, or null
 * @param training        how the model was trained, or null
 * @param metrics         evaluation results (e.g. leave-one-out Dice), possibly empty
 * @param license         the weights' licence, or null
 * @param weights         the weights files (several for ensembles or cascade stages)
 * @param createdBy       the program that wrote the bundle, e.g. {@code Plaque 0.1.0}, or null
 */
public record ModelJson(Integer formatVersion, String name, String architecture, Map<String, Object> hyperParameters,
                        List<String> inputChannels, String space, Spacing spacingMm, String orientation,
                        String normalisation, List<Integer> patchSize, Double overlap, Double threshold,
                        Integer minLesionVoxels, Double minLesionMm3, Training training, Map<String, Object> metrics,
                        String license, List<WeightsFile> weights, String createdBy) {
    /** The {@code format_version} this class writes and the largest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Known architectures. */
    public static final List<String> ARCHITECTURES = List.of("unet3d", "unet2d", "cascade", "newlesion-filter");
    /** Known spaces. */
    public static final List<String> SPACES = List.of("native", "MNI152");
    /** Overlap used when the card gives none. */
    public static final double DEFAULT_OVERLAP = 0.5;

    /**
     * Voxel spacing in millimetres along x, y, z.
     *
     * @param x spacing along the first voxel axis, mm
     * @param y spacing along the second voxel axis, mm
     * @param z spacing along the third voxel axis, mm
     */
    public record Spacing(double x, double y, double z) {
    }

    /**
     * How a model was trained; every field may be null.
     *
     * @param data         description of the training data
     * @param subjects     the training subjects (identifiers)
     * @param procedure    losses, optimiser, schedule, early stopping
     * @param augmentation the augmentations used
     * @param epochs       epochs trained
     * @param seed         random seed
     * @param timeSeconds  wall time of training, seconds
     * @param command      the command line that reproduces the training
     */
    public record Training(String data, List<String> subjects, String procedure, String augmentation, Integer epochs,
                           Long seed, Double timeSeconds, String command) {
        /** Freezes the list. */
        public Training {
            subjects = subjects == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(subjects));
        }
    }

    /**
     * One weights file of the bundle.
     *
     * @param file   plain file name inside the bundle (no folders)
     * @param sha256 its SHA-256, 64 lower-case hex digits (filled in by {@link ModelBundle#write})
     * @param role   what it is, e.g. {@code checkpoint}, {@code stage1}, {@code stage2}, or null
     */
    public record WeightsFile(String file, String sha256, String role) {
    }

    /** Freezes the collections (null becomes empty). */
    public ModelJson {
        hyperParameters = frozen(hyperParameters);
        metrics = frozen(metrics);
        inputChannels = inputChannels == null ? null : Collections.unmodifiableList(new ArrayList<>(inputChannels));
        patchSize = patchSize == null ? null : Collections.unmodifiableList(new ArrayList<>(patchSize));
        weights = weights == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(weights));
    }

    private static Map<String, Object> frozen(Map<String, Object> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m == null ? Map.of() : m));
    }

    /** The same card with other weights entries. */
    public ModelJson withWeights(List<WeightsFile> newWeights) {
        return new ModelJson(formatVersion, name, architecture, hyperParameters, inputChannels, space, spacingMm,
            orientation, normalisation, patchSize, overlap, threshold, minLesionVoxels, minLesionMm3, training, metrics,
            license, newWeights, createdBy);
    }

    /** The patch shape {D, H, W} (valid cards only). */
    public int[] patchShape() {
        return patchSize.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The overlap, or {@link #DEFAULT_OVERLAP} when the card gives none. */
    public double overlapOrDefault() {
        return overlap == null ? DEFAULT_OVERLAP : overlap;
    }

    /** The weights files' names in card order. */
    public List<String> weightsFileNames() {
        return weights.stream().map(WeightsFile::file).toList();
    }

    /**
     * Checks every rule of the class comment.
     *
     * @throws InvalidInputException with one line naming the first field that is wrong
     */
    public void validate() {
        if (formatVersion == null) {
            throw missing("format_version");
        }
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            throw bad("format_version " + formatVersion + " is not supported (this Plaque reads 1.." + FORMAT_VERSION
                + ")");
        }
        requireText(name, "name");
        requireText(architecture, "architecture");
        if (!ARCHITECTURES.contains(architecture)) {
            throw bad("\"architecture\" is \"" + architecture + "\", expected one of " + String.join(", ",
                ARCHITECTURES));
        }
        if (inputChannels == null || inputChannels.isEmpty()) {
            throw missing("input_channels");
        }
        Set<String> seen = new HashSet<>();
        for (String c : inputChannels) {
            if (c == null || c.isBlank()) {
                throw bad("\"input_channels\" holds an empty name");
            }
            if (!seen.add(c.toUpperCase(Locale.ROOT))) {
                throw bad("\"input_channels\" names " + c + " twice");
            }
        }
        requireText(space, "space");
        if (!SPACES.contains(space)) {
            throw bad("\"space\" is \"" + space + "\", expected one of " + String.join(", ", SPACES));
        }
        if (spacingMm == null) {
            throw missing("spacing_mm");
        }
        for (double s : new double[] {spacingMm.x(), spacingMm.y(), spacingMm.z()}) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw bad("\"spacing_mm\" must be finite and positive, got " + spacingMm.x() + ", " + spacingMm.y()
                    + ", " + spacingMm.z());
            }
        }
        requireText(orientation, "orientation");
        if (!isAxisCode(orientation)) {
            throw bad("\"orientation\" is \"" + orientation + "\", expected a code such as RAS or LAS (one of R/L, "
                + "A/P, S/I per axis)");
        }
        requireText(normalisation, "normalisation");
        if (!"newlesion-filter".equals(architecture)) {
            // The segmentation networks share the input normalisations; the longitudinal filter names its own.
            try {
                InputNormalisation.of(normalisation);
            } catch (InvalidInputException e) {
                throw bad("\"normalisation\": " + e.getMessage());
            }
        }
        if (patchSize == null) {
            throw missing("patch_size");
        }
        if (patchSize.size() != 3 || patchSize.stream().anyMatch(p -> p == null || p < 1)) {
            throw bad("\"patch_size\" must be three positive sizes [D, H, W], got " + patchSize);
        }
        if (overlap != null && !(overlap >= 0 && overlap < 1)) {
            throw bad("\"overlap\" must be in [0, 1), got " + overlap);
        }
        if (threshold == null) {
            throw missing("threshold");
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw bad("\"threshold\" must be in (0, 1), got " + threshold);
        }
        if (minLesionVoxels != null && minLesionVoxels < 0) {
            throw bad("\"min_lesion_voxels\" must be >= 0, got " + minLesionVoxels);
        }
        if (minLesionMm3 != null && !(minLesionMm3 >= 0 && Double.isFinite(minLesionMm3))) {
            throw bad("\"min_lesion_mm3\" must be finite and >= 0, got " + minLesionMm3);
        }
        if (weights.isEmpty()) {
            throw missing("weights");
        }
        Set<String> files = new HashSet<>();
        for (WeightsFile w : weights) {
            if (w == null || w.file() == null) {
                throw bad("a \"weights\" entry has no \"file\"");
            }
            requirePlainFileName(w.file());
            if (!files.add(w.file())) {
                throw bad("\"weights\" lists " + w.file() + " twice");
            }
            if (!Sha256.isCanonical(w.sha256())) {
                throw bad("\"weights\" entry " + w.file() + " has no valid \"sha256\" (64 lower-case hex digits)");
            }
        }
    }

    /** Whether a weights name is a plain file name that cannot leave the bundle. */
    static void requirePlainFileName(String file) {
        if (file.isEmpty() || file.equals(".") || file.equals("..") || file.indexOf('/') >= 0
            || file.indexOf('\\') >= 0 || file.indexOf(':') >= 0 || file.indexOf('\0') >= 0
            || file.equals(ModelBundle.MODEL_JSON)) {
            throw bad("weights file name \"" + file + "\" must be a plain file name inside the bundle (not "
                + ModelBundle.MODEL_JSON + ")");
        }
    }

    private static boolean isAxisCode(String code) {
        if (code.length() != 3) {
            return false;
        }
        String[] pairs = {"RL", "AP", "SI"};
        boolean[] used = new boolean[3];
        for (char ch : code.toCharArray()) {
            int axis = -1;
            for (int p = 0; p < 3; p++) {
                if (pairs[p].indexOf(ch) >= 0) {
                    axis = p;
                }
            }
            if (axis < 0 || used[axis]) {
                return false;
            }
            used[axis] = true;
        }
        return true;
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw missing(key);
        }
    }

    private static InvalidInputException missing(String key) {
        return new InvalidInputException("model.json: \"" + key + "\" is missing");
    }

    private static InvalidInputException bad(String what) {
        return new InvalidInputException("model.json: " + what);
    }
}

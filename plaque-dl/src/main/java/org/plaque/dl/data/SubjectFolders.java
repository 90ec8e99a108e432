package org.plaque.dl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.plaque.InvalidInputException;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;

/**
 * Finds and reads the training subjects of a data folder.
 *
 * <p><b>Layouts</b> (file names case-insensitive; {@code .nii.gz} or {@code .nii}):
 * <ul>
 *   <li><b>Flat:</b> {@code DIR/<subject>/<CHANNEL>.nii.gz} for every requested channel, plus one lesion mask
 *       named {@code mask}, {@code lesion}, {@code lesions}, {@code lesion_mask}, {@code lesionmask},
 *       {@code gold_standard} (the Lesjak MNI layout {@code patientNN/GOLD_STANDARD.nii.gz}),
 *       {@code consensus_gt}, {@code ground_truth} or {@code seg}. A channel {@code T1} also matches a file
 *       {@code T1w} (likewise any channel + "w").</li>
 *   <li><b>BIDS-like:</b> {@code DIR/sub-X/anat/sub-X[_key-value…]_<CHANNEL>.nii.gz} (the suffix after the last
 *       underscore is the channel, e.g. {@code _FLAIR}, {@code _T1w}); the lesion mask is
 *       {@code sub-X/anat/sub-X_label-lesion_mask.nii.gz}, or any file named {@code sub-X_…mask….nii.gz} or
 *       {@code sub-X_…lesion….nii.gz} under {@code DIR/derivatives/} (at most 6 folders deep) that does not
 *       mention {@code brain}. Sessions are not handled: one image per channel per subject.</li>
 * </ul>
 * <b>Brain mask:</b> a file named {@code brainmask}, {@code brain_mask} or {@code brain-mask} (BIDS: a name
 * containing {@code brainmask}, {@code brain_mask}, {@code label-brain} or {@code desc-brain}) when present;
 * otherwise the non-zero voxels of the FLAIR channel (of the first channel when no channel is named FLAIR)
 * joined with the lesion mask, which presumes skull-stripped images with an exactly zero background.
 *
 * <p>Subject folders are visited in name order; folders without any NIfTI file, hidden folders and the BIDS
 * folders {@code derivatives}, {@code sourcedata} and {@code code} are skipped. Failures are
 * {@link InvalidInputException}s naming the subject and file: a missing channel or lesion mask, two files
 * for one role, images on different grids, an unreadable file, or a folder with no subject at all.
 */
public final class SubjectFolders {
    private static final Set<String> LESION_NAMES = Set.of("mask", "lesion", "lesions", "lesion_mask",
        "lesionmask", "gold_standard", "consensus_gt", "ground_truth", "seg");
    private static final Set<String> BRAIN_NAMES = Set.of("brainmask", "brain_mask", "brain-mask");
    private static final Set<String> SKIPPED = Set.of("derivatives", "sourcedata", "code");

    private SubjectFolders() {
    }

    /**
     * The subjects of {@code dir} with the given channels, read with {@link NiftiReader#withDefaults()}.
     *
     * @param dir      the data folder
     * @param channels channel names in network input order, e.g. {@code List.of("FLAIR", "T1", "T2")}
     * @return subjects in folder-name order, never empty
     * @throws InvalidInputException see the class comment
     */
    public static List<TrainingSubject> discover(Path dir, List<String> channels) {
        Objects.requireNonNull(dir, "dir");
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("at least one channel must be requested");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": training data folder does not exist or is not a folder");
        }
        List<Path> derivatives = derivativeFiles(dir.resolve("derivatives"));
        List<TrainingSubject> subjects = new ArrayList<>();
        for (Path sub : listSorted(dir)) {
            String name = sub.getFileName().toString();
            if (!Files.isDirectory(sub) || name.startsWith(".") || SKIPPED.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            TrainingSubject s = readSubject(sub, name, channels, derivatives);
            if (s != null) {
                subjects.add(s);
            }
        }
        if (subjects.isEmpty()) {
            throw new InvalidInputException(dir + ": no training subjects found (expected folders like "
                + "<subject>/{" + String.join(",", channels) + ",mask}.nii.gz or a BIDS-like sub-X/anat/ layout)");
        }
        return List.copyOf(subjects);
    }

    /** Reads one subject folder, or returns null when it holds no NIfTI file at all. */
    private static TrainingSubject readSubject(Path sub, String id, List<String> channels, List<Path> derivatives) {
        Path anat = sub.resolve("anat");
        boolean bids = Files.isDirectory(anat);
        List<Path> files = niftiFiles(bids ? anat : sub);
        if (files.isEmpty()) {
            return null;
        }
        Path[] channelFiles = new Path[channels.size()];
        Path lesionFile = null;
        Path brainFile = null;
        for (Path f : files) {
            String stem = stem(f);
            String suffix = bids ? stem.substring(stem.lastIndexOf('_') + 1) : stem;
            int c = matchChannel(suffix, channels);
            if (c >= 0) {
                channelFiles[c] = unique(channelFiles[c], f, id, channels.get(c));
            } else if (isBrainMask(stem, bids)) {
                brainFile = unique(brainFile, f, id, "brain mask");
            } else if (bids ? stem.contains("label-lesion") : LESION_NAMES.contains(stem)) {
                lesionFile = unique(lesionFile, f, id, "lesion mask");
            }
        }
        if (bids) {
            String prefix = id.toLowerCase(Locale.ROOT) + "_";
            for (Path f : derivatives) {
                String stem = stem(f);
                if (!stem.startsWith(prefix)) {
                    continue;
                }
                if (isBrainMask(stem, true)) {
                    brainFile = unique(brainFile, f, id, "brain mask");
                } else if (!stem.contains("brain") && (stem.contains("mask") || stem.contains("lesion"))) {
                    lesionFile = unique(lesionFile, f, id, "lesion mask");
                }
            }
        }
        for (int c = 0; c < channels.size(); c++) {
            if (channelFiles[c] == null) {
                throw new InvalidInputException("subject " + id + " (" + sub + ") has no " + channels.get(c)
                    + " image (expected " + (bids ? "anat/" + id + "_" + channels.get(c) : channels.get(c))
                    + ".nii.gz)");
            }
        }
        if (lesionFile == null) {
            throw new InvalidInputException("subject " + id + " (" + sub + ") has no lesion mask (expected "
                + (bids ? "anat/" + id + "_label-lesion_mask.nii.gz or derivatives/…/" + id + "_…mask.nii.gz"
                : "mask.nii.gz or GOLD_STANDARD.nii.gz") + ")");
        }
        NiftiReader reader = NiftiReader.withDefaults();
        List<ScalarVolume> images = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            ScalarVolume v = reader.readScalar(channelFiles[c]);
            if (c > 0) {
                requireGrid(images.get(0), v.geometry(), id, channelFiles[0], channelFiles[c]);
            }
            images.add(v);
        }
        Mask lesion = reader.readMask(lesionFile);
        requireGrid(images.get(0), lesion.geometry(), id, channelFiles[0], lesionFile);
        Mask brain;
        if (brainFile != null) {
            brain = reader.readMask(brainFile);
            requireGrid(images.get(0), brain.geometry(), id, channelFiles[0], brainFile);
        } else {
            int ref = 0;
            for (int c = 0; c < channels.size(); c++) {
                if (channels.get(c).equalsIgnoreCase("FLAIR")) {
                    ref = c;
                }
            }
            brain = nonZeroOrLesion(images.get(ref), lesion);
            if (brain.count() == 0) {
                throw new InvalidInputException("subject " + id + ": " + channelFiles[ref]
                    + " is zero everywhere, so no brain mask can be derived from it");
            }
        }
        try {
            return new TrainingSubject(id, channels, images, lesion, brain);
        } catch (InvalidInputException e) {
            throw e.inFile(sub);
        }
    }

    private static void requireGrid(ScalarVolume ref, org.plaque.geom.ImageGeometry g, String id, Path refFile,
                                    Path file) {
        if (!ref.geometry().sameGrid(g, Tolerance.DEFAULT)) {
            throw new InvalidInputException("subject " + id + ": " + file + " is not on the grid of " + refFile
                + " (" + g + " vs " + ref.geometry() + ")");
        }
    }

    private static Mask nonZeroOrLesion(ScalarVolume image, Mask lesion) {
        Mask.Builder b = Mask.builder(image.geometry());
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = image.get(i) != 0f || lesion.get(i);
        }
        return b.build();
    }

    private static int matchChannel(String suffix, List<String> channels) {
        for (int c = 0; c < channels.size(); c++) {
            String ch = channels.get(c).toLowerCase(Locale.ROOT);
            if (suffix.equals(ch) || suffix.equals(ch + "w")) {
                return c;
            }
        }
        return -1;
    }

    private static boolean isBrainMask(String stem, boolean bids) {
        if (BRAIN_NAMES.contains(stem)) {
            return true;
        }
        return bids && (stem.contains("brainmask") || stem.contains("brain_mask") || stem.contains("label-brain")
            || stem.contains("desc-brain"));
    }

    private static Path unique(Path previous, Path f, String id, String role) {
        if (previous != null) {
            throw new InvalidInputException("subject " + id + " has two files for the " + role + ": " + previous
                + " and " + f);
        }
        return f;
    }

    /** Lower-case file name without {@code .nii.gz} / {@code .nii}. */
    static String stem(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".nii.gz")) {
            return n.substring(0, n.length() - 7);
        }
        return n.substring(0, n.length() - 4);
    }

    private static boolean isNifti(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return (n.endsWith(".nii.gz") || n.endsWith(".nii")) && Files.isRegularFile(f);
    }

    private static List<Path> niftiFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path p : listSorted(dir)) {
            if (isNifti(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<Path> derivativeFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, 6)) {
            return s.filter(SubjectFolders::isNifti).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> listSorted(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.plaque.pipeline.atlas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.plaque.InvalidInputException;

/**
 * The files of an atlas folder: the five images under their canonical names ({@link AtlasImage}), the
 * optional description {@value #METADATA_FILE} and the licence text {@value #LICENSE_FILE} kept with
 * installed atlases.
 *
 * <pre>
 * DIR/t1.nii.gz  wm.nii.gz  gm.nii.gz  csf.nii.gz  brain_mask.nii.gz   (required, one grid)
 * DIR/atlas.json                                                       (optional: name, source, checksums)
 * DIR/LICENSE.txt                                                      (licence notice of the source)
 * </pre>
 */
public final class AtlasLayout {
    /** The description file: name, version, source, licence, citations, checksums. */
    public static final String METADATA_FILE = "atlas.json";
    /** The licence notice written with an installed atlas when its source has none of its own. */
    public static final String LICENSE_FILE = "LICENSE.txt";
    /** How to get a working atlas; appended to messages about a missing or broken one. */
    static final String INSTALL_HINT = "install one with: plaque atlas install --from DIR|ZIP|URL (see docs/ATLAS.md)";

    private AtlasLayout() {
    }

    /** The path of {@code image} inside {@code dir}. */
    public static Path file(Path dir, AtlasImage image) {
        return dir.resolve(image.fileName());
    }

    /** The images whose canonical file is absent from {@code dir} (all of them when {@code dir} is absent). */
    public static List<AtlasImage> missing(Path dir) {
        List<AtlasImage> missing = new ArrayList<>();
        for (AtlasImage image : AtlasImage.values()) {
            if (!Files.isRegularFile(file(dir, image))) {
                missing.add(image);
            }
        }
        return missing;
    }

    /** Whether {@code dir} holds all five images. */
    public static boolean isComplete(Path dir) {
        return missing(dir).isEmpty();
    }

    /**
     * Checks that {@code dir} is a folder holding all five images.
     *
     * @throws InvalidInputException naming the folder and the missing files, and saying how to fix it
     */
    public static void requireComplete(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("atlas folder " + dir + " does not exist; " + INSTALL_HINT
                + ", or pass --atlas DIR");
        }
        List<AtlasImage> missing = missing(dir);
        if (!missing.isEmpty()) {
            throw new InvalidInputException("atlas folder " + dir + " lacks "
                + missing.stream().map(AtlasImage::fileName).collect(Collectors.joining(", "))
                + " (an atlas holds " + allNames() + " on one grid); reinstall it with --force or "
                + INSTALL_HINT);
        }
    }

    /** "t1.nii.gz, wm.nii.gz, gm.nii.gz, csf.nii.gz and brain_mask.nii.gz". */
    static String allNames() {
        AtlasImage[] all = AtlasImage.values();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                sb.append(i == all.length - 1 ? " and " : ", ");
            }
            sb.append(all[i].fileName());
        }
        return sb.toString();
    }
}

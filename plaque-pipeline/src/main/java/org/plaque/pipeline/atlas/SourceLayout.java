package org.plaque.pipeline.atlas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.plaque.InvalidInputException;

/**
 * What the installer found in a source folder: which file provides each atlas image, in which naming
 * scheme, and the licence files and description that travel with them.
 *
 * <p>Detection: a folder holding any of Plaque's canonical names ({@code t1.nii.gz} …, or the same with
 * {@code .nii}) is in Plaque's layout; one holding any file of the ICBM 2009a release ({@link
 * Icbm2009aRelease}) is that release. Either must then provide all five images. A folder with neither but
 * exactly one sub-folder is searched in that sub-folder (archives usually wrap their files in one), up to
 * {@value #MAX_DEPTH} levels down. Hidden entries and {@code __MACOSX} are ignored.
 *
 * @param kind the naming scheme
 * @param imageDir the folder holding the images
 * @param images the file providing each of the five images
 * @param licenseFiles licence-like files (LICENSE*, LICENCE*, COPYING*, COPYRIGHT*, NOTICE*) of the image
 *     folder and of the folders above it up to the source root, nearest first, one per file name
 * @param metadata the source's own {@code atlas.json}, or null
 */
record SourceLayout(Kind kind, Path imageDir, Map<AtlasImage, Path> images, List<Path> licenseFiles,
                    AtlasMetadata metadata) {
    static final int MAX_DEPTH = 4;
    private static final Pattern LICENSE_NAME =
        Pattern.compile("(?i)(licen[cs]e|copying|copyright|notice)([._-][^/]*)?");

    /** The naming scheme of a source. */
    enum Kind {
        /** Plaque's canonical names. */
        PLAQUE,
        /** The ICBM 2009a nonlinear symmetric release's names. */
        ICBM_2009A
    }

    /** Whether an archive entry with this file name may be needed by an install (so worth unpacking). */
    static boolean isWanted(String fileName) {
        return plaqueImageOf(fileName) != null || Icbm2009aRelease.isReleaseFile(fileName)
            || fileName.equals(AtlasLayout.METADATA_FILE) || LICENSE_NAME.matcher(fileName).matches();
    }

    private static AtlasImage plaqueImageOf(String fileName) {
        for (AtlasImage image : AtlasImage.values()) {
            if (fileName.equals(image.fileName()) || fileName.equals(image.stem() + ".nii")) {
                return image;
            }
        }
        return null;
    }

    /**
     * Finds the atlas in {@code root}.
     *
     * @param label how to name {@code root} in messages
     * @param display turns a path below {@code root} into a name for messages
     * @throws InvalidInputException when no atlas, or an incomplete one, is found
     */
    static SourceLayout detect(Path root, String label, Function<Path, String> display)
        throws IOException {
        Path dir = root;
        for (int depth = 0; ; depth++) {
            List<Path> files = new ArrayList<>();
            List<Path> dirs = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".") || n.equals("__MACOSX")) {
                        continue;
                    }
                    if (Files.isDirectory(p)) {
                        dirs.add(p);
                    } else if (Files.isRegularFile(p)) {
                        files.add(p);
                    }
                }
            }
            Map<AtlasImage, Path> plaque = new EnumMap<>(AtlasImage.class);
            for (Path f : files) {
                AtlasImage image = plaqueImageOf(f.getFileName().toString());
                // .nii.gz wins over .nii when both exist: it is the canonical name.
                if (image != null && (!plaque.containsKey(image) || f.getFileName().toString().endsWith(".gz"))) {
                    plaque.put(image, f);
                }
            }
            if (!plaque.isEmpty()) {
                requireAll(plaque, dir, display, Kind.PLAQUE);
                return new SourceLayout(Kind.PLAQUE, dir, plaque, licenseFiles(root, dir),
                    AtlasMetadata.readIfPresent(dir).orElse(null));
            }
            Map<AtlasImage, Path> icbm = Icbm2009aRelease.choose(files);
            if (!icbm.isEmpty()) {
                requireAll(icbm, dir, display, Kind.ICBM_2009A);
                return new SourceLayout(Kind.ICBM_2009A, dir, icbm, licenseFiles(root, dir), null);
            }
            if (dirs.size() != 1 || depth >= MAX_DEPTH) {
                throw new InvalidInputException(label + ": no atlas found; expected Plaque's layout ("
                    + AtlasLayout.allNames() + ") or the ICBM 2009a release's files (mni_icbm152_*_tal_nlin_sym_09a"
                    + "*.nii[.gz]), at the top or inside one folder (see docs/ATLAS.md)");
            }
            dir = dirs.get(0);
        }
    }

    private static void requireAll(Map<AtlasImage, Path> found, Path dir,
                                   Function<Path, String> display, Kind kind) {
        List<AtlasImage> missing = new ArrayList<>();
        for (AtlasImage image : AtlasImage.values()) {
            if (!found.containsKey(image)) {
                missing.add(image);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String what = missing.stream().map(m -> kind == Kind.PLAQUE ? m.fileName()
            : "the " + m.description() + " (" + Icbm2009aRelease.expectedNames(m) + ")").collect(Collectors.joining(", "));
        throw new InvalidInputException(display.apply(dir) + ": "
            + (kind == Kind.PLAQUE ? "an atlas in Plaque's layout, but it lacks " : "ICBM 2009a files, but it lacks ")
            + what + "; an atlas needs " + AtlasLayout.allNames() + " or their ICBM equivalents");
    }

    private static List<Path> licenseFiles(Path root, Path imageDir) throws IOException {
        List<Path> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Path absRoot = root.toAbsolutePath().normalize();
        for (Path d = imageDir.toAbsolutePath().normalize(); d != null && d.startsWith(absRoot); d = d.getParent()) {
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    String n = p.getFileName().toString();
                    if (Files.isRegularFile(p) && LICENSE_NAME.matcher(n).matches() && !names.contains(n)) {
                        out.add(p);
                        names.add(n);
                    }
                }
            }
        }
        return out;
    }
}

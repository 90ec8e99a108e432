package org.plaque.pipeline.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.plaque.InvalidInputException;

/**
 * Finds one mask file per case, for {@code evaluate-cohort}: in a folder, or from a CSV table.
 *
 * <p>In a folder ({@link #fromFolder}), a case is either a sub-folder holding a file named {@code fileName}
 * (the case is the sub-folder's name: a {@code segment-cohort} output folder with {@code
 * sub-*}/{@code lesion_mask.nii.gz}, or e.g. {@code patient07/GOLD_STANDARD_MNI.nii.gz}), or a
 * {@code .nii.gz}/{@code .nii} file directly in the folder (the case is the file name without extension,
 * e.g. {@code sub-01_ses-02.nii.gz} or {@code patient07.nii.gz}). Names are read by {@link
 * CaseKey#parse}, so {@code sub-patient07} and {@code patient07} are the same case. Hidden entries are
 * skipped; sub-folders without {@code fileName} and other files are ignored.
 *
 * <p>In a CSV ({@link #fromCsv}): columns {@code subject}, optionally {@code session}, and the path column
 * (e.g. {@code truth}); relative paths are resolved against the CSV's folder.
 *
 * <p>Errors ({@link InvalidInputException}, one line): no mask found, a name that gives no usable case label,
 * two masks for one case (also differing only in case), a CSV path that does not exist.
 */
public final class CaseMasks {
    /** The mask file name in each case folder of a {@code segment-cohort} output. */
    public static final String DEFAULT_FILE_NAME = "lesion_mask.nii.gz";

    private CaseMasks() {
    }

    /**
     * The masks of {@code source}: a folder ({@link #fromFolder} with {@code fileName}) or a CSV file
     * ({@link #fromCsv} with {@code column}).
     */
    public static SortedMap<CaseKey, Path> discover(Path source, String fileName, String column) {
        if (Files.isDirectory(source)) {
            return fromFolder(source, fileName);
        }
        if (Files.isRegularFile(source)) {
            return fromCsv(source, column);
        }
        throw new InvalidInputException(source + ": no such folder or CSV file");
    }

    /** The masks in {@code dir}, by case. */
    public static SortedMap<CaseKey, Path> fromFolder(Path dir, String fileName) {
        SortedMap<CaseKey, Path> masks = new TreeMap<>();
        Map<String, Path> folded = new HashMap<>();
        for (Path p : list(dir)) {
            String name = CohortDiscovery.name(p);
            if (name.startsWith(".")) {
                continue;
            }
            Optional<String> caseName = Optional.empty();
            Path mask = p;
            if (Files.isDirectory(p)) {
                mask = p.resolve(fileName);
                if (Files.isRegularFile(mask)) {
                    caseName = Optional.of(name);
                }
            } else if (Files.isRegularFile(p)) {
                caseName = stem(name);
            }
            if (caseName.isEmpty()) {
                continue;
            }
            CaseKey key;
            try {
                key = CaseKey.parse(caseName.get());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(mask + ": cannot tell which case this is: " + e.getMessage(), e);
            }
            add(masks, folded, key, mask.toAbsolutePath().normalize(), dir.toString());
        }
        if (masks.isEmpty()) {
            throw new InvalidInputException(dir + ": no masks (expected */" + fileName
                + " or *.nii.gz files named by case)");
        }
        return masks;
    }

    /** The masks listed in {@code csv}'s {@code column}, by case. */
    public static SortedMap<CaseKey, Path> fromCsv(Path csv, String column) {
        CsvTable table = CsvTable.read(csv);
        String expected = "subject, " + column + ", and optionally session";
        int subject = table.requireColumn(CohortDiscovery.SUBJECT, expected);
        int path = table.requireColumn(column, expected);
        Optional<Integer> session = table.column(CohortDiscovery.SESSION);
        Path base = csv.toAbsolutePath().getParent();
        SortedMap<CaseKey, Path> masks = new TreeMap<>();
        Map<String, Path> folded = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            String where = csv + " line " + row.line();
            String s = CsvTable.field(row, subject);
            String value = CsvTable.field(row, path);
            if (s.isEmpty() || value.isEmpty()) {
                throw new InvalidInputException(where + ": empty " + (s.isEmpty() ? CohortDiscovery.SUBJECT : column));
            }
            CaseKey key;
            try {
                key = CaseKey.of(s, CsvTable.field(row, session));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + ": " + e.getMessage(), e);
            }
            Path p = base.resolve(value).normalize();
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException(where + ": " + column + " mask " + p + " does not exist");
            }
            add(masks, folded, key, p, csv.toString());
        }
        if (masks.isEmpty()) {
            throw new InvalidInputException(csv + ": no cases (only a header)");
        }
        return masks;
    }

    private static void add(SortedMap<CaseKey, Path> masks, Map<String, Path> folded, CaseKey key, Path mask,
                            String source) {
        Path previous = folded.putIfAbsent(key.foldedId(), mask);
        if (previous != null) {
            throw new InvalidInputException(source + ": two masks for case " + key.id() + " (" + previous + ", "
                + mask + ")");
        }
        masks.put(key, mask);
    }

    /** The name without {@code .nii.gz} / {@code .nii}, if it has one of them. */
    static Optional<String> stem(String name) {
        for (String ext : new String[] {".nii.gz", ".nii"}) {
            if (name.endsWith(ext) && name.length() > ext.length()) {
                return Optional.of(name.substring(0, name.length() - ext.length()));
            }
        }
        return Optional.empty();
    }

    private static java.util.List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(dir + ": cannot list the folder (" + e.getCause().getMessage() + ")", e);
        }
    }
}

package org.plaque.pipeline.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.plaque.InvalidInputException;

/**
 * Finds the cases of a cohort in a BIDS folder or a CSV table, checks them and lists them in a stable
 * order (by subject, then session: {@link CaseKey}).
 *
 * <p><b>BIDS</b> ({@link #fromBids}): every {@code sub-<label>} folder of the root holds either
 * {@code anat/} directly (one case) or {@code ses-<label>/anat/} folders (one case per session), or both.
 * Each {@code anat/} folder must hold exactly one {@code *_FLAIR.nii.gz} (or {@code .nii}) and at most one
 * {@code *_T1w} and one {@code *_T2w} image. Other folders and files (e.g. {@code derivatives/}, {@code
 * participants.tsv}) are ignored.
 *
 * <p><b>CSV</b> ({@link #fromCsv}): a header with the columns {@code subject}, {@code flair} and optionally
 * {@code session}, {@code t1}, {@code t2} (any order, any case); one row per case; relative paths are
 * resolved against the CSV's folder; an empty cell means "none".
 *
 * <p>Every problem is one {@link InvalidInputException} naming the folder, file or CSV line: no case
 * at all, a missing FLAIR, an image named in a CSV that does not exist, several FLAIRs in one {@code anat/}
 * folder, the same subject and session twice (also when the names only differ in case, which would share
 * one folder on a case-insensitive file system), an unusable label, an unreadable CSV.
 */
public final class CohortDiscovery {
    /** Column names of a cohort CSV. */
    public static final String SUBJECT = "subject";
    public static final String SESSION = "session";
    public static final String FLAIR = "flair";
    public static final String T1 = "t1";
    public static final String T2 = "t2";

    private CohortDiscovery() {
    }

    /**
     * The cases of {@code input}: a folder is read as BIDS, a file as CSV.
     *
     * @throws InvalidInputException if {@code input} does not exist or describes no valid cohort
     */
    public static List<CohortCase> discover(Path input) {
        if (Files.isDirectory(input)) {
            return fromBids(input);
        }
        if (Files.isRegularFile(input)) {
            return fromCsv(input);
        }
        throw new InvalidInputException(input + ": no such folder or CSV file");
    }

    /** The cases of a BIDS folder, in order. */
    public static List<CohortCase> fromBids(Path root) {
        List<CohortCase> cases = new ArrayList<>();
        List<Path> subjects = list(root).stream()
            .filter(p -> Files.isDirectory(p) && name(p).startsWith("sub-")).toList();
        if (subjects.isEmpty()) {
            throw new InvalidInputException(root + ": no sub-* folders (expected a BIDS layout"
                + " sub-<label>/[ses-<label>/]anat/*_FLAIR.nii.gz, or a CSV file)");
        }
        for (Path subject : subjects) {
            int before = cases.size();
            Path anat = subject.resolve("anat");
            if (Files.isDirectory(anat)) {
                cases.add(bidsCase(bidsKey(subject, ""), anat));
            }
            for (Path session : list(subject)) {
                if (Files.isDirectory(session) && name(session).startsWith("ses-")) {
                    Path sessionAnat = session.resolve("anat");
                    if (!Files.isDirectory(sessionAnat)) {
                        throw new InvalidInputException(session + ": no anat folder with a *_FLAIR.nii.gz image");
                    }
                    cases.add(bidsCase(bidsKey(subject, name(session)), sessionAnat));
                }
            }
            if (cases.size() == before) {
                throw new InvalidInputException(subject + ": no anat/ or ses-*/anat/ folder with a *_FLAIR.nii.gz"
                    + " image");
            }
        }
        return ordered(cases, root.toString());
    }

    private static CaseKey bidsKey(Path subject, String session) {
        try {
            return CaseKey.of(name(subject), session);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(subject + (session.isEmpty() ? "" : "/" + session) + ": "
                + e.getMessage(), e);
        }
    }

    private static CohortCase bidsCase(CaseKey key, Path anat) {
        List<Path> files = list(anat);
        Path flair = single(files, "_FLAIR", anat).orElseThrow(() -> new InvalidInputException(anat
            + ": missing FLAIR image (no *_FLAIR.nii.gz) for " + key.id()));
        return new CohortCase(key, flair, single(files, "_T1w", anat), single(files, "_T2w", anat));
    }

    /** The one NIfTI file whose name ends with {@code suffix} + extension, if any. */
    private static Optional<Path> single(List<Path> files, String suffix, Path anat) {
        List<Path> found = files.stream().filter(p -> Files.isRegularFile(p)
            && (name(p).endsWith(suffix + ".nii.gz") || name(p).endsWith(suffix + ".nii"))).toList();
        if (found.size() > 1) {
            throw new InvalidInputException(anat + ": " + found.size() + " *" + suffix + " images ("
                + String.join(", ", found.stream().map(CohortDiscovery::name).toList())
                + "); keep one, or list the cases in a CSV");
        }
        return found.stream().findFirst();
    }

    /** The cases of a CSV table, in order. */
    public static List<CohortCase> fromCsv(Path csv) {
        CsvTable table = CsvTable.read(csv);
        String expected = "subject, flair, and optionally session, t1, t2";
        int subject = table.requireColumn(SUBJECT, expected);
        int flair = table.requireColumn(FLAIR, expected);
        Optional<Integer> session = table.column(SESSION);
        Optional<Integer> t1 = table.column(T1);
        Optional<Integer> t2 = table.column(T2);
        Path base = csv.toAbsolutePath().getParent();
        List<CohortCase> cases = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            String where = csv + " line " + row.line();
            CaseKey key;
            try {
                key = CaseKey.of(required(CsvTable.field(row, subject), where, SUBJECT),
                    CsvTable.field(row, session));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(where + ": " + e.getMessage(), e);
            }
            Path f = image(base, required(CsvTable.field(row, flair), where, FLAIR + " (missing FLAIR image)"),
                where, FLAIR);
            cases.add(new CohortCase(key, f, optionalImage(base, CsvTable.field(row, t1), where, T1),
                optionalImage(base, CsvTable.field(row, t2), where, T2)));
        }
        if (cases.isEmpty()) {
            throw new InvalidInputException(csv + ": no cases (only a header)");
        }
        return ordered(cases, csv.toString());
    }

    private static String required(String value, String where, String what) {
        if (value.isEmpty()) {
            throw new InvalidInputException(where + ": empty " + what);
        }
        return value;
    }

    private static Optional<Path> optionalImage(Path base, String value, String where, String column) {
        return value.isEmpty() ? Optional.empty() : Optional.of(image(base, value, where, column));
    }

    private static Path image(Path base, String value, String where, String column) {
        Path p;
        try {
            p = base.resolve(value).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException(where + ": " + column + " '" + value + "' is not a valid path", e);
        }
        if (!Files.isRegularFile(p)) {
            throw new InvalidInputException(where + ": " + column + " image " + p + " does not exist"
                + (column.equals(FLAIR) ? " (missing FLAIR)" : ""));
        }
        return p;
    }

    /** Sorts the cases and rejects duplicates (also those differing only in case). */
    static List<CohortCase> ordered(List<CohortCase> cases, String source) {
        List<CohortCase> sorted = new ArrayList<>(cases);
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        Map<String, CohortCase> seen = new HashMap<>();
        for (CohortCase c : sorted) {
            CohortCase previous = seen.putIfAbsent(c.key().foldedId(), c);
            if (previous != null) {
                String what = previous.id().equals(c.id()) ? c.id() + " appears twice"
                    : previous.id() + " and " + c.id() + " differ only in upper/lower case";
                throw new InvalidInputException(source + ": duplicate subject/session: " + what + " ("
                    + previous.flair() + ", " + c.flair() + ")");
            }
        }
        return List.copyOf(sorted);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(dir + ": cannot list the folder (" + e.getCause().getMessage() + ")", e);
        }
    }

    static String name(Path p) {
        Path n = p.getFileName();
        return n == null ? p.toString() : n.toString();
    }
}

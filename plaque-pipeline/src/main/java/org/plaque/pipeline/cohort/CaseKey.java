package org.plaque.pipeline.cohort;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.plaque.InvalidInputException;

/**
 * Which case of a cohort: a subject label and an optional session label, written the BIDS way as
 * {@code sub-<subject>[_ses-<session>]} (the name of the case's result folder).
 *
 * <p>Labels are stored without their {@code sub-} / {@code ses-} prefix and may hold letters, digits,
 * {@code '-'} and {@code '.'} (not starting with {@code '.'}); an underscore would make {@link #id()}
 * ambiguous, a slash would escape the output folder. The session is {@code ""} when there is none. Keys
 * order by subject, then session (plain string order), which is the order in which Plaque lists cases.
 *
 * @param subject the subject label, e.g. {@code "01"} or {@code "patient07"}
 * @param session the session label, or {@code ""}
 */
public record CaseKey(String subject, String session) implements Comparable<CaseKey> {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");
    private static final Comparator<CaseKey> ORDER =
        Comparator.comparing(CaseKey::subject).thenComparing(CaseKey::session);

    /** @throws InvalidInputException if a label is empty (subject) or holds other characters */
    public CaseKey {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(session, "session");
        if (!LABEL.matcher(subject).matches()) {
            throw new InvalidInputException("subject label '" + subject
                + "' is not usable: use letters, digits, '-' and '.' only (it names the folder sub-<label>)");
        }
        if (!session.isEmpty() && !LABEL.matcher(session).matches()) {
            throw new InvalidInputException("session label '" + session
                + "' is not usable: use letters, digits, '-' and '.' only (it names the folder ..._ses-<label>)");
        }
    }

    /**
     * A key from user-written labels, each with or without its BIDS prefix ({@code "sub-01"} and
     * {@code "01"} are the same subject); a null or blank session means none.
     *
     * @throws InvalidInputException if a label is not usable
     */
    public static CaseKey of(String subject, String session) {
        String s = subject == null ? "" : subject.strip();
        String t = session == null ? "" : session.strip();
        return new CaseKey(stripPrefix(s, "sub-"), stripPrefix(t, "ses-"));
    }

    /**
     * The key a file or folder name stands for. A name starting with {@code sub-} is read as BIDS entities
     * separated by {@code '_'}: {@code sub-01_ses-02_space-MNI_mask} is subject 01, session 02 (other
     * entities and the suffix are ignored). Any other name is a subject label as a whole ({@code patient07}).
     *
     * @throws InvalidInputException if the name gives no usable subject label
     */
    public static CaseKey parse(String name) {
        if (!name.startsWith("sub-")) {
            return new CaseKey(name, "");
        }
        String subject = null;
        String session = "";
        for (String part : name.split("_")) {
            if (part.startsWith("sub-") && subject == null) {
                subject = part.substring(4);
            } else if (part.startsWith("ses-") && session.isEmpty()) {
                session = part.substring(4);
            }
        }
        return new CaseKey(subject, session);
    }

    /** {@code sub-<subject>}. */
    public String subjectId() {
        return "sub-" + subject;
    }

    /** {@code ses-<session>}, or {@code ""} when there is no session. */
    public String sessionId() {
        return session.isEmpty() ? "" : "ses-" + session;
    }

    /** {@code sub-<subject>[_ses-<session>]}: the case's folder name. */
    public String id() {
        return session.isEmpty() ? subjectId() : subjectId() + "_" + sessionId();
    }

    /**
     * The id in lower case: two keys with the same folded id would share one folder on a case-insensitive
     * file system (macOS, Windows), so cohorts reject such pairs as duplicates.
     */
    public String foldedId() {
        return id().toLowerCase(Locale.ROOT);
    }

    @Override
    public int compareTo(CaseKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return id();
    }

    private static String stripPrefix(String label, String prefix) {
        return label.regionMatches(true, 0, prefix, 0, prefix.length()) ? label.substring(prefix.length()) : label;
    }

    /** The key of {@code name} when it is usable, else empty (for listings that skip foreign names). */
    static Optional<CaseKey> tryParse(String name) {
        try {
            return Optional.of(parse(name));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }
}

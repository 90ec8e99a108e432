package org.plaque.pipeline.cohort;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One case of a cohort: a subject (and session) with its images. Paths are absolute and normalised; the
 * FLAIR is required, the T1- and T2-weighted images are optional.
 *
 * @param key   the subject and session
 * @param flair the FLAIR image
 * @param t1    the T1-weighted image, if any
 * @param t2    the T2-weighted image, if any
 */
public record CohortCase(CaseKey key, Path flair, Optional<Path> t1, Optional<Path> t2) {
    public CohortCase {
        Objects.requireNonNull(key, "key");
        flair = flair.toAbsolutePath().normalize();
        t1 = t1.map(p -> p.toAbsolutePath().normalize());
        t2 = t2.map(p -> p.toAbsolutePath().normalize());
    }

    /** The case's folder name, {@code sub-<subject>[_ses-<session>]}. */
    public String id() {
        return key.id();
    }
}

package org.plaque.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the real MRI data of {@code ../shared/data} (beside the repository) for tests tagged
 * {@code realdata}. Without the folder such tests are skipped, except when the environment sets
 * {@code PLAQUE_REQUIRE_REALDATA} (as CI does): then a missing folder or file fails the test, so that
 * a CI run can never pass by silently skipping them.
 */
public final class RealData {
    /** JUnit tag of tests that read ../shared/data. */
    public static final String TAG = "realdata";

    private RealData() {
    }

    /** The data folder; tests run with their module folder as working directory. */
    public static Path root() {
        Path root = Path.of("..", "..", "shared", "data").toAbsolutePath().normalize();
        require(Files.isDirectory(root), "real-data folder " + root + " is missing");
        return root;
    }

    /** A file or folder inside the data folder, e.g. {@code "lesjak2017_cross_sectional_mni/patient07/FLAIR.nii.gz"}. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        require(Files.exists(p), "real-data file " + p + " is missing");
        return p;
    }

    /** Skips the test (or, with {@code PLAQUE_REQUIRE_REALDATA} set, fails it) unless {@code ok}. */
    static void require(boolean ok, String message) {
        if (System.getenv("PLAQUE_REQUIRE_REALDATA") != null) {
            Assertions.assertTrue(ok, message);
        } else {
            Assumptions.assumeTrue(ok, message);
        }
    }
}

package org.plaque.testing.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiImage;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NonFinitePolicy;

/** Every malformed case is refused by {@link NiftiReader} with one line naming the file and the problem. */
class MalformedNiftiTest {
    @TempDir
    static Path dir;

    private static List<MalformedNifti.Case> cases;

    @BeforeAll
    static void generate() throws IOException {
        cases = MalformedNifti.writeAll(dir);
    }

    @Test
    void theCorpusHasManyDistinctCases() {
        Set<String> names = new HashSet<>();
        for (MalformedNifti.Case c : cases) {
            assertThat(names.add(c.name())).as("duplicate case %s", c.name()).isTrue();
        }
        assertThat(cases.stream().filter(c -> c.outcome() != MalformedNifti.Outcome.ACCEPTED)).hasSizeGreaterThan(20);
    }

    @Test
    void theBaseImageIsValid() throws IOException {
        Path file = MalformedNifti.valid().write(dir.resolve("valid.nii"));
        ScalarVolume v = NiftiReader.withDefaults().readScalar(file);
        assertThat(v.geometry().size()).containsExactly(3, 4, 5);
        assertThat(v.get(2, 3, 4)).isEqualTo(59);
        assertThat(v.geometry().spacingMm()).containsExactly(0.9f, 1, 1.2f);
    }

    @Test
    void everyRejectedCaseIsRefusedWithOneLineNamingFileAndProblem() {
        NiftiReader reader = NiftiReader.withDefaults();
        for (MalformedNifti.Case c : cases) {
            if (c.outcome() == MalformedNifti.Outcome.ACCEPTED) {
                continue;
            }
            for (ReadKind kind : ReadKind.values()) {
                assertThatThrownBy(() -> kind.read(reader, c.file())).as("%s via %s", c.name(), kind)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(c.file().toString())
                    .hasMessageContaining(c.keyword())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            }
            System.out.println("malformed " + c.name() + " → " + messageOf(reader, c));
        }
    }

    @Test
    void nonFiniteCasesAreReadableWhenValuesAreReplaced() {
        NiftiReader replacing = NiftiReader.withDefaults().withNonFinitePolicy(NonFinitePolicy.REPLACE_WITH_ZERO);
        int seen = 0;
        for (MalformedNifti.Case c : cases) {
            if (c.outcome() != MalformedNifti.Outcome.NON_FINITE) {
                continue;
            }
            NiftiImage img = replacing.read(c.file());
            assertThat(img.nonFiniteReplaced()).as(c.name()).isEqualTo(c.nonFiniteVoxels());
            assertThat(img.volume().statistics().nonFinite()).isZero();
            assertThat(replacing.readMask(c.file()).count()).isZero();
            seen++;
        }
        assertThat(seen).isGreaterThanOrEqualTo(2);
    }

    @Test
    void acceptedCasesReadLikeTheValidImage() {
        for (MalformedNifti.Case c : cases) {
            if (c.outcome() == MalformedNifti.Outcome.ACCEPTED) {
                assertThat(NiftiReader.withDefaults().readScalar(c.file()).get(59)).as(c.name()).isEqualTo(59);
            }
        }
    }

    @Test
    void theFourDimensionalCaseIsReadableWithAVolumeIndex() {
        MalformedNifti.Case c = cases.stream().filter(k -> k.name().equals("four-d-without-volume")).findFirst()
            .orElseThrow();
        assertThat(NiftiReader.withDefaults().withVolumeIndex(1).readScalar(c.file()).geometry().voxelCount())
            .isEqualTo(60);
    }

    private static String messageOf(NiftiReader reader, MalformedNifti.Case c) {
        try {
            reader.read(c.file());
            return "(read)";
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    private enum ReadKind {
        HEADER_AND_SCALAR, MASK, LABELS;

        Object read(NiftiReader r, Path p) {
            return switch (this) {
                case HEADER_AND_SCALAR -> r.read(p);
                case MASK -> r.readMask(p);
                case LABELS -> r.readLabels(p);
            };
        }
    }
}

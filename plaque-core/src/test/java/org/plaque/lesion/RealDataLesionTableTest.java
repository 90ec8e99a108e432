package org.plaque.lesion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.segment.components.ConnectedComponents;
import org.plaque.testing.RealData;

/**
 * Lesion volumes and 26-connectivity component counts of every lesion mask in {@code shared/data}
 * against the MANIFEST's per-file table (voxel counts exactly, mm³ to the table's rounding).
 */
@Tag("realdata")
class RealDataLesionTableTest {
    private static final Set<String> LESION_MASK_NAMES =
        Set.of("consensus_gt.nii.gz", "GOLD_STANDARD_MNI.nii.gz", "GOLD_STANDARD.nii.gz", "gt.nii.gz");

    @Test
    void lesionVolumesAndComponentCountsMatchTheManifest() throws IOException {
        Path data = RealData.root();
        List<ManifestTable.Row> rows = ManifestTable.read(data.resolve("MANIFEST.md")).stream()
            .filter(r -> r.components26() != null)
            .collect(Collectors.toList());

        // Every lesion mask present on disk has a row with a component count (no file left untested).
        Set<String> listed = rows.stream().map(ManifestTable.Row::path).collect(Collectors.toSet());
        try (Stream<Path> files = Files.walk(data)) {
            List<String> onDisk = files.filter(p -> LESION_MASK_NAMES.contains(p.getFileName().toString()))
                .map(p -> data.relativize(p).toString().replace('\\', '/')).sorted().collect(Collectors.toList());
            assertThat(onDisk).hasSizeGreaterThanOrEqualTo(29 * 2 + 2 + 3 + 15);
            assertThat(listed).containsAll(onDisk);
        }

        SoftAssertions soft = new SoftAssertions();
        List<String> report = new ArrayList<>();
        int[] index = {0};
        long[] nativeNanos = {0, 0};
        for (ManifestTable.Row row : rows) {
            Mask mask = NiftiReader.withDefaults().readMask(data.resolve(row.path()));
            index[0]++;
            long t0 = System.nanoTime();
            LesionTable table26 = LesionTable.of(mask, Connectivity.TWENTY_SIX, 0);
            long t1 = System.nanoTime();
            LesionTable msseg = LesionTable.of(mask, Connectivity.SIX, 3.0);
            long t2 = System.nanoTime();
            if (mask.geometry().voxelCount() > 40_000_000) {
                nativeNanos[0] += t1 - t0;
                nativeNanos[1]++;
            }
            int voxels = table26.lesions().stream().mapToInt(Lesion::voxels).sum();
            soft.assertThat(mask.count()).as("mask voxels of %s", row.path()).isEqualTo(row.maskVoxels().intValue());
            soft.assertThat(voxels).as("lesion voxels of %s", row.path()).isEqualTo(row.maskVoxels().intValue());
            soft.assertThat(table26.count()).as("26-connected components of %s", row.path())
                .isEqualTo(row.components26());
            double tableVolume = Double.parseDouble(row.maskVolumeMm3());
            soft.assertThat(Math.abs(table26.totalVolumeMm3() - tableVolume))
                .as("volume of %s: %.4f vs table %s", row.path(), table26.totalVolumeMm3(), row.maskVolumeMm3())
                .isLessThanOrEqualTo(row.volumeRoundingMm3() + 1e-6 * tableVolume);
            report.add(String.format(Locale.ROOT, "%-66s %8d vox %10.1f mm³ 26-conn %4d | 6-conn %4d, >3 mm³ %4d"
                    + " | lesion table %4.0f ms (26) %4.0f ms (6, >3 mm³)",
                row.path(), mask.count(), table26.totalVolumeMm3(), table26.count(),
                ConnectedComponents.label(mask, Connectivity.SIX).count(), msseg.count(),
                (t1 - t0) / 1e6, (t2 - t1) / 1e6));
        }
        report.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "checked %d lesion masks; mean LesionTable time on 192×512×512-class masks: %.0f ms%n",
            index[0], nativeNanos[1] == 0 ? Double.NaN : nativeNanos[0] / 1e6 / nativeNanos[1]);
        assertThat(index[0]).isEqualTo(rows.size());
        soft.assertAll();
    }

    @Test
    void manifestParserReadsKnownColumns() throws IOException {
        Path data = RealData.root();
        List<ManifestTable.Row> rows = ManifestTable.read(data.resolve("MANIFEST.md"));
        assertThat(rows).isNotEmpty();
        assertThat(rows).allSatisfy(r -> assertThat(Files.exists(data.resolve(r.path()))).as(r.path()).isTrue());
        // Brain masks have voxel counts but no component count; images have neither.
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.path()).endsWith("brainmask.nii.gz");
            assertThat(r.maskVoxels()).isNotNull();
            assertThat(r.components26()).isNull();
        });
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.path()).endsWith("FLAIR.nii.gz");
            assertThat(r.maskVoxels()).isNull();
        });
    }

    @Test
    void readerGivesTheMaskAMatchingGrid() throws IOException {
        Path file = RealData.file("lesjak2017_cross_sectional_masks/patient07/GOLD_STANDARD_MNI.nii.gz");
        Mask m = NiftiReader.withDefaults().readMask(file);
        ManifestTable.Row row = ManifestTable.read(RealData.file("MANIFEST.md")).stream()
            .filter(r -> r.path().endsWith("patient07/GOLD_STANDARD_MNI.nii.gz")).findFirst().orElseThrow();
        int[] size = m.geometry().size();
        assertThat(size[0] + "×" + size[1] + "×" + size[2]).isEqualTo(row.shape());
        assertThat(m.geometry().voxelVolumeMm3()).isEqualTo(1.0);
    }
}

package org.plaque.pipeline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiWriter;

/**
 * Tiny cohorts for tests: 8×8×8 FLAIRs of 1 mm voxels (value 100) with a known number of bright voxels
 * (value 500, along x-fastest order from voxel 9), laid out as BIDS folders; and small masks built from
 * boxes of voxels.
 */
public final class CohortFixtures {
    /** Edge length of the test grid, voxels. */
    public static final int N = 8;

    private CohortFixtures() {
    }

    /** The 8×8×8, 1 mm, RAS grid at the origin. */
    public static ImageGeometry grid() {
        return ImageGeometry.axisAligned(N, N, N, new double[] {1, 1, 1}, new double[] {0, 0, 0});
    }

    /** Writes a FLAIR with {@code bright} bright voxels (as many mm³ of "lesion" for {@link FakeCaseProcessor}). */
    public static Path writeFlair(Path file, int bright) throws IOException {
        float[] v = new float[N * N * N];
        java.util.Arrays.fill(v, 100f);
        for (int i = 0; i < bright; i++) {
            v[9 + i] = 500f;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        NiftiWriter.write(ScalarVolume.of(grid(), v), file);
        return file;
    }

    /**
     * Writes the FLAIR of case {@code id} ({@code sub-X} or {@code sub-X_ses-Y}) into a BIDS root:
     * {@code sub-X/[ses-Y/]anat/<id>_FLAIR.nii.gz}.
     */
    public static Path bidsFlair(Path root, String id, int bright) throws IOException {
        return writeFlair(anat(root, id).resolve(id + "_FLAIR.nii.gz"), bright);
    }

    /** The anat folder of case {@code id} in a BIDS root. */
    public static Path anat(Path root, String id) {
        String[] parts = id.split("_");
        Path dir = root.resolve(parts[0]);
        if (parts.length > 1) {
            dir = dir.resolve(parts[1]);
        }
        return dir.resolve("anat");
    }

    /** A mask on {@link #grid()} that is true inside the box [x0, x1) × [y0, y1) × [z0, z1). */
    public static Mask box(int x0, int x1, int y0, int y1, int z0, int z1) {
        return box(grid(), x0, x1, y0, y1, z0, z1);
    }

    /** A mask on {@code g} that is true inside the box [x0, x1) × [y0, y1) × [z0, z1). */
    public static Mask box(ImageGeometry g, int x0, int x1, int y0, int y1, int z0, int z1) {
        Mask.Builder b = Mask.builder(g);
        for (int z = z0; z < z1; z++) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    b.set(x, y, z, true);
                }
            }
        }
        return b.build();
    }

    /** Writes {@code mask} to {@code file}, creating its folder. */
    public static Path write(Mask mask, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        NiftiWriter.write(mask, file);
        return file;
    }
}

package org.plaque.pipeline.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiDataType;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.testing.nifti.NiftiFileBuilder;

/**
 * A tiny synthetic atlas (6×5×4 voxels of 2 mm, RAS, origin (−6, −5, −4) mm) with known values, written
 * in Plaque's layout or under the ICBM 2009a release's names, plus zip helpers.
 *
 * <p>Inside the mask (x 1..4, y 1..3, z 1..2) WM = (x mod 3)/4, GM = (y mod 2)/4 + 0.25 and CSF = 1 − WM −
 * GM, so the three sum to exactly 1 there; outside all are 0. Every value is a multiple of 1/4, exact in
 * float, int16 with slope 1/1000, and nearly exact (±1/510) in the 8-bit encoding.
 */
public final class AtlasFixtures {
    public static final int NX = 6;
    public static final int NY = 5;
    public static final int NZ = 4;
    /** The int16 maps' scl_slope: raw value = round(1000·p). */
    public static final double INT16_SLOPE = 1e-3;

    private AtlasFixtures() {
    }

    /** The grid, shifted by {@code dxMm} along x. */
    public static ImageGeometry grid(double dxMm) {
        return ImageGeometry.axisAligned(NX, NY, NZ, new double[] {2, 2, 2}, new double[] {-6 + dxMm, -5, -4});
    }

    /** The grid. */
    public static ImageGeometry grid() {
        return grid(0);
    }

    static boolean inMask(int x, int y, int z) {
        return x >= 1 && x <= 4 && y >= 1 && y <= 3 && z >= 1 && z <= 2;
    }

    /** The brain mask. */
    public static Mask mask() {
        Mask.Builder b = Mask.builder(grid());
        forEach((x, y, z) -> b.set(x, y, z, inMask(x, y, z)));
        return b.build();
    }

    /** WM probability at a voxel. */
    public static double wm(int x, int y, int z) {
        return inMask(x, y, z) ? (x % 3) / 4.0 : 0;
    }

    /** GM probability at a voxel. */
    public static double gm(int x, int y, int z) {
        return inMask(x, y, z) ? (y % 2) / 4.0 + 0.25 : 0;
    }

    /** CSF probability at a voxel. */
    public static double csf(int x, int y, int z) {
        return inMask(x, y, z) ? 1 - wm(x, y, z) - gm(x, y, z) : 0;
    }

    /** The T1 template: 100·WM + 60·GM + 20·CSF + 5. */
    public static double t1(int x, int y, int z) {
        return 100 * wm(x, y, z) + 60 * gm(x, y, z) + 20 * csf(x, y, z) + 5;
    }

    /** A voxel function. */
    @FunctionalInterface
    public interface VoxelValue {
        /** The value at voxel (x, y, z). */
        double at(int x, int y, int z);
    }

    /** A float volume with the given values on the grid. */
    public static ScalarVolume volume(VoxelValue f) {
        return volume(grid(), f);
    }

    /** A float volume with the given values on a grid. */
    public static ScalarVolume volume(ImageGeometry g, VoxelValue f) {
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        forEach((x, y, z) -> b.set(x, y, z, (float) f.at(x, y, z)));
        return b.build();
    }

    private interface VoxelVisitor {
        void visit(int x, int y, int z);
    }

    private static void forEach(VoxelVisitor v) {
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    v.visit(x, y, z);
                }
            }
        }
    }

    /**
     * Writes the atlas in Plaque's layout into {@code dir} (created): float32 T1 and maps, uint8 mask.
     *
     * @return {@code dir}
     */
    public static Path writePlaqueLayout(Path dir) throws IOException {
        Files.createDirectories(dir);
        NiftiWriter.write(volume(AtlasFixtures::t1), dir.resolve("t1.nii.gz"));
        NiftiWriter.write(volume(AtlasFixtures::wm), dir.resolve("wm.nii.gz"));
        NiftiWriter.write(volume(AtlasFixtures::gm), dir.resolve("gm.nii.gz"));
        NiftiWriter.write(volume(AtlasFixtures::csf), dir.resolve("csf.nii.gz"));
        NiftiWriter.write(mask(), dir.resolve("brain_mask.nii.gz"));
        return dir;
    }

    /** Writes a float map as uint8 values round(255·p) (nilearn's {@code _converted} encoding). */
    public static void writeEightBit(VoxelValue p, Path file) throws IOException {
        NiftiWriter.write(volume((x, y, z) -> Math.round(255 * p.at(x, y, z))), file, NiftiDataType.UINT8);
    }

    /** Writes a map as int16 raw values round(1000·p) with scl_slope 1/1000 (the ICBM float maps' form). */
    public static void writeInt16Scaled(VoxelValue p, Path file) throws IOException {
        double[] raw = new double[NX * NY * NZ];
        int i = 0;
        for (int z = 0; z < NZ; z++) {
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    raw[i++] = Math.round(p.at(x, y, z) / INT16_SLOPE);
                }
            }
        }
        new NiftiFileBuilder().dims(NX, NY, NZ).datatype(4).pixdim(1, 2).pixdim(2, 2).pixdim(3, 2)
            .scaling(INT16_SLOPE, 0).sform(1, 2, 0, 0, -6, 0, 2, 0, -5, 0, 0, 2, -4).values(raw).write(file);
    }

    /**
     * Writes the atlas under the ICBM 2009a release's names into {@code dir} (created): the publisher's maps
     * (float32 T1 and mask, int16 + scl_slope GM, WM, CSF) as {@code .nii} when {@code uncompressed}, else
     * {@code .nii.gz}; with {@code converted}, also nilearn's uint8 {@code _converted} T1, GM and WM.
     *
     * @return {@code dir}
     */
    public static Path writeIcbmRelease(Path dir, boolean uncompressed, boolean converted) throws IOException {
        Files.createDirectories(dir);
        String ext = uncompressed ? ".nii" : ".nii.gz";
        String p = "mni_icbm152_";
        NiftiWriter.write(volume(AtlasFixtures::t1), dir.resolve(p + "t1_tal_nlin_sym_09a" + ext));
        writeInt16Scaled(AtlasFixtures::gm, dir.resolve(p + "gm_tal_nlin_sym_09a" + ext));
        writeInt16Scaled(AtlasFixtures::wm, dir.resolve(p + "wm_tal_nlin_sym_09a" + ext));
        writeInt16Scaled(AtlasFixtures::csf, dir.resolve(p + "csf_tal_nlin_sym_09a" + ext));
        NiftiWriter.write(mask().toScalar(), dir.resolve(p + "t1_tal_nlin_sym_09a_mask" + ext));
        // Files of the release that an atlas does not use.
        NiftiWriter.write(volume(AtlasFixtures::t1), dir.resolve(p + "t2_tal_nlin_sym_09a" + ext));
        if (converted) {
            writeEightBit((x, y, z) -> t1(x, y, z) / 105, dir.resolve(p + "t1_tal_nlin_sym_09a_converted.nii.gz"));
            writeEightBit(AtlasFixtures::gm, dir.resolve(p + "gm_tal_nlin_sym_09a_converted.nii.gz"));
            writeEightBit(AtlasFixtures::wm, dir.resolve(p + "wm_tal_nlin_sym_09a_converted.nii.gz"));
        }
        return dir;
    }

    /**
     * Zips every regular file below {@code dir} into {@code zip}, entry names relative to {@code dir} and
     * prefixed with {@code prefix} (e.g. "mni_icbm152_nlin_sym_09a/"; "" for none). Already-compressed
     * {@code .gz} files are stored with compression level 0.
     *
     * @return {@code zip}
     */
    public static Path zip(Path dir, String prefix, Path zip) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path f : files) {
                z.setLevel(f.toString().endsWith(".gz") ? Deflater.NO_COMPRESSION : Deflater.DEFAULT_COMPRESSION);
                z.putNextEntry(new ZipEntry(prefix + dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        return zip;
    }

    /** Writes a zip whose entries have the given names and contents (for hostile archives). */
    public static Path zipEntries(Path zip, String[] names, byte[][] contents) throws IOException {
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            for (int i = 0; i < names.length; i++) {
                z.putNextEntry(new ZipEntry(names[i]));
                z.write(contents[i]);
                z.closeEntry();
            }
        }
        return zip;
    }
}

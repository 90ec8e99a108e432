package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.filter.spatial.Reorient;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiWriter;

/** plaque checkerboard: radiological orientation, block interleaving, slice choice, errors. */
class CheckerboardCommandTest {
    @TempDir
    Path dir;

    /**
     * A 40×40×40 RAS volume of 1 mm voxels centred on the origin: background 10, with a bright block (100)
     * in the patient's right-anterior-superior octant (x, y, z > −1 mm, so that it reaches the middle slices
     * at −0.5 mm).
     */
    private static ScalarVolume rasMarker() {
        ImageGeometry g = ImageGeometry.axisAligned(40, 40, 40, new double[] {1, 1, 1}, new double[] {-19.5, -19.5, -19.5});
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int k = 0; k < 40; k++) {
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    double[] p = g.voxelToWorld().apply(i, j, k);
                    b.set(i, j, k, p[0] > -1 && p[1] > -1 && p[2] > -1 ? 100 : 10);
                }
            }
        }
        return b.build();
    }

    private static BufferedImage read(Path png) throws Exception {
        return ImageIO.read(png.toFile());
    }

    /** Mean grey of a quarter: 0 = top-left, 1 = top-right, 2 = bottom-left, 3 = bottom-right. */
    private static double quarter(BufferedImage img, int x0, int width, int q) {
        int h = img.getHeight();
        double sum = 0;
        int n = 0;
        for (int y = (q / 2) * h / 2; y < (q / 2 + 1) * h / 2; y++) {
            for (int x = x0 + (q % 2) * width / 2; x < x0 + (q % 2 + 1) * width / 2; x++) {
                sum += img.getRaster().getSample(x, y, 0);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void showsThePatientsRightOnTheLeftAndAnteriorSuperiorUp() throws Exception {
        ScalarVolume ras = rasMarker();
        Path a = dir.resolve("a.nii.gz");
        NiftiWriter.write(ras, a);
        // the same world stored LPS: the picture must not change
        Path lps = dir.resolve("lps.nii.gz");
        NiftiWriter.write(Reorient.to(ras, "LPS"), lps);
        Path png = dir.resolve("m.png");
        CliRun r = CliRun.of("checkerboard", a.toString(), a.toString(), png.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage m = read(png);
        assertThat(m.getWidth()).isEqualTo(3 * 40 + 2 * CheckerboardImage.GAP);
        assertThat(m.getHeight()).isEqualTo(40);
        for (int panel = 0; panel < 3; panel++) {
            int x0 = panel * (40 + CheckerboardImage.GAP);
            // axial: right (left of picture) and anterior (top); coronal: right and superior; sagittal:
            // anterior (left) and superior (top) — the marker is in the top-left quarter of every panel
            // (the other quarters hold at most the one marker column or row at −0.5 mm)
            assertThat(quarter(m, x0, 40, 0)).as("panel %d top-left", panel).isGreaterThan(250);
            for (int q = 1; q < 4; q++) {
                assertThat(quarter(m, x0, 40, q)).as("panel %d quarter %d", panel, q).isLessThan(15);
            }
        }
        Path png2 = dir.resolve("m2.png");
        assertThat(CliRun.of("checkerboard", lps.toString(), lps.toString(), png2.toString()).exitCode()).isZero();
        BufferedImage m2 = read(png2);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                assertThat(m2.getRaster().getSample(x, y, 0)).isEqualTo(m.getRaster().getSample(x, y, 0));
            }
        }
    }

    @Test
    void blocksAlternateBetweenTheTwoImagesEachWithItsOwnWindow() throws Exception {
        ImageGeometry g = ImageGeometry.axisAligned(32, 32, 8, new double[] {1, 1, 1}, new double[3]);
        ScalarVolume.Builder ba = ScalarVolume.builder(g);
        ScalarVolume.Builder bb = ScalarVolume.builder(g);
        java.util.Arrays.fill(ba.array(), 5f);
        // B: a different intensity scale entirely, and no structure except a bright half
        for (int k = 0; k < 8; k++) {
            for (int j = 0; j < 32; j++) {
                for (int i = 0; i < 32; i++) {
                    ba.set(i, j, k, i < 16 ? 0 : 50);
                    bb.set(i, j, k, i < 16 ? 7000 : 1000);
                }
            }
        }
        Path a = dir.resolve("a.nii");
        Path b = dir.resolve("b.nii");
        NiftiWriter.write(ba.build(), a);
        NiftiWriter.write(bb.build(), b);
        Path png = dir.resolve("ax.png");
        CliRun r = CliRun.of("checkerboard", a.toString(), b.toString(), png.toString(), "--slice", "axial",
            "--blocks", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage img = read(png);
        assertThat(img.getWidth()).isEqualTo(32);
        for (int row = 0; row < 32; row++) {
            for (int col = 0; col < 32; col++) {
                boolean fromA = ((row / 8 + col / 8) & 1) == 0;
                // screen left = high i (patient right); A is bright for high i, B for low i
                boolean highI = col < 16;
                int expect = fromA ? (highI ? 255 : 0) : (highI ? 0 : 255);
                assertThat(img.getRaster().getSample(col, row, 0)).as("pixel %d,%d", col, row).isEqualTo(expect);
            }
        }
    }

    @Test
    void indexCountsAlongTheInputsOwnVoxelAxis() throws Exception {
        // stored LPS: the input's j axis runs posterior, so coronal --index N is RAS slice ny − 1 − N
        ImageGeometry g = ImageGeometry.of(10, 12, 6, org.plaque.geom.Affine.ofRowMajor(-2, 0, 0, 9, 0, -2, 0, 11, 0, 0, 3, 0));
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 12; j++) {
                for (int i = 0; i < 10; i++) {
                    b.set(i, j, k, j); // the value names the input's j index
                }
            }
        }
        ScalarVolume v = b.build();
        assertThat(CheckerboardImage.rasIndex(v, CheckerboardImage.Plane.CORONAL, 3)).isEqualTo(8);
        assertThat(CheckerboardImage.rasIndex(v, CheckerboardImage.Plane.AXIAL, 3)).isEqualTo(3);
        Path a = dir.resolve("a.nii");
        NiftiWriter.write(v, a);
        Path png = dir.resolve("c.png");
        assertThat(CliRun.of("checkerboard", a.toString(), a.toString(), png.toString(), "--slice", "coronal",
            "--index", "3").exitCode()).isZero();
        BufferedImage img = read(png);
        // coronal slice j = 3 everywhere: one grey level, (3 − p1) / (p99 − p1) of the window [0, 11]
        int grey = img.getRaster().getSample(img.getWidth() / 2, img.getHeight() / 2, 0);
        assertThat(grey).isEqualTo((int) Math.round(255 * 3 / 11.0));
        assertThat(img.getWidth()).isEqualTo(10); // 10 voxels × 2 mm at 2 mm pixels (the finest spacing)
        assertThat(img.getHeight()).isEqualTo(9); // 6 slices × 3 mm, stretched to scale
    }

    @Test
    void refusesMismatchedGridsAndBadOptions() throws Exception {
        ScalarVolume ras = rasMarker();
        Path a = dir.resolve("a.nii");
        NiftiWriter.write(ras, a);
        Path other = dir.resolve("other.nii");
        NiftiWriter.write(ScalarVolume.filled(ImageGeometry.axisAligned(40, 40, 39, new double[] {1, 1, 1},
            new double[3]), 1), other);
        Path outDir = Files.createDirectory(dir.resolve("out"));
        String png = outDir.resolve("x.png").toString();
        Object[][] cases = {
            {ExitCode.INVALID_INPUT, new String[] {"checkerboard", a.toString(), other.toString(), png}, "not on the same grid"},
            {ExitCode.INVALID_INPUT, new String[] {"checkerboard", a.toString(), dir.resolve("none.nii").toString(), png}, "none.nii"},
            {ExitCode.USAGE, new String[] {"checkerboard", a.toString(), a.toString(), png, "--index", "3"}, "--slice"},
            {ExitCode.USAGE, new String[] {"checkerboard", a.toString(), a.toString(), png, "--slice", "oblique"}, "axial"},
            {ExitCode.USAGE, new String[] {"checkerboard", a.toString(), a.toString(), png, "--slice", "axial", "--index", "40"}, "0..39"},
            {ExitCode.USAGE, new String[] {"checkerboard", a.toString(), a.toString(), outDir.resolve("x.jpg").toString()}, ".png"},
            {ExitCode.USAGE, new String[] {"checkerboard", a.toString(), a.toString(), png, "--blocks", "0"}, "--blocks"},
        };
        for (Object[] c : cases) {
            CliRun r = CliRun.of((String[]) c[1]);
            assertThat(r.exitCode()).as(r.err()).isEqualTo(c[0]);
            assertThat(r.oneErrorLine()).as(r.err()).isTrue();
            assertThat(r.err()).contains((String) c[2]);
            try (var left = Files.list(outDir)) {
                assertThat(left).isEmpty();
            }
        }
    }
}

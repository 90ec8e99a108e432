package org.plaque.pipeline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiWriter;

/**
 * A small analytic head for pipeline tests (seconds, not minutes): an ellipsoidal brain (white matter inside
 * a grey-matter shell, a CSF "ventricle" in the middle) with three bright spherical lesions in the white
 * matter, in world RAS+ mm, and a matching atlas (T1 template, WM/GM/CSF probabilities, brain mask) on its
 * own RAS grid in the same world — so the identity is the right atlas registration.
 *
 * <p>The subject FLAIR is stored LPS (voxel axes along −x, −y, +z) at 2 mm, 48×56×44 voxels, with Gaussian
 * noise of σ = 10 from a fixed seed; outside the brain it is 0 (a skull-stripped image), or, with
 * {@code skull}, a dark skull shell and a bright scalp.
 */
public final class SyntheticHead {
    /** Lesion centres (mm) and radii (mm). */
    public static final double[][] LESIONS = {{8, 6, 10, 5}, {-10, -4, 4, 4}, {4, -16, -2, 3.5}};
    static final float WM = 300;
    static final float GM = 360;
    static final float CSF = 80;
    static final float LESION = 620;

    private SyntheticHead() {
    }

    /** The subject grid: LPS storage, 2 mm. */
    public static ImageGeometry subjectGrid() {
        return ImageGeometry.of(48, 56, 44, Affine.ofRowMajor(-2, 0, 0, 47, 0, -2, 0, 55, 0, 0, 2, -43));
    }

    /** The atlas grid: RAS storage, 2 mm, a different field of view. */
    public static ImageGeometry atlasGrid() {
        return ImageGeometry.axisAligned(50, 58, 46, new double[] {2, 2, 2}, new double[] {-49, -57, -45});
    }

    /** Brain ellipsoid semi-axes (mm). */
    private static final double[] BRAIN = {36, 44, 32};

    private static double brainR(double x, double y, double z) {
        return Math.sqrt(x * x / (BRAIN[0] * BRAIN[0]) + y * y / (BRAIN[1] * BRAIN[1]) + z * z / (BRAIN[2] * BRAIN[2]));
    }

    /** Tissue at a world point: 0 outside, 1 WM, 2 GM, 3 CSF, 4 lesion, 5 skull, 6 scalp. */
    static int tissue(double x, double y, double z, boolean lesions) {
        double r = brainR(x, y, z);
        if (r > 1) {
            return r <= 1.15 ? 5 : r <= 1.3 ? 6 : 0;
        }
        if (lesions) {
            for (double[] l : LESIONS) {
                double dx = x - l[0];
                double dy = y - l[1];
                double dz = z - l[2];
                if (dx * dx + dy * dy + dz * dz <= l[3] * l[3]) {
                    return 4;
                }
            }
        }
        if (x * x + y * y + z * z <= 36) {
            return 3;
        }
        return r > 0.82 ? 2 : 1;
    }

    /** The subject FLAIR; {@code skull} adds skull and scalp. */
    public static ScalarVolume flair(boolean skull, long seed) {
        return image(subjectGrid(), skull, seed, new float[] {WM, GM, CSF, LESION, 30, 280});
    }

    /** A T1-like image (WM brighter than GM, dark lesions) of the head on {@code g}, with skull and scalp. */
    public static ScalarVolume t1(ImageGeometry g, long seed) {
        return image(g, true, seed, new float[] {420, 300, 100, 200, 40, 380});
    }

    /** Intensities per tissue: WM, GM, CSF, lesion, skull, scalp. */
    private static ScalarVolume image(ImageGeometry g, boolean skull, long seed, float[] tissue) {
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] p = new double[3];
        for (int k = 0, i = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int x = 0; x < g.nx(); x++, i++) {
                    g.voxelToWorld().apply(x, j, k, p);
                    int t = tissue(p[0], p[1], p[2], true);
                    float v = t == 0 || (!skull && t >= 5) ? 0f : tissue[t - 1];
                    double noise = rnd.nextGaussian() * 10;
                    b.set(i, (t == 0 || (!skull && t >= 5)) ? 0f : (float) Math.max(1, v + noise));
                }
            }
        }
        return b.build();
    }

    /** The truth lesion mask on the subject grid. */
    public static Mask lesionTruth() {
        ImageGeometry g = subjectGrid();
        Mask.Builder b = Mask.builder(g);
        double[] p = new double[3];
        for (int k = 0, i = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int x = 0; x < g.nx(); x++, i++) {
                    g.voxelToWorld().apply(x, j, k, p);
                    b.set(i, tissue(p[0], p[1], p[2], true) == 4);
                }
            }
        }
        return b.build();
    }

    /** Writes the atlas into {@code dir} (created) in Plaque's layout and returns the folder. */
    public static Path writeAtlas(Path dir) throws IOException {
        return writeAtlas(dir, new double[3]);
    }

    /**
     * Writes an atlas whose anatomy is moved by {@code shiftMm} (atlas point = subject point + shift), so that
     * the right subject → atlas transform is that translation.
     */
    public static Path writeAtlas(Path dir, double[] shiftMm) throws IOException {
        Files.createDirectories(dir);
        ImageGeometry g = atlasGrid();
        int n = g.voxelCount();
        float[] t1 = new float[n];
        float[] wm = new float[n];
        float[] gm = new float[n];
        float[] csf = new float[n];
        boolean[] brain = new boolean[n];
        double[] p = new double[3];
        for (int k = 0, i = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int x = 0; x < g.nx(); x++, i++) {
                    g.voxelToWorld().apply(x, j, k, p);
                    int t = tissue(p[0] - shiftMm[0], p[1] - shiftMm[1], p[2] - shiftMm[2], false);
                    t1[i] = switch (t) {
                        case 1 -> 420f;
                        case 2 -> 300f;
                        case 3 -> 100f;
                        case 5 -> 40f;
                        case 6 -> 380f;
                        default -> 0f;
                    };
                    wm[i] = t == 1 ? 1 : 0;
                    gm[i] = t == 2 ? 1 : 0;
                    csf[i] = t == 3 ? 1 : 0;
                    brain[i] = t >= 1 && t <= 3;
                }
            }
        }
        NiftiWriter.write(ScalarVolume.of(g, t1), dir.resolve("t1.nii.gz"));
        NiftiWriter.write(ScalarVolume.of(g, wm), dir.resolve("wm.nii.gz"));
        NiftiWriter.write(ScalarVolume.of(g, gm), dir.resolve("gm.nii.gz"));
        NiftiWriter.write(ScalarVolume.of(g, csf), dir.resolve("csf.nii.gz"));
        NiftiWriter.write(Mask.of(g, brain), dir.resolve("brain_mask.nii.gz"));
        return dir;
    }
}

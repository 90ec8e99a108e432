package org.plaque.dl.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.plaque.dl.data.TrainingSubject;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiWriter;

/** Tiny FLAIR-only subjects for the cascade tests: an ellipsoid brain with noise and bright ball lesions. */
final class CascadeSubjects {
    private CascadeSubjects() {
    }

    /** An n³ subject (1 mm) with lesions of radius 2 at the given centres, FLAIR ×1.8 inside them. */
    static TrainingSubject subject(String id, int n, long seed, int[][] lesions) {
        ImageGeometry g = ImageGeometry.axisAligned(n, n, n, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        boolean[] brain = new boolean[g.voxelCount()];
        boolean[] lesion = new boolean[g.voxelCount()];
        float[] flair = new float[g.voxelCount()];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = g.index(x, y, z);
                    double c = (n - 1) / 2.0;
                    double r = 0.42 * n;
                    brain[i] = (x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c) <= r * r;
                    for (int[] l : lesions) {
                        int dx = x - l[0];
                        int dy = y - l[1];
                        int dz = z - l[2];
                        lesion[i] |= brain[i] && dx * dx + dy * dy + dz * dz <= 4;
                    }
                    if (brain[i]) {
                        flair[i] = (float) (300 * (lesion[i] ? 1.8 : 1) * (1 + 0.12 * rnd.nextGaussian()));
                    }
                }
            }
        }
        return new TrainingSubject(id, List.of("FLAIR"), List.of(ScalarVolume.of(g, flair)), Mask.of(g, lesion),
            Mask.of(g, brain));
    }

    /** Writes {@code s} as DIR/id/{FLAIR,mask}.nii.gz (brain = non-zero FLAIR). */
    static void write(TrainingSubject s, Path dir) throws IOException {
        Path sub = dir.resolve(s.id());
        Files.createDirectories(sub);
        NiftiWriter.write(s.channels().get(0), sub.resolve("FLAIR.nii.gz"));
        NiftiWriter.write(s.lesion(), sub.resolve("mask.nii.gz"));
    }
}

package org.plaque.pipeline.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.segment.lesion.LesionSegmentation;
import org.plaque.segment.lesion.LesionSegmenter;
import org.plaque.segment.lesion.SegmentationInput;

/** Small synthetic images and a test-only segmenter for pipeline tests. */
public final class TestSubjects {
    private TestSubjects() {
    }

    /** An LPS-stored grid (voxel axes along −x, −y, +z) of 2 mm voxels. */
    public static ImageGeometry lpsGrid(int nx, int ny, int nz) {
        return ImageGeometry.of(nx, ny, nz, Affine.ofRowMajor(
            -2, 0, 0, 40,
            0, -2, 0, 30,
            0, 0, 2, -20));
    }

    /** A volume whose value at (x, y, z) is {@code x + 100 y + 10000 z} (every voxel distinct). */
    public static ScalarVolume ramp(ImageGeometry g) {
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    b.set(x, y, z, x + 100 * y + 10000 * z);
                }
            }
        }
        return b.build();
    }

    /** A ball of radius {@code radiusVoxels} around the grid's centre voxel. */
    public static Mask ball(ImageGeometry g, double radiusVoxels) {
        Mask.Builder b = Mask.builder(g);
        double cx = (g.nx() - 1) / 2.0;
        double cy = (g.ny() - 1) / 2.0;
        double cz = (g.nz() - 1) / 2.0;
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
                    b.set(x, y, z, d2 <= radiusVoxels * radiusVoxels);
                }
            }
        }
        return b.build();
    }

    /** A scalar image equal to {@code inside} on the mask and {@code outside} elsewhere. */
    public static ScalarVolume paint(Mask m, float inside, float outside) {
        ScalarVolume.Builder b = ScalarVolume.builder(m.geometry());
        float[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = m.get(i) ? inside : outside;
        }
        return b.build();
    }

    /**
     * A test-only segmenter: lesions are brain voxels whose FLAIR is above a fixed value; the probability is
     * FLAIR / (2 × threshold) clipped to [0, 1].
     */
    public static LesionSegmenter threshold(double value) {
        return new LesionSegmenter() {
            @Override
            public String name() {
                return "test-threshold";
            }

            @Override
            public Map<String, Object> parameters() {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("threshold", value);
                return m;
            }

            @Override
            public LesionSegmentation segment(SegmentationInput input, ExecutionContext ctx) {
                ScalarVolume f = input.flair();
                Mask brain = input.priors().brain();
                Mask.Builder b = Mask.builder(f.geometry());
                ScalarVolume.Builder p = ScalarVolume.builder(f.geometry());
                for (int i = 0; i < f.geometry().voxelCount(); i++) {
                    b.set(i, brain.get(i) && f.get(i) > value);
                    p.set(i, (float) Math.max(0, Math.min(1, f.get(i) / (2 * value))));
                }
                Mask lesions = b.build();
                return new LesionSegmentation(lesions, java.util.Optional.of(p.build()),
                    Map.of("lesion_voxels", lesions.count()));
            }
        };
    }
}

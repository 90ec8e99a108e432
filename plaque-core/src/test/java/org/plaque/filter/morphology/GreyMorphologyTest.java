package org.plaque.filter.morphology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

class GreyMorphologyTest {

    @Test
    void maxAndMinMatchABruteForceBox() {
        qt().withFixedSeed(18L).withExamples(20)
            .forAll(longs().all(), doubles().between(0, 3)).checkAssert((seed, w) -> {
            ImageGeometry g = BinaryMorphologyTest.grid(7, 6, 5, 1, 0.8, 1.5);
            Random r = new Random(seed);
            float[] v = new float[g.voxelCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            ScalarVolume img = ScalarVolume.of(g, v);
            ScalarVolume mx = GreyMorphology.max(img, w, ExecutionContext.singleThreaded());
            ScalarVolume mn = GreyMorphology.min(img, w, ExecutionContext.singleThreaded());
            double[] s = g.spacingMm();
            int[] rad = {(int) Math.floor(w / s[0] + 1e-9), (int) Math.floor(w / s[1] + 1e-9),
                (int) Math.floor(w / s[2] + 1e-9)};
            for (int z = 0; z < g.nz(); z++) {
                for (int y = 0; y < g.ny(); y++) {
                    for (int x = 0; x < g.nx(); x++) {
                        float hi = Float.NEGATIVE_INFINITY;
                        float lo = Float.POSITIVE_INFINITY;
                        for (int dz = -rad[2]; dz <= rad[2]; dz++) {
                            for (int dy = -rad[1]; dy <= rad[1]; dy++) {
                                for (int dx = -rad[0]; dx <= rad[0]; dx++) {
                                    if (g.contains(x + dx, y + dy, z + dz)) {
                                        float q = img.get(x + dx, y + dy, z + dz);
                                        hi = Math.max(hi, q);
                                        lo = Math.min(lo, q);
                                    }
                                }
                            }
                        }
                        assertThat(mx.get(x, y, z)).isEqualTo(hi);
                        assertThat(mn.get(x, y, z)).isEqualTo(lo);
                    }
                }
            }
            assertThat(img.toArray()).isEqualTo(v);
        });
    }
}

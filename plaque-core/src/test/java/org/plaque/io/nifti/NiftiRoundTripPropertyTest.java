package org.plaque.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

/**
 * write → read returns the same volume for random sizes, oblique affines (random rotation, anisotropic
 * spacing, either handedness) and values: float32 values bit-exact, the affine to float32 precision through
 * the sform, and through the qform alone to the precision its float32 quaternion allows.
 */
class NiftiRoundTripPropertyTest {
    private static final int EXAMPLES = Integer.getInteger("plaque.test.examples", 150);

    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesTheSameVolume() {
        // A fixed seed (override with -Dplaque.test.seed): the same examples on every run, so the test cannot
        // pass or fail by chance.
        qt().withFixedSeed(Long.getLong("plaque.test.seed", 20261121L)).withExamples(EXAMPLES)
            .forAll(integers().between(1, 6), integers().between(1, 6), integers().between(1, 6),
            longs().all()).checkAssert((nx, ny, nz, seed) -> {
                try {
                    roundTrip(nx, ny, nz, new Random(seed), seed % 2 == 0);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
    }

    private void roundTrip(int nx, int ny, int nz, Random rnd, boolean gzip) throws IOException {
        Affine affine = randomAffine(rnd);
        ImageGeometry g = ImageGeometry.of(nx, ny, nz, affine);
        float[] values = new float[g.voxelCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (rnd.nextInt(4)) {
                case 0 -> 0f;
                case 1 -> (float) rnd.nextGaussian() * 1000;
                case 2 -> Float.intBitsToFloat(rnd.nextInt()) % 1e30f;
                default -> rnd.nextInt(2000) - 1000;
            };
            if (!Float.isFinite(values[i])) {
                values[i] = 1f;
            }
        }
        ScalarVolume in = ScalarVolume.of(g, values);
        Path file = dir.resolve(gzip ? "p.nii.gz" : "p.nii");
        NiftiWriter.write(in, file);
        ScalarVolume out = NiftiReader.withDefaults().readScalar(file);
        assertThat(out.toArray()).containsExactly(values);
        assertThat(out.geometry().size()).containsExactly(nx, ny, nz);
        double[] a = affine.toRowMajor();
        double[] b = out.geometry().voxelToWorld().toRowMajor();
        for (int i = 0; i < 16; i++) {
            assertThat(Math.abs(a[i] - b[i])).as("sform entry %d of %s", i, affine)
                .isLessThanOrEqualTo(1e-7 * Math.max(1, Math.abs(a[i])));
        }
        if (!gzip) {
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(254, (short) 0);
            Path q = dir.resolve("q.nii");
            Files.write(q, bytes);
            NiftiHeader h = NiftiReader.withDefaults().readHeader(q);
            assertThat(h.affineSource()).isEqualTo(NiftiHeader.AffineSource.QFORM);
            // The qform stores the quaternion's b, c, d in float32 and recomputes a = sqrt(1 - b² - c² - d²):
            // near a half-turn (a → 0) that subtraction cancels, so the rotation is only good to about
            // sqrt(float32 eps) ≈ 3.5e-4, scaled by the voxel size in each affine column.
            double maxSpacing = 0;
            for (double sp : g.spacingMm()) {
                maxSpacing = Math.max(maxSpacing, sp);
            }
            assertThat(h.affine().approxEquals(affine, 5e-4 * maxSpacing)).as("qform %s vs %s", h.affine(), affine)
                .isTrue();
        }
    }

    /** A random rotation (uniform quaternion), spacing 0.2–5 mm, either handedness, translation ±300 mm. */
    private static Affine randomAffine(Random rnd) {
        double a = rnd.nextGaussian();
        double b = rnd.nextGaussian();
        double c = rnd.nextGaussian();
        double d = rnd.nextGaussian();
        double n = Math.sqrt(a * a + b * b + c * c + d * d);
        double[][] r = NiftiAffines.rotation(a / n, b / n, c / n, d / n);
        double[] s = {0.2 + 4.8 * rnd.nextDouble(), 0.2 + 4.8 * rnd.nextDouble(), 0.2 + 4.8 * rnd.nextDouble()};
        if (rnd.nextBoolean()) {
            s[2] = -s[2];
        }
        double[][] lin = new double[3][3];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                lin[row][col] = r[row][col] * s[col];
            }
        }
        return Affine.of(lin, new double[] {600 * rnd.nextDouble() - 300, 600 * rnd.nextDouble() - 300,
            600 * rnd.nextDouble() - 300});
    }
}

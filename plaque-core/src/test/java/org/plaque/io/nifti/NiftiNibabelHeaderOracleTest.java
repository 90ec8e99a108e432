package org.plaque.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.plaque.testing.PythonOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.image.ScalarVolume;
import org.plaque.testing.nifti.NiftiFileBuilder;

/**
 * nibabel as the oracle on synthetic headers that the real data does not cover: random qforms (any
 * rotation, qfac values 1, −1, 0 and 0.5, negative voxel sizes, quaternions a hair beyond unit norm), the
 * fallback affine for 1- to 5-dimensional images, invalid xform codes, sforms, every data type, both byte
 * orders, NIfTI-1 and NIfTI-2, and scaling. Plaque's affine must match {@code img.affine} to 1e-11 mm
 * (nibabel computes in long double) and its values {@code img.get_fdata()} to float32 rounding. Skips
 * without a Python that has nibabel; needs no shared data.
 */
@Tag("oracle")
class NiftiNibabelHeaderOracleTest {
    private static final int CASES = 240;

    @TempDir
    Path tmp;

    @Test
    void syntheticHeadersReadAsNibabelReadsThem() throws IOException {
        String python = PythonOracle.python("nibabel", "numpy");
        Random rnd = new Random(20240611);
        List<String> failures = new ArrayList<>();
        double worstAffine = 0;
        double worstValue = 0;
        int bothRefused = 0;
        try (NibabelOracle oracle = NibabelOracle.start(python, tmp)) {
            for (int c = 0; c < CASES; c++) {
                NiftiFileBuilder b = randomCase(rnd, c);
                Path file = b.write(tmp.resolve("case" + c + (c % 3 == 0 ? ".nii.gz" : ".nii")));
                oracle.request(file);
                ScalarVolume plaque = null;
                String plaqueError = null;
                try {
                    plaque = NiftiReader.withDefaults().withVolumeIndex(0).readScalar(file);
                } catch (InvalidInputException e) {
                    plaqueError = e.getMessage();
                }
                NibabelOracle.Answer a = oracle.answer();
                if (a.error() != null) {
                    if (plaque != null) {
                        failures.add("case " + c + ": nibabel fails (" + a.error() + ") but Plaque reads it");
                    } else {
                        bothRefused++;
                    }
                    continue;
                }
                if (plaque == null) {
                    oracle.streamValues(a.voxels(), (v, n, from) -> { });
                    failures.add("case " + c + ": Plaque refuses what nibabel reads: " + plaqueError);
                    continue;
                }
                double[] mine = plaque.geometry().voxelToWorld().toRowMajor();
                double affineDiff = 0;
                for (int i = 0; i < 16; i++) {
                    affineDiff = Math.max(affineDiff, Math.abs(mine[i] - a.affine()[i]));
                }
                worstAffine = Math.max(worstAffine, affineDiff);
                if (!(affineDiff <= 1e-11)) {
                    failures.add("case " + c + ": affine differs by " + affineDiff + ": " + plaque.geometry()
                        .voxelToWorld() + " vs " + java.util.Arrays.toString(a.affine()));
                }
                ScalarVolume p = plaque;
                double[] worst = {0};
                boolean[] bad = {false};
                oracle.streamValues(a.voxels(), (v, n, from) -> {
                    for (int i = 0; i < n; i++) {
                        double d = Math.abs(p.get((int) (from + i)) - v[i]);
                        worst[0] = Math.max(worst[0], d / Math.max(1, Math.abs(v[i])));
                        bad[0] |= !(d <= 1e-7 * Math.max(1, Math.abs(v[i])));
                    }
                });
                worstValue = Math.max(worstValue, worst[0]);
                if (bad[0]) {
                    failures.add("case " + c + ": values differ, max relative " + worst[0]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "header oracle: %d cases, %d refused by both, max |diff| affine %.2e,"
            + " values (relative) %.2e%n", CASES, bothRefused, worstAffine, worstValue);
        assertThat(failures).isEmpty();
        assertThat(bothRefused).as("the over-long quaternion cases").isPositive();
    }

    private static NiftiFileBuilder randomCase(Random rnd, int c) {
        int[] types = {2, 256, 4, 512, 8, 768, 1024, 16, 64};
        int type = types[rnd.nextInt(types.length)];
        int ndim = 1 + rnd.nextInt(5);
        long[] dims = new long[ndim];
        for (int i = 0; i < ndim; i++) {
            dims[i] = 1 + rnd.nextInt(i < 3 ? 4 : 2);
        }
        NiftiFileBuilder b = new NiftiFileBuilder().version(1 + rnd.nextInt(2))
            .order(rnd.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).dims(dims).datatype(type);
        double[] qfacs = {1, -1, 0, 0.5};
        b.pixdim(0, qfacs[rnd.nextInt(qfacs.length)]);
        for (int axis = 1; axis <= 3; axis++) {
            double size = (0.1 + 4 * rnd.nextDouble()) * (rnd.nextInt(4) == 0 ? -1 : 1);
            // Axes the image lacks may carry 0, which nibabel (and Plaque) read as 1.
            b.pixdim(axis, axis > ndim && rnd.nextBoolean() ? 0 : size);
        }
        int[] qcodes = {0, 1, 2, 7};
        int[] scodes = {0, 1, 4, -3};
        double[] q = randomQuaternion(rnd);
        if (c % 40 == 7) {
            // Norm just above 1, within the rounding threshold: nibabel sets a = 0.
            double n = Math.sqrt(q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
            double grow = 1 + (b.header().length == 348 ? 4e-8 : 4e-17);
            q = new double[] {0, q[1] / n * grow, q[2] / n * grow, q[3] / n * grow};
        } else if (c % 40 == 23) {
            // Clearly not a rotation: both must refuse.
            q = new double[] {0, 0.9, 0.9, 0};
        }
        int qcode = c % 40 == 7 || c % 40 == 23 ? 1 : qcodes[rnd.nextInt(qcodes.length)];
        int scode = c % 40 == 7 || c % 40 == 23 ? 0 : scodes[rnd.nextInt(scodes.length)];
        b.qform(qcode, q[1], q[2], q[3], 200 * rnd.nextDouble() - 100, 200 * rnd.nextDouble() - 100,
            200 * rnd.nextDouble() - 100);
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = i % 4 == 3 ? 200 * rnd.nextDouble() - 100 : 3 * rnd.nextGaussian();
        }
        b.sform(scode, srow);
        double[] slopes = {1, 1, 0, 2.5, Double.NaN, -0.5};
        double[] inters = {0, 10, -3.25};
        b.scaling(slopes[rnd.nextInt(slopes.length)], inters[rnd.nextInt(inters.length)]);
        long n = b.declaredVoxels();
        double[] values = new double[(int) n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (type) {
                case 2 -> rnd.nextInt(256);
                case 256 -> rnd.nextInt(256) - 128;
                case 4 -> rnd.nextInt(65536) - 32768;
                case 512 -> rnd.nextInt(65536);
                case 8 -> rnd.nextInt();
                case 768 -> rnd.nextInt() & 0xFFFFFFFFL;
                case 1024 -> rnd.nextLong() >> rnd.nextInt(64);
                default -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 4);
            };
        }
        return b.values(values);
    }

    /** A uniformly random rotation quaternion (a, b, c, d) with a ≥ 0. */
    private static double[] randomQuaternion(Random rnd) {
        double[] q = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        double sign = q[0] < 0 ? -1 : 1;
        for (int i = 0; i < 4; i++) {
            q[i] *= sign / n;
        }
        return q;
    }
}

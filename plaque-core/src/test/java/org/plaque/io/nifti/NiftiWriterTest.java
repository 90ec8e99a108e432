package org.plaque.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.plaque.InvalidInputException;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class NiftiWriterTest {
    @TempDir
    Path dir;

    private static final NiftiReader READER = NiftiReader.withDefaults();
    /** An oblique grid: rotation about z by 30°, anisotropic voxels, a left-handed third axis. */
    private static final ImageGeometry OBLIQUE = ImageGeometry.of(3, 4, 2, Affine.ofRowMajor(
        0.8 * Math.cos(Math.PI / 6), -0.5 * Math.sin(Math.PI / 6), 0, -90.25,
        0.8 * Math.sin(Math.PI / 6), 0.5 * Math.cos(Math.PI / 6), 0, 126.5,
        0, 0, -3, 72));

    private static ScalarVolume volume(ImageGeometry g, double... v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return ScalarVolume.of(g, f);
    }

    /** Values that every type holds, including halves that exercise rounding. */
    private static double[] valuesFor(NiftiDataType t) {
        double[] v = new double[24];
        for (int i = 0; i < v.length; i++) {
            double x = (i * 37) % 101 + (i % 4) * 0.25;
            v[i] = t.minValue() < 0 && i % 2 == 1 ? -x : x;
        }
        v[0] = t.isInteger() ? t.minValue() : -1e30;
        // The largest float32 the type holds (2^31 - 1 itself is not a float32).
        float top = (float) t.maxValue();
        if (t.isInteger() && !t.holds(top)) {
            top = Math.nextDown(top);
        }
        v[1] = t.isInteger() ? top : 3e38;
        return v;
    }

    @ParameterizedTest
    @EnumSource(NiftiDataType.class)
    void roundTripsEveryTypeUncompressedAndCompressed(NiftiDataType type) throws IOException {
        double[] v = valuesFor(type);
        ScalarVolume in = volume(OBLIQUE, v);
        for (String name : new String[] {"t.nii", "t.nii.gz"}) {
            Path file = dir.resolve(name);
            NiftiWriter.write(in, file, type);
            NiftiImage back = READER.read(file);
            assertThat(back.header().dataType()).isEqualTo(type);
            float[] expected = in.toArray();
            for (int i = 0; i < expected.length; i++) {
                double x = expected[i];
                expected[i] = (float) (type.isInteger() ? Math.copySign(Math.floor(Math.abs(x) + 0.5), x) : x);
            }
            assertThat(back.volume().toArray()).as(name).containsExactly(expected);
            assertThat(back.volume().geometry().voxelToWorld().approxEquals(OBLIQUE.voxelToWorld(), 1e-5)).isTrue();
            assertThat(Files.readAllBytes(file)[0] == (byte) 0x1f).isEqualTo(name.endsWith(".gz"));
        }
    }

    @Test
    void roundsHalfAwayFromZero() throws IOException {
        ImageGeometry g = ImageGeometry.axisAligned(8, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Path file = dir.resolve("r.nii");
        NiftiWriter.write(volume(g, 0.5, -0.5, 1.5, -1.5, 2.4999998, -2.4999998, 2.5, -2.5), file, NiftiDataType.INT16);
        assertThat(READER.readLabels(file).toArray()).containsExactly(1, -1, 2, -2, 2, -2, 3, -3);
    }

    @Test
    void valuesOutsideTheTypeAreRefusedAndNothingIsWritten() throws IOException {
        ImageGeometry g = ImageGeometry.axisAligned(2, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Path file = dir.resolve("x.nii.gz");
        assertThatThrownBy(() -> NiftiWriter.write(volume(g, 1, 255.5), file, NiftiDataType.UINT8))
            .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(file + ": ")
            .hasMessageContaining("255.5").hasMessageContaining("uint8");
        assertThatThrownBy(() -> NiftiWriter.write(volume(g, -0.5, 0), file, NiftiDataType.UINT16))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("-0.5");
        assertThatThrownBy(() -> NiftiWriter.write(volume(g, Float.NaN, 0), file, NiftiDataType.INT32))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("not finite");
        assertThatThrownBy(() -> NiftiWriter.write(volume(g, 3e9, 0), file, NiftiDataType.INT32))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("range");
        assertThatThrownBy(() -> NiftiWriter.write(LabelVolume.of(g, new int[] {16_777_217, 0}), file,
            NiftiDataType.FLOAT32)).isInstanceOf(InvalidInputException.class).hasMessageContaining("exactly");
        assertThatThrownBy(() -> NiftiWriter.write(LabelVolume.of(g, new int[] {-1, 0}), file, NiftiDataType.UINT32))
            .isInstanceOf(InvalidInputException.class);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
        // uint32 holds 2^32 - 1 and float32 holds 2^24 + 2.
        NiftiWriter.write(LabelVolume.of(g, new int[] {16_777_218, Integer.MAX_VALUE}), file, NiftiDataType.UINT32);
        assertThat(READER.readLabels(file).toArray()).containsExactly(16_777_218, Integer.MAX_VALUE);
    }

    @Test
    void defaultTypesFollowTheVolumeKind() throws IOException {
        ImageGeometry g = ImageGeometry.axisAligned(2, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        assertThat(NiftiWriter.defaultType(volume(g, 1, 2))).isEqualTo(NiftiDataType.FLOAT32);
        assertThat(NiftiWriter.defaultType(Mask.of(g, new boolean[] {true, false}))).isEqualTo(NiftiDataType.UINT8);
        assertThat(NiftiWriter.defaultType(LabelVolume.of(g, new int[] {0, 255}))).isEqualTo(NiftiDataType.UINT8);
        assertThat(NiftiWriter.defaultType(LabelVolume.of(g, new int[] {0, 256}))).isEqualTo(NiftiDataType.INT16);
        assertThat(NiftiWriter.defaultType(LabelVolume.of(g, new int[] {-1, 3}))).isEqualTo(NiftiDataType.INT16);
        assertThat(NiftiWriter.defaultType(LabelVolume.of(g, new int[] {0, 32768}))).isEqualTo(NiftiDataType.INT32);
        assertThat(NiftiWriter.defaultType(LabelVolume.of(g, new int[] {-32769, 0}))).isEqualTo(NiftiDataType.INT32);
    }

    @Test
    void masksAndLabelsRoundTrip() throws IOException {
        boolean[] bits = new boolean[24];
        int[] labels = new int[24];
        for (int i = 0; i < 24; i++) {
            bits[i] = i % 3 == 0;
            labels[i] = i * 1000 - 5000;
        }
        Path m = dir.resolve("m.nii.gz");
        NiftiWriter.write(Mask.of(OBLIQUE, bits), m);
        assertThat(READER.readHeader(m).dataType()).isEqualTo(NiftiDataType.UINT8);
        assertThat(READER.readMask(m).toArray()).containsExactly(bits);
        Path l = dir.resolve("l.nii");
        NiftiWriter.write(LabelVolume.of(OBLIQUE, labels), l);
        assertThat(READER.readHeader(l).dataType()).isEqualTo(NiftiDataType.INT16);
        assertThat(READER.readLabels(l).toArray()).containsExactly(labels);
    }

    @Test
    void headerFieldsAreTheDocumentedOnes() throws IOException {
        Path file = dir.resolve("h.nii");
        NiftiWriter.write(volume(OBLIQUE, new double[24]), file);
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bb.capacity()).isEqualTo(352 + 24 * 4);
        assertThat(bb.getInt(0)).isEqualTo(348);
        assertThat(bb.getShort(40)).isEqualTo((short) 3);
        assertThat(new short[] {bb.getShort(42), bb.getShort(44), bb.getShort(46), bb.getShort(48)})
            .containsExactly(3, 4, 2, 1);
        assertThat(bb.getShort(70)).isEqualTo((short) 16);
        assertThat(bb.getShort(72)).isEqualTo((short) 32);
        assertThat(bb.getFloat(76)).isEqualTo(-1f);
        assertThat(bb.getFloat(80)).isCloseTo(0.8f, within(1e-6f));
        assertThat(bb.getFloat(84)).isCloseTo(0.5f, within(1e-6f));
        assertThat(bb.getFloat(88)).isCloseTo(3f, within(1e-6f));
        assertThat(bb.getFloat(108)).isEqualTo(352f);
        assertThat(bb.getFloat(112)).isEqualTo(1f);
        assertThat(bb.getFloat(116)).isEqualTo(0f);
        assertThat(bb.get(123)).isEqualTo((byte) 2);
        assertThat(new String(bb.array(), 148, 6, StandardCharsets.US_ASCII)).isEqualTo("Plaque");
        assertThat(bb.get(154)).isZero();
        assertThat(bb.getShort(252)).isEqualTo((short) 1);
        assertThat(bb.getShort(254)).isEqualTo((short) 1);
        // Rotation by 30° about z: quaternion (cos 15°, 0, 0, sin 15°).
        assertThat(bb.getFloat(256)).isCloseTo(0f, within(1e-7f));
        assertThat(bb.getFloat(260)).isCloseTo(0f, within(1e-7f));
        assertThat(bb.getFloat(264)).isCloseTo((float) Math.sin(Math.PI / 12), within(1e-7f));
        assertThat(bb.getFloat(268)).isEqualTo(-90.25f);
        assertThat(bb.getFloat(280 + 12)).isEqualTo(-90.25f);
        assertThat(bb.getFloat(280 + 16 + 12)).isEqualTo(126.5f);
        assertThat(bb.getFloat(280 + 32 + 8)).isEqualTo(-3f);
        assertThat(new String(bb.array(), 344, 4, StandardCharsets.US_ASCII)).isEqualTo("n+1\0");
        assertThat(bb.getInt(348)).isZero();
    }

    /** Reads {@code file} (uncompressed) as if its sform were unset, i.e. through the qform. */
    private NiftiHeader viaQform(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(254, (short) 0);
        Path q = dir.resolve("qform-only.nii");
        Files.write(q, b);
        return READER.readHeader(q);
    }

    @Test
    void qformReproducesAnAffineWithoutShear() throws IOException {
        Path file = dir.resolve("q.nii");
        NiftiWriter.write(volume(OBLIQUE, new double[24]), file);
        NiftiHeader h = viaQform(file);
        assertThat(h.affineSource()).isEqualTo(NiftiHeader.AffineSource.QFORM);
        assertThat(h.affine().approxEquals(OBLIQUE.voxelToWorld(), 1e-5)).as("%s", h.affine()).isTrue();
    }

    @Test
    void withShearTheSformIsExactAndTheQformTheNearestRotation() throws IOException {
        ImageGeometry sheared = ImageGeometry.of(2, 2, 2, Affine.ofRowMajor(1, 0.25, 0, 1, 0, 1, 0, 2, 0, 0, 2, 3));
        Path file = dir.resolve("s.nii");
        NiftiWriter.write(volume(sheared, new double[8]), file);
        assertThat(READER.readHeader(file).affine()).isEqualTo(sheared.voxelToWorld());
        NiftiHeader q = viaQform(file);
        double[][] l = q.affine().linear();
        assertThat(q.affine().approxEquals(sheared.voxelToWorld(), 1e-3)).isFalse();
        // Column lengths (voxel sizes) and translation are still right.
        assertThat(Math.hypot(l[0][1], l[1][1])).isCloseTo(Math.hypot(0.25, 1), within(1e-6));
        assertThat(q.affine().translation()).containsExactly(1, 2, 3);
        assertThat(q.affine().determinant()).isPositive();
    }

    @Test
    void outputIsDeterministic() throws IOException {
        Path a = dir.resolve("a.nii.gz");
        Path b = dir.resolve("b.nii.gz");
        NiftiWriter.write(volume(OBLIQUE, valuesFor(NiftiDataType.FLOAT32)), a);
        NiftiWriter.write(volume(OBLIQUE, valuesFor(NiftiDataType.FLOAT32)), b);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void sizesBeyondNifti1AreRefusedBeforeWriting() {
        ImageGeometry wide = ImageGeometry.axisAligned(40_000, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Path file = dir.resolve("wide.nii");
        assertThatThrownBy(() -> NiftiWriter.write(ScalarVolume.filled(wide, 0f), file))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("NIfTI-1");
        assertThat(Files.exists(file)).isFalse();
    }
}

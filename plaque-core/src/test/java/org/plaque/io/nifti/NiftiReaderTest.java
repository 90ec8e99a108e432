package org.plaque.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plaque.InvalidInputException;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.testing.nifti.NiftiFileBuilder;

/** Voxel decoding: every data type in both byte orders, scaling, volume selection, limits, kinds. */
class NiftiReaderTest {
    @TempDir
    Path dir;

    private static final NiftiReader READER = NiftiReader.withDefaults();

    private Path write(NiftiFileBuilder b, String name) throws IOException {
        return b.write(dir.resolve(name));
    }

    private static float[] floats(double... v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    @ParameterizedTest(name = "{0} {1} NIfTI-{2}")
    @CsvSource({
        "uint8, LITTLE, 1", "uint8, BIG, 2", "int8, LITTLE, 1", "int8, BIG, 1",
        "int16, LITTLE, 1", "int16, BIG, 2", "uint16, LITTLE, 2", "uint16, BIG, 1",
        "int32, LITTLE, 1", "int32, BIG, 1", "uint32, LITTLE, 1", "uint32, BIG, 2",
        "int64, LITTLE, 2", "int64, BIG, 1", "float32, LITTLE, 1", "float32, BIG, 2",
        "float64, LITTLE, 2", "float64, BIG, 1"})
    void decodesEveryTypeInBothByteOrders(String label, String orderName, int version) throws IOException {
        NiftiDataType type = NiftiDataType.fromLabel(label);
        ByteOrder order = orderName.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        double[] values = extremes(type);
        NiftiFileBuilder b = new NiftiFileBuilder().version(version).order(order).dims(values.length, 1, 1).datatype(type.code());
        Path file = write(b.values(values), "t.nii");
        ScalarVolume v = READER.readScalar(file);
        assertThat(v.toArray()).containsExactly(floats(values));
        // Exactness beyond float32: labels keep integers up to the int range.
        if (type.isInteger() && type != NiftiDataType.UINT32 && type != NiftiDataType.INT64) {
            int[] expected = Arrays.stream(values).mapToInt(d -> (int) d).toArray();
            assertThat(READER.readLabels(file).toArray()).containsExactly(expected);
        }
    }

    /** Values at the edges of each type (uint32 above 2^31, int64 beyond float precision). */
    private static double[] extremes(NiftiDataType type) {
        return switch (type) {
            case UINT8 -> new double[] {0, 1, 128, 255};
            case INT8 -> new double[] {-128, -1, 0, 127};
            case INT16 -> new double[] {-32768, -1, 0, 32767};
            case UINT16 -> new double[] {0, 1, 40000, 65535};
            case INT32 -> new double[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE};
            case UINT32 -> new double[] {0, 1, 3_000_000_000.0, 4_294_967_295.0};
            case INT64 -> new double[] {-(1L << 40), -1, 0, (1L << 53) + 2};
            case FLOAT32 -> new double[] {-1.5, 0, 1e-30, 3.0e38};
            case FLOAT64 -> new double[] {-1.5, 0, 1e-30, 1.0 / 3};
        };
    }

    @Test
    void uint32AboveTwoToTheThirtyOneIsPositive() throws IOException {
        Path file = write(new NiftiFileBuilder().dims(2, 1, 1).datatype(768).values(2_147_483_648.0, 4_294_967_295.0), "u.nii");
        assertThat(READER.readScalar(file).toArray()).containsExactly(2_147_483_648f, 4_294_967_295f);
        assertThatThrownBy(() -> READER.readLabels(file)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("int range");
    }

    @Test
    void appliesSlopeAndInterceptInDoublePrecision() throws IOException {
        Path file = write(new NiftiFileBuilder().dims(4, 1, 1).datatype(4).scaling(0.5, -3).values(-2, 0, 7, 32767), "s.nii");
        NiftiImage img = READER.read(file);
        assertThat(img.volume().toArray()).containsExactly(-4f, -3f, 0.5f, (float) (32767 * 0.5 - 3));
        assertThat(img.header().sclSlope()).isEqualTo(0.5);
        // Floats are scaled too.
        Path f32 = write(new NiftiFileBuilder().dims(2, 1, 1).datatype(16).scaling(2, 1).values(0.25, -1), "f.nii");
        assertThat(READER.readScalar(f32).toArray()).containsExactly(1.5f, -1f);
    }

    @Test
    void slopeZeroOrNonFiniteMeansNoScalingEvenWithAnIntercept() throws IOException {
        for (double slope : new double[] {0, Double.NaN, Double.POSITIVE_INFINITY}) {
            Path file = write(new NiftiFileBuilder().dims(2, 1, 1).datatype(4).scaling(slope, 100).values(5, -6), "n.nii");
            assertThat(READER.readScalar(file).toArray()).as("slope %s", slope).containsExactly(5f, -6f);
        }
    }

    @Test
    void validSlopeWithNonFiniteInterceptIsRefused() throws IOException {
        Path file = write(new NiftiFileBuilder().scaling(2, Double.NaN), "i.nii");
        assertThatThrownBy(() -> READER.read(file)).isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith(file + ": ").hasMessageContaining("scl_inter");
    }

    @Test
    void scaledLabelsMustBeIntegers() throws IOException {
        Path ok = write(new NiftiFileBuilder().dims(3, 1, 1).datatype(2).scaling(2, 1).values(0, 1, 2), "l.nii");
        assertThat(READER.readLabels(ok).toArray()).containsExactly(1, 3, 5);
        Path bad = write(new NiftiFileBuilder().dims(3, 1, 1).datatype(2).scaling(0.5, 0).values(0, 1, 2), "b.nii");
        assertThatThrownBy(() -> READER.readLabels(bad)).isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith(bad + ": ").hasMessageContaining("not integer").hasMessageContaining("0.5");
    }

    @Test
    void maskIsValuesStrictlyAboveOneHalf() throws IOException {
        Path file = write(new NiftiFileBuilder().dims(5, 1, 1).datatype(16).values(0, 0.5, 0.50001, 1, -3), "m.nii");
        Mask m = READER.readMask(file);
        assertThat(m.toArray()).containsExactly(false, false, true, true, false);
        assertThat(m.count()).isEqualTo(2);
    }

    @Test
    void voxelOrderIsXFastest() throws IOException {
        double[] v = new double[2 * 3 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        ScalarVolume s = READER.readScalar(write(new NiftiFileBuilder().dims(2, 3, 4).datatype(4).values(v), "o.nii"));
        assertThat(s.get(1, 0, 0)).isEqualTo(1);
        assertThat(s.get(0, 1, 0)).isEqualTo(2);
        assertThat(s.get(0, 0, 1)).isEqualTo(6);
        assertThat(s.get(1, 2, 3)).isEqualTo(23);
    }

    @Test
    void oneAndTwoDimensionalImagesBecomeFlatVolumes() throws IOException {
        ScalarVolume line = READER.readScalar(write(new NiftiFileBuilder().dims(5).datatype(2).values(1, 2, 3, 4, 5), "1d.nii"));
        assertThat(line.geometry().size()).containsExactly(5, 1, 1);
        ScalarVolume plane = READER.readScalar(write(new NiftiFileBuilder().dims(2, 3).datatype(2).values(1, 2, 3, 4, 5, 6),
            "2d.nii"));
        assertThat(plane.geometry().size()).containsExactly(2, 3, 1);
        assertThat(plane.get(1, 2, 0)).isEqualTo(6);
    }

    private Path fourD() throws IOException {
        double[] v = new double[2 * 2 * 2 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 * (i / 8) + i % 8;
        }
        return write(new NiftiFileBuilder().dims(2, 2, 2, 3).datatype(4).values(v), "4d.nii.gz");
    }

    @Test
    void fourDimensionalFilesNeedAVolumeIndex() throws IOException {
        Path file = fourD();
        assertThatThrownBy(() -> READER.read(file)).isInstanceOf(InvalidInputException.class)
            .hasMessage(file + " has 3 volumes; choose one with --volume N (0..2)");
        assertThat(READER.readHeader(file).volumeCount()).isEqualTo(3);
    }

    @Test
    void volumeIndexSelectsOneVolume() throws IOException {
        Path file = fourD();
        for (int t = 0; t < 3; t++) {
            float[] v = READER.withVolumeIndex(t).readScalar(file).toArray();
            assertThat(v).containsExactly(floats(100 * t, 100 * t + 1, 100 * t + 2, 100 * t + 3,
                100 * t + 4, 100 * t + 5, 100 * t + 6, 100 * t + 7));
        }
        for (int bad : new int[] {3, -1}) {
            assertThatThrownBy(() -> READER.withVolumeIndex(bad).read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining("volume index " + bad)
                .hasMessageContaining("0..2");
        }
    }

    @Test
    void volumesOverSeveralExtraDimensionsAreFlattenedDim4Fastest() throws IOException {
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            v[i] = i;
        }
        Path file = write(new NiftiFileBuilder().dims(1, 1, 1, 2, 3).datatype(2).values(v), "5d.nii");
        assertThat(READER.readHeader(file).volumeCount()).isEqualTo(6);
        assertThat(READER.withVolumeIndex(5).readScalar(file).get(0)).isEqualTo(5);
        assertThat(READER.withVolumeIndex(2).readScalar(file).get(0)).isEqualTo(2);
    }

    @Test
    void aFourDimensionalFileWithOneVolumeNeedsNoIndex() throws IOException {
        Path file = write(new NiftiFileBuilder().dims(2, 1, 1, 1, 1).datatype(2).values(3, 4), "single.nii");
        assertThat(READER.readScalar(file).toArray()).containsExactly(3f, 4f);
        assertThat(READER.withVolumeIndex(0).readScalar(file).toArray()).containsExactly(3f, 4f);
        assertThatThrownBy(() -> READER.withVolumeIndex(1).read(file)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("1 volume");
    }

    @Test
    void limitsAreCheckedOnTheHeaderBeforeReadingData() throws IOException {
        // No voxel data at all: only the header is consulted.
        Path file = write(new NiftiFileBuilder().dims(100, 100, 100).datatype(16).rawData(new byte[0]), "big.nii");
        assertThatThrownBy(() -> READER.withLimits(new ReadLimits(999_999, 1L << 40)).read(file))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("read limit of 999999 voxels");
        assertThatThrownBy(() -> READER.withLimits(new ReadLimits(1 << 30, 3_999_999)).read(file))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("4000000 bytes");
        assertThatThrownBy(() -> READER.read(file)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("truncated");
    }

    @Test
    void readLimitsValidateTheirArguments() {
        assertThat(ReadLimits.DEFAULT.maxVoxels()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ReadLimits.DEFAULT.maxBytes()).isEqualTo(4L << 30);
        assertThatThrownBy(() -> new ReadLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadLimits(1L << 31, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadLimits(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compressionIsRecognisedByContentNotName() throws IOException {
        NiftiFileBuilder b = new NiftiFileBuilder().dims(2, 1, 1).datatype(2).values(7, 9);
        Path gzNamedPlain = dir.resolve("plain.nii.gz");
        Files.write(gzNamedPlain, b.build());
        Path plainNamedGz = dir.resolve("gz.nii");
        Files.write(plainNamedGz, b.buildGzip());
        assertThat(READER.readScalar(gzNamedPlain).toArray()).containsExactly(7f, 9f);
        assertThat(READER.readScalar(plainNamedGz).toArray()).containsExactly(7f, 9f);
    }

    @Test
    void extensionsBeforeTheDataAreSkipped() throws IOException {
        Path file = write(new NiftiFileBuilder().dims(2, 1, 1).datatype(2).voxOffset(1024).values(5, 6), "ext.nii.gz");
        assertThat(READER.readScalar(file).toArray()).containsExactly(5f, 6f);
        Path trailing = write(new NiftiFileBuilder().dims(2, 1, 1).datatype(2).values(5, 6).trailing(new byte[100]), "tr.nii");
        assertThat(READER.readScalar(trailing).toArray()).containsExactly(5f, 6f);
    }

    @Test
    void nonFiniteVoxelsAreRefusedByDefaultAndCountedWhenReplaced() throws IOException {
        Path file = write(new NiftiFileBuilder().dims(4, 1, 1).datatype(64)
            .values(Double.NaN, 1, Double.NEGATIVE_INFINITY, 1e300), "nan.nii");
        assertThatThrownBy(() -> READER.read(file)).isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith(file + ": ").hasMessageContaining("3 non-finite");
        NiftiImage img = READER.withNonFinitePolicy(NonFinitePolicy.REPLACE_WITH_ZERO).read(file);
        assertThat(img.nonFiniteReplaced()).isEqualTo(3);
        assertThat(img.volume().toArray()).containsExactly(0f, 1f, 0f, 0f);
        assertThat(READER.withNonFinitePolicy(NonFinitePolicy.REPLACE_WITH_ZERO).readMask(file).toArray())
            .containsExactly(false, true, false, false);
        assertThat(READER.withNonFinitePolicy(NonFinitePolicy.REPLACE_WITH_ZERO).readLabels(file).toArray())
            .containsExactly(0, 1, 0, 0);
        assertThatThrownBy(() -> READER.readMask(file)).hasMessageContaining("non-finite");
    }

    @Test
    void largeVolumesCrossChunkBoundaries() throws IOException {
        int n = 1000 * 301;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * 7919L) % 60000 - 30000;
        }
        Path file = write(new NiftiFileBuilder().order(ByteOrder.BIG_ENDIAN).dims(1000, 301, 1).datatype(4).values(v), "big.nii.gz");
        float[] got = READER.readScalar(file).toArray();
        assertThat(Arrays.mismatch(got, floats(v))).as("first differing voxel").isEqualTo(-1);
    }

    @Test
    void dataTypeLabelsAreParsedForTheCommandLine() {
        assertThat(NiftiDataType.fromLabel("INT16")).isEqualTo(NiftiDataType.INT16);
        assertThat(NiftiDataType.fromLabel(" float32 ")).isEqualTo(NiftiDataType.FLOAT32);
        assertThat(NiftiDataType.UINT32.code()).isEqualTo(768);
        assertThat(NiftiDataType.INT64.bitsPerVoxel()).isEqualTo(64);
        assertThatThrownBy(() -> NiftiDataType.fromLabel("complex64")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("complex64").hasMessageContaining("uint8, int8, int16");
    }

    @Test
    void readLabelsOfIntegerFile() throws IOException {
        LabelVolume l = READER.readLabels(write(new NiftiFileBuilder().dims(3, 1, 1).datatype(8).values(-7, 0, 123456789),
            "lab.nii"));
        assertThat(l.toArray()).containsExactly(-7, 0, 123456789);
    }
}

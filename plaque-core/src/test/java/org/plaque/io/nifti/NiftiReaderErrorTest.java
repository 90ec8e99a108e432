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
import org.plaque.InvalidInputException;
import org.plaque.testing.nifti.NiftiFileBuilder;

/**
 * Bad files give one {@link InvalidInputException} line "FILE: what is wrong". (The full malformed-file
 * corpus lives in plaque-testkit's {@code MalformedNiftiTest}.)
 */
class NiftiReaderErrorTest {
    @TempDir
    Path dir;

    private static final NiftiReader READER = NiftiReader.withDefaults();

    private void assertRefused(Path file, String keyword) {
        for (ThrowingRead read : new ThrowingRead[] {READER::read, READER::readMask, READER::readLabels}) {
            assertThatThrownBy(() -> read.apply(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(keyword)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    private interface ThrowingRead {
        Object apply(Path p) throws Exception;
    }

    private Path bytes(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void missingFileAndFolder() {
        Path missing = dir.resolve("missing.nii.gz");
        assertThatThrownBy(() -> READER.read(missing)).isInstanceOf(InvalidInputException.class)
            .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> READER.readHeader(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("folder");
    }

    @Test
    void emptyAndTruncatedHeaders() throws IOException {
        assertRefused(bytes("empty.nii", new byte[0]), "empty");
        assertRefused(bytes("empty.nii.gz", NiftiFileBuilder.gzip(new byte[0])), "empty");
        byte[] full = new NiftiFileBuilder().build();
        assertRefused(bytes("cut.nii", Arrays.copyOf(full, 200)), "truncated header");
        assertRefused(bytes("cut.nii.gz", NiftiFileBuilder.gzip(Arrays.copyOf(full, 2))), "truncated header");
        byte[] full2 = new NiftiFileBuilder().version(2).build();
        assertRefused(bytes("cut2.nii", Arrays.copyOf(full2, 400)), "NIfTI-2 header needs 540");
    }

    @Test
    void wrongIdentity() throws IOException {
        assertRefused(new NiftiFileBuilder().sizeofHdr(350).write(dir.resolve("size.nii")), "sizeof_hdr");
        assertRefused(new NiftiFileBuilder().magic(new byte[] {'x', 'y', 'z', 0}).write(dir.resolve("m.nii")), "magic");
        assertRefused(new NiftiFileBuilder().version(2).magic(new byte[] {'n', '+', '1', 0}).write(dir.resolve("m2.nii")),
            "magic");
    }

    @Test
    void impossibleDimensions() throws IOException {
        assertRefused(new NiftiFileBuilder().dim(0, 0).write(dir.resolve("d0.nii")), "dim[0]");
        assertRefused(new NiftiFileBuilder().dim(0, 8).write(dir.resolve("d8.nii")), "dim[0]");
        assertRefused(new NiftiFileBuilder().dim(2, 0).write(dir.resolve("zero.nii")), "dim[2] is 0");
        assertRefused(new NiftiFileBuilder().dim(3, -4).write(dir.resolve("neg.nii")), "dim[3] is -4");
        assertRefused(new NiftiFileBuilder().version(2).dims(1L << 40, 1L << 40, 1L << 40).write(dir.resolve("huge.nii")),
            "read limit");
    }

    @Test
    void badDataOffsets() throws IOException {
        assertRefused(new NiftiFileBuilder().voxOffset(0).write(dir.resolve("zero.nii")), "vox_offset 0");
        assertRefused(new NiftiFileBuilder().voxOffset(348).write(dir.resolve("in.nii")), "inside the header");
        assertRefused(new NiftiFileBuilder().voxOffset(352.5).write(dir.resolve("frac.nii")), "vox_offset");
        byte[] valid = new NiftiFileBuilder().build();
        byte[] headerOnly = new NiftiFileBuilder().voxOffset(1_000_000).rawData(new byte[0]).build();
        assertRefused(bytes("past.nii", Arrays.copyOf(headerOnly, valid.length)), "past the end");
        assertRefused(bytes("past.nii.gz", NiftiFileBuilder.gzip(Arrays.copyOf(headerOnly, valid.length))), "past the end");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] full = new NiftiFileBuilder().dims(10, 10, 10).datatype(4).build();
        assertRefused(bytes("t.nii", Arrays.copyOf(full, full.length - 1)), "truncated voxel data");
        assertRefused(bytes("t.nii.gz", NiftiFileBuilder.gzip(Arrays.copyOf(full, full.length - 1))), "truncated voxel data");
        byte[] be = new NiftiFileBuilder().order(ByteOrder.BIG_ENDIAN).dims(10, 10, 10).datatype(64).build();
        assertRefused(bytes("be.nii", Arrays.copyOf(be, 352 + 100)), "truncated voxel data");
        // A later volume missing is noticed even when volume 0 is complete.
        byte[] fourD = new NiftiFileBuilder().dims(4, 4, 4, 3).datatype(2).build();
        Path p = bytes("4d.nii.gz", NiftiFileBuilder.gzip(Arrays.copyOf(fourD, fourD.length - 10)));
        assertThatThrownBy(() -> READER.withVolumeIndex(0).read(p)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("truncated");
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = new NiftiFileBuilder().dims(20, 20, 20).datatype(4).buildGzip();
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 8] ^= 0x55;
        assertRefused(bytes("crc.nii.gz", badCrc), "gzip");
        assertRefused(bytes("cut.nii.gz", Arrays.copyOf(gz, gz.length / 2)), "gzip");
        byte[] garbage = new byte[4000];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 0x1f;
        garbage[1] = (byte) 0x8b;
        garbage[2] = 8;
        garbage[3] = 0;
        assertRefused(bytes("junk.nii.gz", garbage), "gzip");
        byte[] noMethod = gz.clone();
        noMethod[2] = 7;
        assertRefused(bytes("method.nii.gz", noMethod), "gzip");
    }

    @Test
    void unsupportedDataTypesAreNamed() throws IOException {
        assertRefused(new NiftiFileBuilder().datatype(32).write(dir.resolve("c64.nii")), "datatype code 32 (complex64)");
        assertRefused(new NiftiFileBuilder().datatype(128).write(dir.resolve("rgb.nii")), "datatype code 128 (RGB24)");
        assertRefused(new NiftiFileBuilder().datatype(1280).write(dir.resolve("u64.nii")), "datatype code 1280 (uint64)");
        assertRefused(new NiftiFileBuilder().datatype(3).write(dir.resolve("x.nii")), "datatype code 3");
    }

    @Test
    void unusableGeometryNamesTheFile() throws IOException {
        Path singular = new NiftiFileBuilder().sform(1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0).write(dir.resolve("sing.nii"));
        assertRefused(singular, "spacing");
    }
}

package org.plaque.testing.nifti;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generates a corpus of malformed NIfTI files, each a named {@link Case} with the problem a reader must
 * report. The files derive from a small valid image built here byte by byte (a 3×4×5 int16 NIfTI-1 with
 * qform and sform), broken in one way each; NIfTI-2 and big-endian variants cover the other header
 * layouts.
 *
 * <p>Use: {@code for (Case c : MalformedNifti.writeAll(dir)) ...} and assert that reading {@code c.file()}
 * fails with a message naming the file and containing {@code c.keyword()}. Deterministic (fixed seed).
 */
public final class MalformedNifti {
    private MalformedNifti() {
    }

    /** What a conforming reader does with a case. */
    public enum Outcome {
        /** The file is refused with an error containing the keyword. */
        REJECTED,
        /**
         * The file has NaN or infinite voxels: refused by default (the keyword), readable when non-finite
         * values are replaced by zero, with {@link Case#nonFiniteVoxels()} replacements.
         */
        NON_FINITE,
        /** Odd but harmless, and read as nibabel reads it (e.g. {@code bitpix} disagreeing with the datatype). */
        ACCEPTED
    }

    /**
     * One malformed file.
     *
     * @param name short identifier (also the file name stem)
     * @param file where it was written ({@code missing-file}: a path that does not exist)
     * @param outcome what a reader must do
     * @param keyword a phrase the error message must contain (empty for {@link Outcome#ACCEPTED})
     * @param nonFiniteVoxels NaN or infinite voxels in the file
     * @param problem what is wrong, for a person
     */
    public record Case(String name, Path file, Outcome outcome, String keyword, int nonFiniteVoxels, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Size of the valid base image. */
    static final long[] DIMS = {3, 4, 5};

    /** The valid base image: 3×4×5 int16, 0.9×1×1.2 mm, qform and sform codes 1, values 0..59. */
    public static NiftiFileBuilder valid() {
        double[] values = new double[60];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return new NiftiFileBuilder().dims(DIMS).datatype(4).pixdim(1, 0.9).pixdim(2, 1).pixdim(3, 1.2)
            .qform(1, 0, 0, 0, -1, -2, -3).sform(1, 0.9, 0, 0, -1, 0, 1, 0, -2, 0, 0, 1.2, -3)
            .description("Plaque malformed-file corpus").values(values);
    }

    /**
     * Writes every case into {@code dir} (created if needed) and returns them.
     *
     * @throws IOException if a file cannot be written
     */
    public static List<Case> writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Case> cases = new ArrayList<>();
        Writer w = new Writer(dir, cases);
        byte[] validBytes = valid().build();
        byte[] validGz = valid().buildGzip();

        w.raw("empty", ".nii", new byte[0], "empty", "a file of zero bytes");
        w.raw("truncated-header", ".nii", Arrays.copyOf(validBytes, 200), "truncated header",
            "only 200 of the 348 header bytes");
        w.raw("truncated-header-gz", ".nii.gz", NiftiFileBuilder.gzip(Arrays.copyOf(validBytes, 3)),
            "truncated header", "a gzip stream holding 3 bytes");
        w.raw("not-nifti", ".nii", "this is a text file, not an image\n".repeat(20).getBytes(StandardCharsets.US_ASCII),
            "sizeof_hdr", "text instead of a header");
        w.built("sizeof-hdr-wrong", ".nii", valid().sizeofHdr(349), "sizeof_hdr", "sizeof_hdr 349");
        w.built("wrong-magic", ".nii", valid().magic(new byte[] {'n', '+', '3', 0}), "magic", "magic \"n+3\"");
        w.built("analyze-pair-magic", ".nii", valid().magic(new byte[] {'n', 'i', '1', 0}), ".hdr/.img",
            "the magic of a .hdr/.img pair in a single file");
        w.built("dim0-zero", ".nii", valid().dim(0, 0), "dim[0]", "dim[0] = 0");
        w.built("dim0-eight", ".nii", valid().dim(0, 8), "dim[0]", "dim[0] = 8");
        w.built("negative-dim", ".nii", valid().dim(2, -3), "dim[2]", "dim[2] = -3");
        w.built("zero-dim", ".nii", valid().dim(3, 0), "dim[3]", "dim[3] = 0");
        w.built("huge-dims-nifti1", ".nii", valid().dims(32767, 32767, 32767).rawData(new byte[64]), "read limit",
            "32767³ voxels");
        w.built("huge-dims-nifti2", ".nii.gz", valid().version(2).dims(1L << 31, 1L << 31, 4).rawData(new byte[64]),
            "read limit", "2^31 × 2^31 × 4 voxels");
        w.built("huge-volumes-nifti2", ".nii", valid().version(2).dims(2, 2, 2, 1L << 40).rawData(new byte[64]),
            "read limit", "2^40 volumes");
        w.built("vox-offset-inside-header", ".nii", valid().voxOffset(100), "inside the header", "vox_offset 100");
        w.built("vox-offset-fraction", ".nii", valid().voxOffset(352.5), "vox_offset", "vox_offset 352.5");
        w.raw("vox-offset-past-end", ".nii.gz", NiftiFileBuilder.gzip(Arrays.copyOf(
            valid().voxOffset(4096).rawData(new byte[0]).build(), 352)), "past the end",
            "vox_offset 4096 in a 352-byte file");
        w.raw("truncated-data", ".nii", Arrays.copyOf(validBytes, validBytes.length - 7), "truncated voxel data",
            "the last 7 data bytes missing");
        w.raw("truncated-data-gz", ".nii.gz", NiftiFileBuilder.gzip(Arrays.copyOf(validBytes, 352 + 50)),
            "truncated voxel data", "only 50 of 120 data bytes, compressed");
        byte[] badCrc = validGz.clone();
        badCrc[badCrc.length - 6] ^= 0x5a;
        w.raw("gzip-bad-crc", ".nii.gz", badCrc, "gzip", "gzip trailer CRC altered");
        w.raw("gzip-cut", ".nii.gz", Arrays.copyOf(validGz, validGz.length / 2), "gzip",
            "gzip stream cut in the middle");
        byte[] junk = new byte[2000];
        new Random(42).nextBytes(junk);
        junk[0] = 0x1f;
        junk[1] = (byte) 0x8b;
        junk[2] = 8;
        junk[3] = 0;
        w.raw("gzip-random-after-magic", ".nii.gz", junk, "gzip", "gzip magic followed by random bytes");
        w.built("complex64", ".nii", valid().datatype(32).rawData(new byte[60 * 8]), "datatype code 32",
            "complex64 voxels");
        w.built("rgb24", ".nii", valid().datatype(128).rawData(new byte[60 * 3]), "datatype code 128",
            "RGB24 voxels");
        w.built("uint64", ".nii", valid().datatype(1280).rawData(new byte[60 * 8]), "datatype code 1280",
            "uint64 voxels (not supported by Plaque)");
        w.built("zero-pixdim", ".nii", valid().sform(0, new double[12]).pixdim(1, 0), "pixdim[1]",
            "voxel size 0 along x, used by the qform");
        w.built("nonfinite-pixdim", ".nii", valid().sform(0, new double[12]).pixdim(2, Double.NaN), "pixdim[2]",
            "voxel size NaN along y, used by the qform");
        w.built("nonfinite-sform", ".nii", valid().sform(1, 1, 0, 0, Double.POSITIVE_INFINITY, 0, 1, 0, 0, 0, 0, 1, 0),
            "sform", "an infinite sform translation");
        w.built("singular-sform", ".nii", valid().sform(1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0), "spacing",
            "an sform whose third column is zero");
        w.built("quaternion-not-rotation", ".nii", valid().sform(0, new double[12]).qform(1, 0.9, 0.9, 0, 0, 0, 0),
            "quaternion", "qform quaternion of norm 1.27");
        w.built("scl-inter-nonfinite", ".nii", valid().scaling(2, Double.NaN), "scl_inter",
            "scl_slope 2 with scl_inter NaN");
        w.built("four-d-without-volume", ".nii.gz", valid().dims(3, 4, 5, 2).values(new double[120]), "volumes",
            "two volumes and no volume chosen");
        w.built("nifti2-check-bytes", ".nii", valid().version(2).eolCheck(new byte[] {13, 13, 26, 10}), "magic",
            "NIfTI-2 check bytes altered by a text-mode transfer");
        w.raw("nifti2-truncated-header", ".nii", Arrays.copyOf(valid().version(2).build(), 500), "truncated header",
            "500 of the 540 NIfTI-2 header bytes");
        w.built("nifti2-negative-dim", ".nii", valid().version(2).dim(1, -1), "dim[1]", "NIfTI-2 dim[1] = -1");
        w.built("nifti2-vox-offset-inside-header", ".nii", valid().version(2).voxOffset(540), "inside the header",
            "NIfTI-2 vox_offset 540 (the minimum is 544)");
        byte[] be = valid().order(ByteOrder.BIG_ENDIAN).build();
        w.raw("big-endian-truncated", ".nii", Arrays.copyOf(be, be.length - 1), "truncated voxel data",
            "big-endian header, last data byte missing");
        byte[] be2 = valid().version(2).order(ByteOrder.BIG_ENDIAN).build();
        w.raw("big-endian-nifti2-truncated-gz", ".nii.gz", NiftiFileBuilder.gzip(Arrays.copyOf(be2, 600)),
            "truncated voxel data", "big-endian NIfTI-2, most data missing, compressed");

        double[] withNan = new double[60];
        withNan[17] = Double.NaN;
        w.nonFinite("nan-voxel", valid().datatype(16).values(withNan), 1, "one NaN float32 voxel");
        double[] withInf = new double[60];
        withInf[0] = Double.POSITIVE_INFINITY;
        withInf[59] = Double.NEGATIVE_INFINITY;
        w.nonFinite("inf-voxel", valid().datatype(64).values(withInf), 2, "+inf and -inf float64 voxels");
        double[] overflow = new double[60];
        overflow[5] = 1e300;
        w.nonFinite("float64-beyond-float32", valid().datatype(64).values(overflow), 1,
            "a float64 voxel of 1e300, infinite as float32");

        Path bitpix = valid().bitpix(8).write(dir.resolve("bitpix-inconsistent.nii"));
        cases.add(new Case("bitpix-inconsistent", bitpix, Outcome.ACCEPTED, "", 0,
            "bitpix 8 with datatype int16: the datatype decides, as in nibabel"));
        cases.add(new Case("missing-file", dir.resolve("missing-file.nii.gz"), Outcome.REJECTED, "no such file", 0,
            "a path where no file exists"));
        return cases;
    }

    /** Writes cases and records them. */
    private record Writer(Path dir, List<Case> cases) {
        void raw(String name, String ext, byte[] content, String keyword, String problem) throws IOException {
            Path file = dir.resolve(name + ext);
            Files.write(file, content);
            cases.add(new Case(name, file, Outcome.REJECTED, keyword, 0, problem));
        }

        void built(String name, String ext, NiftiFileBuilder b, String keyword, String problem) throws IOException {
            Path file = b.write(dir.resolve(name + ext));
            cases.add(new Case(name, file, Outcome.REJECTED, keyword, 0, problem));
        }

        void nonFinite(String name, NiftiFileBuilder b, int count, String problem) throws IOException {
            Path file = b.write(dir.resolve(name + ".nii.gz"));
            cases.add(new Case(name, file, Outcome.NON_FINITE, "non-finite", count, problem));
        }
    }
}

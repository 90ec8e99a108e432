package org.plaque.io.nifti;

import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.function.Function;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Reads single-file NIfTI-1 and NIfTI-2 images ({@code .nii}, or gzip-compressed {@code .nii.gz},
 * recognised by content), in either byte order, with the geometry and values nibabel gives (see {@link
 * NiftiHeader} for the rules).
 *
 * <p>Only the first three dimensions form the volume (x fastest); files with more than one volume along
 * dimensions 4..7 need {@link #withVolumeIndex(int)}. Images with one or two dimensions become volumes
 * with ny = nz = 1 or nz = 1.
 *
 * <p>Every problem with a file — missing, empty, truncated header or data, wrong magic or
 * {@code sizeof_hdr}, impossible sizes, sizes over the {@link ReadLimits} (checked before any voxel memory
 * is allocated), a data offset inside the header or past the end, unsupported data type, corrupt gzip
 * stream (the gzip CRC is verified by reading the stream to its end), unusable geometry, non-finite voxels
 * under {@link NonFinitePolicy#REJECT} — is an {@link InvalidInputException} whose one-line message starts
 * with the file name; no partially read image is ever returned. Other I/O failures (a disk error) are
 * {@link UncheckedIOException}s.
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return new readers. Defaults: {@link
 * ReadLimits#DEFAULT}, {@link NonFinitePolicy#REJECT}, no volume index.
 */
public final class NiftiReader {
    /** Cap on reading past the declared data to reach the gzip trailer (defence against gzip bombs). */
    private static final long MAX_TRAILING_BYTES = 64L << 20;
    private static final int NO_INDEX = Integer.MIN_VALUE;
    private static final int DECODE_VOXELS = 1 << 13;

    private final ReadLimits limits;
    private final NonFinitePolicy nonFinitePolicy;
    private final int volumeIndex;

    private NiftiReader(ReadLimits limits, NonFinitePolicy nonFinitePolicy, int volumeIndex) {
        this.limits = limits;
        this.nonFinitePolicy = nonFinitePolicy;
        this.volumeIndex = volumeIndex;
    }

    /** A reader with {@link ReadLimits#DEFAULT}, {@link NonFinitePolicy#REJECT} and no volume index. */
    public static NiftiReader withDefaults() {
        return new NiftiReader(ReadLimits.DEFAULT, NonFinitePolicy.REJECT, NO_INDEX);
    }

    /** The same reader with other limits. */
    public NiftiReader withLimits(ReadLimits l) {
        return new NiftiReader(java.util.Objects.requireNonNull(l), nonFinitePolicy, volumeIndex);
    }

    /** The same reader with another policy for NaN and infinite voxels. */
    public NiftiReader withNonFinitePolicy(NonFinitePolicy p) {
        return new NiftiReader(limits, java.util.Objects.requireNonNull(p), volumeIndex);
    }

    /**
     * The same reader, selecting the 3-D volume with this 0-based index (over dimensions 4..7 flattened,
     * dimension 4 fastest). An index outside the file's volumes is reported when a file is read; 0 also
     * works for 3-D files.
     */
    public NiftiReader withVolumeIndex(int index) {
        return new NiftiReader(limits, nonFinitePolicy, index);
    }

    /** Reads and validates the header only (no voxel data is read, so truncated data is not noticed). */
    public NiftiHeader readHeader(Path file) {
        try (NiftiInput in = NiftiInput.open(file)) {
            return readHeader(in);
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    /** Reads the selected volume as float32 intensities, with its header. */
    public NiftiImage read(Path file) {
        Decoded<ScalarVolume> d = decode(file, geom -> {
            ScalarVolume.Builder b = ScalarVolume.builder(geom);
            return new Target<>(new VoxelSink.Scalar(b.array(), nonFinitePolicy), b::build);
        });
        return new NiftiImage(d.header, d.volume, d.nonFinite);
    }

    /** Reads the selected volume as float32 intensities. */
    public ScalarVolume readScalar(Path file) {
        return read(file).volume();
    }

    /**
     * Reads the selected volume as a mask: a voxel is set when its (scaled) value is strictly greater
     * than 0.5, the usual threshold for 0/1 masks stored as integers or as interpolated floats.
     */
    public Mask readMask(Path file) {
        return decode(file, geom -> {
            Mask.Builder b = Mask.builder(geom);
            return new Target<>(new VoxelSink.Binary(b.array(), nonFinitePolicy), b::build);
        }).volume;
    }

    /**
     * Reads the selected volume as integer labels: every (scaled) value must be a whole number within
     * the int range, else the file is refused.
     */
    public LabelVolume readLabels(Path file) {
        return decode(file, geom -> {
            LabelVolume.Builder b = LabelVolume.builder(geom);
            VoxelSink.Labels sink = new VoxelSink.Labels(b.array(), nonFinitePolicy);
            return new Target<>(sink, () -> {
                if (sink.notInteger() > 0) {
                    throw new InvalidInputException(sink.notInteger() + (sink.notInteger() == 1 ? " voxel value is"
                        : " voxel values are") + " not integer labels"
                        + " within the int range (first: " + sink.firstBad() + " at voxel index "
                        + sink.firstBadIndex() + ")");
                }
                return b.build();
            });
        }).volume;
    }

    private record Target<V>(VoxelSink sink, java.util.function.Supplier<V> finish) {
    }

    private record Decoded<V>(NiftiHeader header, V volume, int nonFinite) {
    }

    private <V> Decoded<V> decode(Path file, Function<ImageGeometry, Target<V>> target) {
        try (NiftiInput in = NiftiInput.open(file)) {
            NiftiHeader h = readHeader(in);
            int index = selectVolume(h, file);
            int[] size = h.volumeSize();
            ImageGeometry geom = ImageGeometry.of(size[0], size[1], size[2], h.affine());
            checkPlainLength(in, h);
            Target<V> t = target.apply(geom);
            readVoxels(in, h, index, t.sink());
            int nonFinite = t.sink().nonFinite();
            if (nonFinite > 0 && nonFinitePolicy == NonFinitePolicy.REJECT) {
                throw new InvalidInputException(nonFinite + (nonFinite == 1 ? " non-finite voxel value" : " non-finite"
                    + " voxel values") + " (NaN or infinite); Plaque refuses non-finite intensities");
            }
            return new Decoded<>(h, t.finish().get(), nonFinite);
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
    }

    private NiftiHeader readHeader(NiftiInput in) {
        byte[] block = new byte[NiftiHeaderParser.NIFTI2_HEADER_BYTES];
        int n = in.read(block, 0, NiftiHeaderParser.NIFTI1_HEADER_BYTES);
        if (n == 0) {
            throw new InvalidInputException("file is empty");
        }
        if (n < 4) {
            throw new InvalidInputException("truncated header: " + n + " bytes");
        }
        int size = Math.abs(NiftiHeaderParser.detectSize(block));
        if (size > n) {
            n += in.read(block, n, size - n);
        }
        if (n < size) {
            throw new InvalidInputException("truncated header: " + n + " bytes, a NIfTI-"
                + (size == NiftiHeaderParser.NIFTI1_HEADER_BYTES ? 1 : 2) + " header needs " + size);
        }
        return NiftiHeaderParser.parse(java.util.Arrays.copyOf(block, size), limits);
    }

    private int selectVolume(NiftiHeader h, Path file) {
        int count = h.volumeCount();
        if (volumeIndex == NO_INDEX) {
            if (count > 1) {
                throw new InvalidInputException(file + " has " + count + " volumes; choose one with --volume N (0.."
                    + (count - 1) + ")");
            }
            return 0;
        }
        if (volumeIndex < 0 || volumeIndex >= count) {
            throw new InvalidInputException("volume index " + volumeIndex + " is out of range: the file has "
                + count + (count == 1 ? " volume (index 0)" : " volumes (0.." + (count - 1) + ")"));
        }
        return volumeIndex;
    }

    /** Uncompressed files: report a short file before allocating anything. */
    private static void checkPlainLength(NiftiInput in, NiftiHeader h) {
        long size = in.plainSize();
        if (size < 0) {
            return;
        }
        if (h.voxOffset() > size) {
            throw pastEnd(h, size);
        }
        long need = h.bytesPerVolume() * h.volumeCount();
        if (size - h.voxOffset() < need) {
            throw truncated(h, size - h.voxOffset());
        }
    }

    private static InvalidInputException pastEnd(NiftiHeader h, long size) {
        return new InvalidInputException("vox_offset " + h.voxOffset() + " lies past the end of the file ("
            + size + " bytes" + ")");
    }

    private static InvalidInputException truncated(NiftiHeader h, long present) {
        return new InvalidInputException("truncated voxel data: the header declares "
            + h.bytesPerVolume() * h.volumeCount() + " bytes (" + String.join("×", dimsText(h)) + " "
            + h.dataType().label() + ") from offset " + h.voxOffset() + " but only " + Math.max(0, present)
            + " are present");
    }

    private static String[] dimsText(NiftiHeader h) {
        long[] d = h.dims();
        String[] s = new String[d.length];
        for (int i = 0; i < d.length; i++) {
            s[i] = Long.toString(d[i]);
        }
        return s;
    }

    private void readVoxels(NiftiInput in, NiftiHeader h, int index, VoxelSink sink) {
        int bpv = h.dataType().bytesPerVoxel();
        byte[] buf = new byte[NiftiInput.BUFFER_BYTES];
        long toOffset = h.voxOffset() - h.headerBytes();
        if (in.skip(toOffset, buf) < toOffset) {
            throw pastEnd(h, in.position());
        }
        long dataStart = in.position();
        long volumeBytes = h.bytesPerVolume();
        long before = volumeBytes * index;
        if (in.skip(before, buf) < before) {
            throw truncated(h, in.position() - dataStart);
        }
        VoxelDecoder decoder = new VoxelDecoder(h.dataType(),
            h.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, h.effectiveSlope(), h.effectiveInter());
        // Bytes arrive in large reads; conversion works on slices small enough to stay in the CPU cache.
        double[] values = new double[DECODE_VOXELS];
        long voxels = h.voxelsPerVolume();
        int done = 0;
        while (done < voxels) {
            int count = (int) Math.min(buf.length / bpv, voxels - done);
            int got = in.read(buf, 0, count * bpv);
            if (got < count * bpv) {
                throw truncated(h, in.position() - dataStart);
            }
            for (int from = 0; from < count; from += DECODE_VOXELS) {
                int n = Math.min(DECODE_VOXELS, count - from);
                decoder.decode(buf, from * bpv, n, values);
                sink.accept(values, n, done + from);
            }
            done += count;
        }
        long after = volumeBytes * (h.volumeCount() - 1L - index);
        if (in.skip(after, buf) < after) {
            throw truncated(h, in.position() - dataStart);
        }
        if (in.gzip()) {
            // Reading to the end makes GZIPInputStream check the CRC and length of the stream, which is the
            // only way to notice corruption that still inflates; bounded so that a crafted stream cannot
            // keep the reader busy.
            in.skip(MAX_TRAILING_BYTES, buf);
        }
    }
}

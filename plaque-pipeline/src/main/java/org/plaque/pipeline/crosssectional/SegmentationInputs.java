package org.plaque.pipeline.crosssectional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.pipeline.atlas.Sha256;

/**
 * The images of one cross-sectional run, read and checked before any processing: a FLAIR and optional
 * T1 and T2, with the SHA-256 checksum of each file for the report.
 *
 * <p>Checks (each failure is an {@link InvalidInputException} with one line naming the file): the file is a
 * readable 3-D NIfTI image (the reader's own checks); every axis has at least {@value #MIN_VOXELS_PER_AXIS}
 * voxels (a 3-D volume, not a slice); the image is not constant; a T1 or T2 covers the same part of the world
 * as the FLAIR — the overlap of their fields of view (axis-aligned world boxes) is at least
 * {@value #MIN_OVERLAP} of the smaller one — since a scan of another head, or one stored with a broken
 * affine, cannot be registered meaningfully.
 *
 * @param flair     the FLAIR
 * @param t1        the T1, when given
 * @param t2        the T2, when given
 * @param files     the file of each given image, by channel name ("flair", "t1", "t2")
 * @param checksums SHA-256 (hex) of each given file, by channel name
 */
public record SegmentationInputs(ScalarVolume flair, Optional<ScalarVolume> t1, Optional<ScalarVolume> t2,
                                 Map<String, Path> files, Map<String, String> checksums) {
    /** Fewest voxels along any axis of an input volume. */
    public static final int MIN_VOXELS_PER_AXIS = 8;
    /** Smallest overlap of a T1/T2 field of view with the FLAIR's, as a fraction of the smaller one. */
    public static final double MIN_OVERLAP = 0.5;

    public SegmentationInputs {
        Objects.requireNonNull(flair, "flair");
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        files = Map.copyOf(files);
        checksums = Map.copyOf(checksums);
    }

    /**
     * Reads and checks the inputs.
     *
     * @param t1 the T1 file or null; @param t2 the T2 file or null
     * @throws InvalidInputException naming the file when an input is unusable
     * @throws UncheckedIOException on a disk error
     */
    public static SegmentationInputs read(Path flair, Path t1, Path t2, NiftiReader reader) {
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, String> sums = new LinkedHashMap<>();
        ScalarVolume f = readChecked(flair, "FLAIR", reader, files, sums);
        Optional<ScalarVolume> v1 = Optional.ofNullable(t1).map(p -> readChecked(p, "T1", reader, files, sums));
        Optional<ScalarVolume> v2 = Optional.ofNullable(t2).map(p -> readChecked(p, "T2", reader, files, sums));
        v1.ifPresent(v -> requireSameHead(f, flair, v, t1));
        v2.ifPresent(v -> requireSameHead(f, flair, v, t2));
        return new SegmentationInputs(f, v1, v2, files, sums);
    }

    /** A subject named {@code id} holding these images. */
    public Subject toSubject(String id) {
        Subject.Builder b = Subject.builder(id).put(SubjectKeys.FLAIR, flair);
        t1.ifPresent(v -> b.put(SubjectKeys.T1, v));
        t2.ifPresent(v -> b.put(SubjectKeys.T2, v));
        return b.build();
    }

    private static ScalarVolume readChecked(Path file, String what, NiftiReader reader, Map<String, Path> files,
                                            Map<String, String> sums) {
        ScalarVolume v;
        try {
            v = reader.readScalar(file);
        } catch (InvalidInputException e) {
            throw e.inFile(file);
        }
        ImageGeometry g = v.geometry();
        if (g.nx() < MIN_VOXELS_PER_AXIS || g.ny() < MIN_VOXELS_PER_AXIS || g.nz() < MIN_VOXELS_PER_AXIS) {
            throw new InvalidInputException(file + ": the " + what + " has " + g.nx() + "×" + g.ny() + "×" + g.nz()
                + " voxels; a 3-D volume with at least " + MIN_VOXELS_PER_AXIS + " voxels along each axis is needed");
        }
        ScalarVolume.Statistics s = v.statistics();
        if (!(s.max() > s.min())) {
            throw new InvalidInputException(file + ": the " + what + " is constant (every voxel is " + s.min()
                + "): not an image to segment");
        }
        String key = what.toLowerCase(Locale.ROOT);
        files.put(key, file);
        try {
            sums.put(key, Sha256.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return v;
    }

    /** Fails unless the fields of view of {@code a} and {@code b} overlap enough (see the class comment). */
    static void requireSameHead(ScalarVolume a, Path aFile, ScalarVolume b, Path bFile) {
        double[] boxA = worldBox(a.geometry());
        double[] boxB = worldBox(b.geometry());
        double inter = 1;
        double volA = 1;
        double volB = 1;
        for (int d = 0; d < 3; d++) {
            double lo = Math.max(boxA[d], boxB[d]);
            double hi = Math.min(boxA[d + 3], boxB[d + 3]);
            inter *= Math.max(0, hi - lo);
            volA *= boxA[d + 3] - boxA[d];
            volB *= boxB[d + 3] - boxB[d];
        }
        double fraction = inter / Math.min(volA, volB);
        if (!(fraction >= MIN_OVERLAP)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                "%s: its field of view overlaps that of %s by only %.0f %% (at least %.0f %% needed): not the same"
                    + " head, or a wrong affine in one of the headers", bFile, aFile, 100 * fraction,
                100 * MIN_OVERLAP));
        }
    }

    /** {xmin, ymin, zmin, xmax, ymax, zmax} of the voxel extents in world mm. */
    static double[] worldBox(ImageGeometry g) {
        double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] p = new double[3];
        for (int c = 0; c < 8; c++) {
            double i = (c & 1) == 0 ? -0.5 : g.nx() - 0.5;
            double j = (c & 2) == 0 ? -0.5 : g.ny() - 0.5;
            double k = (c & 4) == 0 ? -0.5 : g.nz() - 0.5;
            g.voxelToWorld().apply(i, j, k, p);
            for (int d = 0; d < 3; d++) {
                box[d] = Math.min(box[d], p[d]);
                box[d + 3] = Math.max(box[d + 3], p[d]);
            }
        }
        return box;
    }
}

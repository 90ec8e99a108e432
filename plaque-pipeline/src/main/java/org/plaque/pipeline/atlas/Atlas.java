package org.plaque.pipeline.atlas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiHeader;
import org.plaque.io.nifti.NiftiReader;

/**
 * A loaded and validated brain atlas: T1 template, white-matter, grey-matter and CSF probabilities and a
 * brain mask on one grid in MNI space (world RAS+ mm), read from a folder in {@link AtlasLayout}.
 *
 * <p>{@link #load} checks, in this order, and stops at the first problem with an {@link
 * InvalidInputException} whose one-line message names the file and says how to fix it:
 * <ol>
 *   <li>the folder holds the five files ({@link AtlasLayout#requireComplete});</li>
 *   <li>{@code atlas.json}, if present, is valid and every checksum it lists matches its file;</li>
 *   <li>every file is a readable 3-D NIfTI image and all five share the T1 template's grid within {@link
 *       Tolerance#DEFAULT} (headers are compared before any voxel data is decoded);</li>
 *   <li>the T1 template is not constant; each tissue map holds probabilities in [0, 1] and is not all zero;
 *       the brain mask is binary and not empty.</li>
 * </ol>
 *
 * <p><b>Probability encodings</b> (decided per file by datatype and range): float maps and integer maps
 * with {@code scl_slope} are used as scaled by the header and must lie in [0, 1] (round-off up to 1e-3
 * outside is clamped); uint8 maps without scaling whose largest value is above 1 are 8-bit encoded and
 * divided by 255 (nilearn's {@code _converted} maps store round(255·p)); a uint8 map holding only 0 and 1
 * is taken as 0/1 probabilities. A brain mask holds 0 and 1, or 0 and 255 in an 8-bit encoded file. The
 * tissue maps are returned as probabilities; the T1 template keeps its intensities. GM + WM + CSF is not
 * required to sum to 1 (the ICBM 2009a maps average 0.978 inside their mask): {@link #tissueSumInMask()}
 * reports it.
 *
 * <p>Immutable. The five volumes of the 1 mm ICBM atlas (197×233×189) take about 150 MB.
 */
public final class Atlas {
    private final Path directory;
    private final AtlasMetadata metadata;
    private final ScalarVolume t1;
    private final Map<AtlasImage, ScalarVolume> tissues;
    private final Mask brainMask;

    private Atlas(Path directory, AtlasMetadata metadata, ScalarVolume t1, Map<AtlasImage, ScalarVolume> tissues,
                  Mask brainMask) {
        this.directory = directory;
        this.metadata = metadata;
        this.t1 = t1;
        this.tissues = tissues;
        this.brainMask = brainMask;
    }

    /**
     * Loads and validates the atlas in {@code dir} with the default NIfTI reader.
     *
     * @throws InvalidInputException if the folder is not a valid atlas (see the class comment)
     * @throws UncheckedIOException on a disk error
     */
    public static Atlas load(Path dir) {
        return load(dir, NiftiReader.withDefaults());
    }

    /**
     * Loads and validates the atlas in {@code dir} with {@code reader} (its limits and non-finite policy).
     *
     * @throws InvalidInputException if the folder is not a valid atlas (see the class comment)
     * @throws UncheckedIOException on a disk error
     */
    public static Atlas load(Path dir, NiftiReader reader) {
        AtlasLayout.requireComplete(dir);
        AtlasMetadata metadata = AtlasMetadata.readIfPresent(dir).orElse(null);
        if (metadata != null) {
            verifyChecksums(dir, metadata);
        }
        Path t1File = AtlasLayout.file(dir, AtlasImage.T1);
        ImageGeometry grid = geometryOf(reader.readHeader(t1File));
        for (AtlasImage image : AtlasImage.values()) {
            Path file = AtlasLayout.file(dir, image);
            ImageGeometry g = image == AtlasImage.T1 ? grid : geometryOf(reader.readHeader(file));
            if (!g.sameGrid(grid, Tolerance.DEFAULT)) {
                throw new InvalidInputException(file + ": the " + image.description() + " is not on the grid of "
                    + AtlasImage.T1.fileName() + " (tolerance " + Tolerance.DEFAULT.mm() + " mm): " + g + " vs "
                    + grid + "; all five atlas images must share one grid, so resample it onto "
                    + AtlasImage.T1.fileName());
            }
        }
        ScalarVolume t1 = AtlasValues.intensities(reader.read(t1File), AtlasImage.T1.description(), t1File);
        Map<AtlasImage, ScalarVolume> tissues = new EnumMap<>(AtlasImage.class);
        for (AtlasImage image : new AtlasImage[] {AtlasImage.WM, AtlasImage.GM, AtlasImage.CSF}) {
            Path file = AtlasLayout.file(dir, image);
            tissues.put(image, AtlasValues.probabilities(reader.read(file), image.description(), file));
        }
        Path maskFile = AtlasLayout.file(dir, AtlasImage.BRAIN_MASK);
        Mask mask = AtlasValues.binaryMask(reader.read(maskFile), AtlasImage.BRAIN_MASK.description(), maskFile);
        return new Atlas(dir, metadata, t1, tissues, mask);
    }

    private static ImageGeometry geometryOf(NiftiHeader h) {
        int[] size = h.volumeSize();
        return ImageGeometry.of(size[0], size[1], size[2], h.affine());
    }

    private static void verifyChecksums(Path dir, AtlasMetadata metadata) {
        for (Map.Entry<String, AtlasMetadata.FileEntry> e : metadata.files().entrySet()) {
            Path file = dir.resolve(e.getKey()).normalize();
            if (!file.startsWith(dir.normalize()) || !Files.isRegularFile(file)) {
                throw new InvalidInputException(dir.resolve(AtlasLayout.METADATA_FILE) + ": lists " + e.getKey()
                    + ", which is not a file of the atlas folder; reinstall the atlas with --force or "
                    + AtlasLayout.INSTALL_HINT);
            }
            String actual;
            try {
                actual = Sha256.of(file);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            if (!actual.equals(e.getValue().sha256())) {
                throw new InvalidInputException(file + ": its SHA-256 " + actual + " differs from "
                    + e.getValue().sha256() + " recorded in " + AtlasLayout.METADATA_FILE
                    + " (the file changed after installation); reinstall the atlas with plaque atlas install --force");
            }
        }
    }

    /** The folder the atlas was loaded from. */
    public Path directory() {
        return directory;
    }

    /** The description from {@code atlas.json}, when the folder has one. */
    public Optional<AtlasMetadata> metadata() {
        return Optional.ofNullable(metadata);
    }

    /** The common grid of the five images. */
    public ImageGeometry geometry() {
        return t1.geometry();
    }

    /** The T1-weighted template (intensities as stored). */
    public ScalarVolume t1() {
        return t1;
    }

    /** White-matter probabilities in [0, 1]. */
    public ScalarVolume wm() {
        return tissues.get(AtlasImage.WM);
    }

    /** Grey-matter probabilities in [0, 1]. */
    public ScalarVolume gm() {
        return tissues.get(AtlasImage.GM);
    }

    /** CSF probabilities in [0, 1]. */
    public ScalarVolume csf() {
        return tissues.get(AtlasImage.CSF);
    }

    /**
     * The probability map of a tissue.
     *
     * @throws IllegalArgumentException unless {@code tissue} is WM, GM or CSF
     */
    public ScalarVolume probability(AtlasImage tissue) {
        if (!Objects.requireNonNull(tissue).isProbability()) {
            throw new IllegalArgumentException(tissue + " is not a tissue probability map");
        }
        return tissues.get(tissue);
    }

    /** The binary brain mask. */
    public Mask brainMask() {
        return brainMask;
    }

    /**
     * Statistics of GM + WM + CSF over the voxels of the brain mask.
     *
     * @param mean mean of the sum
     * @param min smallest sum
     * @param max largest sum
     * @param voxels number of mask voxels
     */
    public record TissueSum(double mean, double min, double max, int voxels) {
    }

    /** GM + WM + CSF over the brain mask (about 1 for a complete tissue model). */
    public TissueSum tissueSumInMask() {
        ScalarVolume wm = wm();
        ScalarVolume gm = gm();
        ScalarVolume csf = csf();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        int count = geometry().voxelCount();
        for (int i = 0; i < count; i++) {
            if (brainMask.get(i)) {
                double s = (double) wm.get(i) + gm.get(i) + csf.get(i);
                sum += s;
                min = Math.min(min, s);
                max = Math.max(max, s);
                n++;
            }
        }
        return new TissueSum(sum / n, min, max, n);
    }
}

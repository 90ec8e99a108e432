package org.plaque.pipeline.atlas;

import java.math.BigDecimal;
import java.math.MathContext;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiDataType;
import org.plaque.io.nifti.NiftiHeader;
import org.plaque.io.nifti.NiftiImage;

/**
 * Turns the voxel values of atlas files into probabilities, intensities and masks, recognising the 8-bit
 * encoding of probability maps.
 *
 * <p><b>The 8-bit rule.</b> A file is 8-bit encoded when its datatype is uint8, its header applies no
 * scaling ({@code scl_slope} 0, 1 or non-finite with {@code scl_inter} 0) and its largest value is above 1:
 * each value v then stands for v / 255 (nilearn's {@code _converted} maps store round(255·p)). A uint8 map
 * whose values are only 0 and 1 is read as 0/1 probabilities, not as 1/255. Every other map (float, or
 * integer with {@code scl_slope}) must already hold values in [0, 1] after the header's scaling; values up
 * to {@value #TOLERANCE} outside (round-off of a scaled or resampled map) are clamped into [0, 1], anything
 * further out is refused. Brain masks follow the same rule: values 0 and 1, or 0 and 255 in an 8-bit
 * encoded file.
 */
final class AtlasValues {
    /** How far outside [0, 1] a probability may stray through round-off before the map is refused. */
    static final double TOLERANCE = 1e-3;
    private static final double EIGHT_BIT_MAX = 255;

    private AtlasValues() {
    }

    /** Whether {@code header} describes an 8-bit encoded map whose largest value is {@code max}. */
    static boolean isEightBitEncoded(NiftiHeader header, double max) {
        return header.dataType() == NiftiDataType.UINT8 && !headerScales(header) && max > 1;
    }

    /** Whether the header's scl_slope / scl_inter change the stored values (nibabel's rule). */
    static boolean headerScales(NiftiHeader header) {
        double slope = header.sclSlope();
        return slope != 0 && Double.isFinite(slope) && !(slope == 1 && header.sclInter() == 0);
    }

    /**
     * The probabilities of a tissue map, scaled by 1/255 when 8-bit encoded and clamped into [0, 1].
     *
     * @throws InvalidInputException when values lie outside [0, 1] (beyond {@link #TOLERANCE}) or all are zero
     */
    static ScalarVolume probabilities(NiftiImage image, String what, Object file) {
        ScalarVolume v = image.volume();
        ScalarVolume.Statistics s = v.statistics();
        boolean eightBit = isEightBitEncoded(image.header(), s.max());
        if (!eightBit && (s.min() < -TOLERANCE || s.max() > 1 + TOLERANCE)) {
            throw new InvalidInputException(file + ": the " + what + " holds values from " + fmt(s.min()) + " to "
                + fmt(s.max()) + " (" + image.header().dataType().label() + (headerScales(image.header())
                ? " scaled by scl_slope" : "") + ") but probabilities must lie in [0, 1]; store it as floats in"
                + " [0, 1] or as uint8 values round(255·p)");
        }
        if (!(s.max() > 0)) {
            throw new InvalidInputException(file + ": the " + what + " is all zero; it must hold the tissue's"
                + " probabilities");
        }
        ImageGeometry g = v.geometry();
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        float[] out = b.array();
        float scale = eightBit ? (float) (1 / EIGHT_BIT_MAX) : 1f;
        for (int i = 0; i < out.length; i++) {
            float p = eightBit ? v.get(i) * scale : v.get(i);
            out[i] = p < 0 ? 0f : (p > 1 ? 1f : p);
        }
        return b.build();
    }

    /**
     * The T1 template's intensities, unchanged.
     *
     * @throws InvalidInputException when every voxel has the same value (an empty or placeholder image)
     */
    static ScalarVolume intensities(NiftiImage image, String what, Object file) {
        ScalarVolume.Statistics s = image.volume().statistics();
        if (!(s.max() > s.min())) {
            throw new InvalidInputException(file + ": the " + what + " is constant (every voxel is " + fmt(s.min())
                + "); it must be a T1-weighted image");
        }
        return image.volume();
    }

    /**
     * The binary brain mask: values must be exactly 0 or 1 (0 or 255 in an 8-bit encoded file).
     *
     * @throws InvalidInputException naming the first other value and where it is, or when no voxel is set
     */
    static Mask binaryMask(NiftiImage image, String what, Object file) {
        ScalarVolume v = image.volume();
        ImageGeometry g = v.geometry();
        boolean eightBit = isEightBitEncoded(image.header(), v.statistics().max());
        float one = eightBit ? (float) EIGHT_BIT_MAX : 1f;
        Mask.Builder b = Mask.builder(g);
        boolean[] out = b.array();
        int set = 0;
        for (int i = 0; i < out.length; i++) {
            float x = v.get(i);
            if (x == one) {
                out[i] = true;
                set++;
            } else if (x != 0) {
                int ix = i % g.nx();
                int iy = (i / g.nx()) % g.ny();
                int iz = i / g.nx() / g.ny();
                throw new InvalidInputException(file + ": the " + what + " must be binary (0 and " + fmt(one)
                    + ") but voxel (" + ix + ", " + iy + ", " + iz + ") is " + fmt(x)
                    + "; threshold it (e.g. at 0.5) and save it as 0/1");
            }
        }
        if (set == 0) {
            throw new InvalidInputException(file + ": the " + what + " is empty (no voxel is 1)");
        }
        return b.build();
    }

    /** A number for messages: integers without a fraction, others with six significant digits. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}

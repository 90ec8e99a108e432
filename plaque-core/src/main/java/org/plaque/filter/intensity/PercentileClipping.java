package org.plaque.filter.intensity;

import java.util.Objects;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Percentile clipping (and, by default, rescaling): intensities are clipped to the [low, high] percentiles of the
 * finite voxels inside a mask (the whole image when none is given), then optionally mapped linearly from
 * [p_low, p_high] onto [0, 1].
 *
 * <p>Percentiles interpolate linearly between order statistics (Hyndman and Fan 1996 definition 7, numpy's
 * default, doi:10.2307/2684934). Voxels outside the mask get the same mapping ({@link OutsideMask#TRANSFORM},
 * default) or 0 ({@link OutsideMask#ZERO}); NaN voxels stay NaN, infinite ones are clipped. Input unchanged,
 * grid kept.
 */
public final class PercentileClipping {
    /** The output's intensity scale. */
    public enum Scaling {
        /** Clip only: the output keeps the input's intensity units. */
        NONE,
        /** Clip, then map [p_low, p_high] linearly onto [0, 1]. */
        UNIT
    }

    /**
     * @param lowPercentile  lower percentile, in [0, 100); default 1
     * @param highPercentile upper percentile, in (low, 100]; default 99
     * @param scaling        output scale; default {@link Scaling#UNIT}
     * @param outside        what happens outside the mask; default {@link OutsideMask#TRANSFORM}
     */
    public record Params(double lowPercentile, double highPercentile, Scaling scaling, OutsideMask outside) {
        /** Percentiles 1 and 99, rescaled to [0, 1], outside voxels mapped like inside ones. */
        public static final Params DEFAULTS = new Params(1.0, 99.0, Scaling.UNIT, OutsideMask.TRANSFORM);

        public Params {
            if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
                throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, got "
                    + lowPercentile + " and " + highPercentile);
            }
            Objects.requireNonNull(scaling, "scaling");
            Objects.requireNonNull(outside, "outside");
        }

        public Params withPercentiles(double low, double high) {
            return new Params(low, high, scaling, outside);
        }
    }

    /**
     * @param clipped   the clipped (and possibly rescaled) image
     * @param lowValue  the low percentile's intensity in the input (intensity units)
     * @param highValue the high percentile's intensity in the input (intensity units)
     */
    public record Result(ScalarVolume clipped, double lowValue, double highValue) {
    }

    private final Params params;

    public PercentileClipping(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public static PercentileClipping withDefaults() {
        return new PercentileClipping(Params.DEFAULTS);
    }

    public Params params() {
        return params;
    }

    /**
     * Clips {@code image} at the percentiles of its voxels inside {@code mask} (all voxels when null).
     *
     * @throws InvalidInputException if the mask is on another grid or selects no finite voxel, or (with
     *                               {@link Scaling#UNIT}) the two percentiles coincide
     */
    public Result apply(ScalarVolume image, Mask mask, ExecutionContext ctx) {
        MaskedValues.requireSameGrid(image, mask, "percentile clipping mask");
        float[] values = MaskedValues.collect(image, mask);
        if (values.length == 0) {
            throw new InvalidInputException("percentile clipping: the mask selects no voxel with a finite intensity");
        }
        float[] sorted = MaskedValues.sorted(values);
        double lo = MaskedValues.percentile(sorted, params.lowPercentile());
        double hi = MaskedValues.percentile(sorted, params.highPercentile());
        boolean unit = params.scaling() == Scaling.UNIT;
        if (unit && !(hi > lo)) {
            throw new InvalidInputException("percentile clipping: the " + params.lowPercentile() + "th and "
                + params.highPercentile() + "th percentiles are equal (" + lo + "), nothing to rescale");
        }
        double scale = unit ? 1.0 / (hi - lo) : 1.0;
        double shift = unit ? lo : 0.0;
        boolean zeroOutside = mask != null && params.outside() == OutsideMask.ZERO;
        ScalarVolume.Builder b = ScalarVolume.builder(image.geometry());
        float[] out = b.array();
        ctx.parallelFor(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                if (zeroOutside && !mask.get(i)) {
                    out[i] = 0f;
                    continue;
                }
                float v = image.get(i);
                double c = v < lo ? lo : v > hi ? hi : v;
                out[i] = Float.isNaN(v) ? v : (float) ((c - shift) * scale);
            }
        });
        return new Result(b.build(), lo, hi);
    }
}

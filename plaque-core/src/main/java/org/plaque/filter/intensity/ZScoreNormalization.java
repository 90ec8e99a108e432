package org.plaque.filter.intensity;

import java.util.Objects;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Z-score normalisation: (value − mean) / standard deviation, with mean and (population) standard deviation taken
 * over the finite voxels inside a mask (the whole image when no mask is given).
 *
 * <p>After the mapping the masked voxels have mean 0 and standard deviation 1. Voxels outside the mask are mapped
 * the same way ({@link OutsideMask#TRANSFORM}, default) or set to 0 ({@link OutsideMask#ZERO}); non-finite voxels
 * stay non-finite. Input unchanged, grid kept, result independent of the thread count.
 */
public final class ZScoreNormalization {
    /**
     * @param outside what happens outside the mask; default {@link OutsideMask#TRANSFORM}
     */
    public record Params(OutsideMask outside) {
        /** Outside voxels mapped like inside ones. */
        public static final Params DEFAULTS = new Params(OutsideMask.TRANSFORM);

        public Params {
            Objects.requireNonNull(outside, "outside");
        }
    }

    /**
     * @param normalized        the normalised image
     * @param mean              mean of the masked voxels before normalisation (intensity units)
     * @param standardDeviation their population standard deviation (intensity units)
     */
    public record Result(ScalarVolume normalized, double mean, double standardDeviation) {
    }

    private final Params params;

    public ZScoreNormalization(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public static ZScoreNormalization withDefaults() {
        return new ZScoreNormalization(Params.DEFAULTS);
    }

    public Params params() {
        return params;
    }

    /**
     * Normalises {@code image} with the statistics of its voxels inside {@code mask} (all voxels when null).
     *
     * @throws InvalidInputException if the mask is on another grid, selects no finite voxel, or the selected
     *                               intensities are all equal
     */
    public Result apply(ScalarVolume image, Mask mask, ExecutionContext ctx) {
        MaskedValues.requireSameGrid(image, mask, "z-score mask");
        double[] s = MaskedValues.summary(image, mask, ctx);
        if (s[0] == 0) {
            throw new InvalidInputException("z-score normalisation: the mask selects no voxel with a finite intensity");
        }
        double mean = s[1];
        double sd = s[2];
        if (!(sd > 0)) {
            throw new InvalidInputException("z-score normalisation: intensity is constant (" + mean
                + ") inside the mask, so it has no standard deviation to divide by");
        }
        boolean zeroOutside = mask != null && params.outside() == OutsideMask.ZERO;
        ScalarVolume.Builder b = ScalarVolume.builder(image.geometry());
        float[] out = b.array();
        ctx.parallelFor(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = zeroOutside && !mask.get(i) ? 0f : (float) ((image.get(i) - mean) / sd);
            }
        });
        return new Result(b.build(), mean, sd);
    }
}

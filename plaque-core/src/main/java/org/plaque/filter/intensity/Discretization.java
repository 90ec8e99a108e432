package org.plaque.filter.intensity;

import java.util.Objects;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Discretisation into a fixed number of equal-width grey levels (IBSI "fixed bin number", Zwanenburg et al. 2020,
 * doi:10.1148/radiol.2020191145): level = ⌊N·(v − min) / (max − min)⌋ + 1, and N at the maximum, so levels run
 * 1…N.
 *
 * <p>The range [min, max] is that of the finite voxels inside the mask, or of the whole image when no mask is
 * given. Voxels outside the mask and non-finite voxels get level 0. When all selected voxels are equal they all
 * get level 1. Input unchanged, grid kept.
 */
public final class Discretization {
    /**
     * @param levels number of grey levels N, 1 … 65535; default 32 (a common IBSI choice)
     */
    public record Params(int levels) {
        /** 32 grey levels. */
        public static final Params DEFAULTS = new Params(32);

        public Params {
            if (levels < 1 || levels > 65535) {
                throw new IllegalArgumentException("levels must be in 1..65535, got " + levels);
            }
        }
    }

    /**
     * @param levels   grey level per voxel: 1…N inside the mask, 0 outside
     * @param minimum  intensity of the lower edge of level 1 (intensity units)
     * @param binWidth intensity width of each level (intensity units; 0 when the range is empty)
     */
    public record Result(LabelVolume levels, double minimum, double binWidth) {
    }

    private final Params params;

    public Discretization(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public static Discretization withDefaults() {
        return new Discretization(Params.DEFAULTS);
    }

    public Params params() {
        return params;
    }

    /**
     * Discretises {@code image} over the range of its voxels inside {@code mask} (all voxels when null).
     *
     * @throws InvalidInputException if the mask is on another grid or selects no finite voxel
     */
    public Result apply(ScalarVolume image, Mask mask, ExecutionContext ctx) {
        MaskedValues.requireSameGrid(image, mask, "discretisation mask");
        double[] s = MaskedValues.summary(image, mask, ctx);
        if (s[0] == 0) {
            throw new InvalidInputException("discretisation: the mask selects no voxel with a finite intensity");
        }
        double min = s[3];
        double max = s[4];
        int n = params.levels();
        double range = max - min;
        LabelVolume.Builder b = LabelVolume.builder(image.geometry());
        int[] out = b.array();
        ctx.parallelFor(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                if (!MaskedValues.selected(image, mask, i)) {
                    out[i] = 0;
                    continue;
                }
                double v = image.get(i);
                int level;
                if (!(range > 0)) {
                    level = 1;
                } else if (v >= max) {
                    level = n;
                } else {
                    level = (int) Math.floor(n * (v - min) / range) + 1;
                    level = Math.max(1, Math.min(n, level));
                }
                out[i] = level;
            }
        });
        return new Result(b.build(), min, range > 0 ? range / n : 0.0);
    }
}

package org.plaque.filter.morphology;

import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;

/**
 * Binary erosion, dilation, opening and closing of a mask with a ball of radius r millimetres: the
 * structuring element is every voxel offset whose physical length (with the grid's spacing) is at most r,
 * so a radius below the smallest spacing is the identity and anisotropic grids get an ellipsoid in voxels.
 *
 * <p>Computed exactly through {@link DistanceTransform} instead of by visiting the offsets, so the cost does
 * not grow with the radius: dilation keeps the voxels within r of the mask; erosion keeps the mask voxels
 * farther than r from every background voxel of the grid. <b>Borders:</b> voxels outside the grid count
 * as background for dilation (nothing is added from outside) and as foreground for erosion (ITK's default:
 * an object touching the border is not eaten from outside the field of view). Opening = erosion then
 * dilation (removes parts thinner than the ball); closing = dilation then erosion (fills gaps narrower than
 * the ball).
 *
 * <p>Inputs are not modified; the result is on the input's grid. Failure: {@link IllegalArgumentException}
 * for a negative or non-finite radius.
 */
public final class BinaryMorphology {
    /** Relative slack on r² so that offsets exactly at the radius are inside despite rounding. */
    private static final double EPS = 1e-9;

    private BinaryMorphology() {
    }

    /** The voxels within {@code radiusMm} of a set voxel of {@code mask}. */
    public static Mask dilate(Mask mask, double radiusMm, ExecutionContext ctx) {
        double r2 = radius2(radiusMm);
        if (mask.count() == 0) {
            return mask;
        }
        double[] d2 = DistanceTransform.squaredMm(mask, ctx);
        Mask.Builder b = Mask.builder(mask.geometry());
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = d2[i] <= r2;
        }
        return b.build();
    }

    /** The set voxels of {@code mask} whose ball of {@code radiusMm} lies inside the mask (or outside the grid). */
    public static Mask erode(Mask mask, double radiusMm, ExecutionContext ctx) {
        double r2 = radius2(radiusMm);
        Mask background = complement(mask);
        if (background.count() == 0) {
            return mask;
        }
        double[] d2 = DistanceTransform.squaredMm(background, ctx);
        Mask.Builder b = Mask.builder(mask.geometry());
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = mask.get(i) && d2[i] > r2;
        }
        return b.build();
    }

    /** Erosion then dilation with the same ball. */
    public static Mask open(Mask mask, double radiusMm, ExecutionContext ctx) {
        return dilate(erode(mask, radiusMm, ctx), radiusMm, ctx);
    }

    /** Dilation then erosion with the same ball. */
    public static Mask close(Mask mask, double radiusMm, ExecutionContext ctx) {
        return erode(dilate(mask, radiusMm, ctx), radiusMm, ctx);
    }

    /** The voxels not in {@code mask}. */
    public static Mask complement(Mask mask) {
        Objects.requireNonNull(mask, "mask");
        Mask.Builder b = Mask.builder(mask.geometry());
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = !mask.get(i);
        }
        return b.build();
    }

    private static double radius2(double radiusMm) {
        if (!(radiusMm >= 0) || !Double.isFinite(radiusMm)) {
            throw new IllegalArgumentException("structuring-element radius must be finite and >= 0 mm, got "
                + radiusMm);
        }
        return radiusMm * radiusMm * (1 + EPS);
    }
}

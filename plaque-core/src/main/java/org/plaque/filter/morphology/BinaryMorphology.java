package org.plaque.filter.morphology;

import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;

/**
 * Binary erosion, dilation, opening and closing of a mask with a ball of radius r millimetres, and the voxel
 * set operations complement, and, or. The structuring element is every voxel offset whose physical length
 * (with the grid's spacing) is at most r, so a radius below the smallest spacing is the identity and
 * anisotropic grids get an ellipsoid in voxels.
 *
 * <p>Computed exactly through {@link DistanceTransform} instead of by visiting the offsets, so the cost does
 * not grow with the radius: dilation keeps the voxels within r of the mask; erosion keeps the mask voxels
 * farther than r from every background voxel. Opening = erosion then dilation (removes parts thinner than
 * the ball); closing = dilation then erosion (fills gaps narrower than the ball).
 *
 * <p><b>Borders</b> follow a {@link Convention}: by default ({@link Convention#STANDARD}, ITK's) voxels
 * outside the grid count as background for dilation and as foreground for erosion, so an object touching
 * the border is not eaten from outside the field of view; {@link Convention#EDGE_AS_BACKGROUND} (the
 * skull-strip convention) counts them as background for erosion too.
 *
 * <p>Inputs are not modified; the result is on the input's grid. Failure: {@link IllegalArgumentException}
 * for a negative or non-finite radius under {@link Convention#STANDARD}, or for masks on different-sized
 * grids in {@link #and} and {@link #or}.
 */
public final class BinaryMorphology {
    /** Relative slack on r² so that offsets exactly at the radius are inside despite rounding. */
    private static final double EPS = 1e-9;

    /**
     * Which of the two ball-morphology conventions of Plaque to use. They differ at the grid's edge and in
     * rounding, and each caller keeps the one its results were produced with.
     */
    public enum Convention {
        /**
         * Double-precision distances, r² with a relative slack of 1e-9, voxels beyond the grid count as
         * foreground for erosion (ITK's default). Rejects a negative or non-finite radius.
         */
        STANDARD,
        /**
         * Single-precision distances ({@link DistanceTransform#squaredMmSingle}), r² with an absolute slack
         * of 1e-6 mm², and voxels beyond the grid count as background for erosion too: a mask voxel is kept
         * only when it is farther than r from every background voxel and from the half voxel beyond the
         * grid's edge along each axis. Used by skull stripping, where a brain touching the field of view's
         * edge must not be treated as extending beyond it.
         */
        EDGE_AS_BACKGROUND
    }

    private BinaryMorphology() {
    }

    /** The voxels within {@code radiusMm} of a set voxel of {@code mask} ({@link Convention#STANDARD}). */
    public static Mask dilate(Mask mask, double radiusMm, ExecutionContext ctx) {
        return dilate(mask, radiusMm, ctx, Convention.STANDARD);
    }

    /** The set voxels of {@code mask} whose ball of {@code radiusMm} lies inside the mask (or outside the grid). */
    public static Mask erode(Mask mask, double radiusMm, ExecutionContext ctx) {
        return erode(mask, radiusMm, ctx, Convention.STANDARD);
    }

    /** Erosion then dilation with the same ball ({@link Convention#STANDARD}). */
    public static Mask open(Mask mask, double radiusMm, ExecutionContext ctx) {
        return open(mask, radiusMm, ctx, Convention.STANDARD);
    }

    /** Dilation then erosion with the same ball ({@link Convention#STANDARD}). */
    public static Mask close(Mask mask, double radiusMm, ExecutionContext ctx) {
        return close(mask, radiusMm, ctx, Convention.STANDARD);
    }

    /** The voxels within {@code radiusMm} of a set voxel of {@code mask}, under {@code convention}. */
    public static Mask dilate(Mask mask, double radiusMm, ExecutionContext ctx, Convention convention) {
        Objects.requireNonNull(convention, "convention");
        if (convention == Convention.EDGE_AS_BACKGROUND) {
            float[] d2 = DistanceTransform.squaredMmSingle(mask, ctx);
            double r2 = absoluteRadius2(radiusMm);
            Mask.Builder b = Mask.builder(mask.geometry());
            boolean[] out = b.array();
            for (int i = 0; i < out.length; i++) {
                out[i] = d2[i] <= r2;
            }
            return b.build();
        }
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

    /** The set voxels of {@code mask} farther than {@code radiusMm} from the background, under {@code convention}. */
    public static Mask erode(Mask mask, double radiusMm, ExecutionContext ctx, Convention convention) {
        Objects.requireNonNull(convention, "convention");
        Mask background = complement(mask);
        if (convention == Convention.EDGE_AS_BACKGROUND) {
            return erodeWithEdge(mask, background, absoluteRadius2(radiusMm), ctx);
        }
        double r2 = radius2(radiusMm);
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

    /** Erosion then dilation with the same ball, under {@code convention}. */
    public static Mask open(Mask mask, double radiusMm, ExecutionContext ctx, Convention convention) {
        return dilate(erode(mask, radiusMm, ctx, convention), radiusMm, ctx, convention);
    }

    /** Dilation then erosion with the same ball, under {@code convention}. */
    public static Mask close(Mask mask, double radiusMm, ExecutionContext ctx, Convention convention) {
        return erode(dilate(mask, radiusMm, ctx, convention), radiusMm, ctx, convention);
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

    /** The voxels in both masks, on {@code a}'s grid. */
    public static Mask and(Mask a, Mask b) {
        requireSameSize(a, b);
        Mask.Builder out = Mask.builder(a.geometry());
        boolean[] o = out.array();
        for (int i = 0; i < o.length; i++) {
            o[i] = a.get(i) && b.get(i);
        }
        return out.build();
    }

    /** The voxels in either mask, on {@code a}'s grid. */
    public static Mask or(Mask a, Mask b) {
        requireSameSize(a, b);
        Mask.Builder out = Mask.builder(a.geometry());
        boolean[] o = out.array();
        for (int i = 0; i < o.length; i++) {
            o[i] = a.get(i) || b.get(i);
        }
        return out.build();
    }

    private static void requireSameSize(Mask a, Mask b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        ImageGeometry ga = a.geometry();
        ImageGeometry gb = b.geometry();
        if (ga.nx() != gb.nx() || ga.ny() != gb.ny() || ga.nz() != gb.nz()) {
            throw new IllegalArgumentException("masks on different grids: " + ga.nx() + "x" + ga.ny() + "x"
                + ga.nz() + " and " + gb.nx() + "x" + gb.ny() + "x" + gb.nz());
        }
    }

    /** Erosion counting the half voxel beyond each edge of the grid as background. */
    private static Mask erodeWithEdge(Mask mask, Mask background, double r2, ExecutionContext ctx) {
        ImageGeometry g = mask.geometry();
        float[] d2 = DistanceTransform.squaredMmSingle(background, ctx);
        double[] s = g.spacingMm();
        Mask.Builder b = Mask.builder(g);
        boolean[] out = b.array();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (!mask.get(i) || d2[i] <= r2) {
                        continue;
                    }
                    double edge = Math.min(Math.min(Math.min(x + 1, nx - x) * s[0], Math.min(y + 1, ny - y) * s[1]),
                        Math.min(z + 1, nz - z) * s[2]);
                    out[i] = edge * edge > r2;
                }
            }
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

    /** r² plus an absolute slack, as the skull-strip convention has always used (no radius check). */
    private static double absoluteRadius2(double radiusMm) {
        return radiusMm * radiusMm + 1e-6;
    }
}

package org.plaque.filter.morphology;

import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

/**
 * Grey-level minimum and maximum filters (grey erosion and dilation) over a box: every voxel gets the
 * minimum (maximum) of the voxels within {@code halfWidthMm} along each voxel axis, i.e. ⌊halfWidth /
 * spacing⌋ voxels to each side per axis.
 *
 * <p>A box is separable, so the filter runs as three 1-D passes and costs O(n·w) for w voxels per side —
 * the cheap choice for the small neighbourhoods (1–3 mm) used to tolerate misregistration. Voxels outside
 * the grid are ignored (the window is clipped at the border). Each pass is parallel over lines; the output
 * does not depend on the thread count. The input is not modified.
 */
public final class GreyMorphology {
    private GreyMorphology() {
    }

    /** Local maximum over the box of half-width {@code halfWidthMm} (mm, ≥ 0) on each axis. */
    public static ScalarVolume max(ScalarVolume image, double halfWidthMm, ExecutionContext ctx) {
        return filter(image, halfWidthMm, true, ctx);
    }

    /** Local minimum over the box of half-width {@code halfWidthMm} (mm, ≥ 0) on each axis. */
    public static ScalarVolume min(ScalarVolume image, double halfWidthMm, ExecutionContext ctx) {
        return filter(image, halfWidthMm, false, ctx);
    }

    private static ScalarVolume filter(ScalarVolume image, double halfWidthMm, boolean max, ExecutionContext ctx) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(ctx, "ctx");
        if (!(halfWidthMm >= 0) || !Double.isFinite(halfWidthMm)) {
            throw new IllegalArgumentException("box half-width must be finite and >= 0 mm, got " + halfWidthMm);
        }
        ImageGeometry g = image.geometry();
        int[] n = g.size();
        double[] sp = g.spacingMm();
        float[] a = image.toArray();
        float[] b = new float[a.length];
        int[] strides = {1, n[0], n[0] * n[1]};
        for (int axis = 0; axis < 3; axis++) {
            int r = (int) Math.floor(halfWidthMm / sp[axis] + 1e-9);
            if (r == 0) {
                continue;
            }
            int len = n[axis];
            int stride = strides[axis];
            int lines = a.length / len;
            final float[] src = a;
            final float[] dst = b;
            final int ax = axis;
            ctx.parallelFor(lines, (from, to) -> {
                float[] line = new float[len];
                for (int l = from; l < to; l++) {
                    int base = lineStart(l, ax, n);
                    for (int q = 0; q < len; q++) {
                        line[q] = src[base + q * stride];
                    }
                    for (int q = 0; q < len; q++) {
                        int lo = Math.max(0, q - r);
                        int hi = Math.min(len - 1, q + r);
                        float v = line[lo];
                        for (int p = lo + 1; p <= hi; p++) {
                            v = max ? Math.max(v, line[p]) : Math.min(v, line[p]);
                        }
                        dst[base + q * stride] = v;
                    }
                }
            });
            float[] t = a;
            a = b;
            b = t;
        }
        return ScalarVolume.of(g, a);
    }

    /** Linear index of the first voxel of line {@code l} along {@code axis}. */
    private static int lineStart(int l, int axis, int[] n) {
        return switch (axis) {
            case 0 -> l * n[0];
            case 1 -> (l % n[0]) + n[0] * n[1] * (l / n[0]);
            default -> l;
        };
    }
}

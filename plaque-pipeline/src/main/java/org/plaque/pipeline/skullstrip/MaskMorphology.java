package org.plaque.pipeline.skullstrip;

import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;
import org.plaque.segment.components.Components;
import org.plaque.segment.components.ConnectedComponents;

/**
 * Binary morphology on brain-sized masks with a ball of a radius in millimetres (exact, through the
 * Euclidean {@link DistanceTransform}, so anisotropic voxels are handled), hole filling and the largest
 * connected component. Inputs are never modified; every result is a new mask on the input's grid.
 * Voxels beyond the grid's edge count as outside the mask.
 */
public final class MaskMorphology {
    private MaskMorphology() {
    }

    /** Voxels within {@code radiusMm} of the mask (a ball dilation). */
    public static Mask dilate(Mask m, double radiusMm, ExecutionContext ctx) {
        ImageGeometry g = m.geometry();
        float[] d = DistanceTransform.squared(m.toArray(), g, ctx);
        double r2 = radiusMm * radiusMm + 1e-6;
        Mask.Builder b = Mask.builder(g);
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = d[i] <= r2;
        }
        return b.build();
    }

    /** Mask voxels farther than {@code radiusMm} from every non-mask voxel and from the grid's edge. */
    public static Mask erode(Mask m, double radiusMm, ExecutionContext ctx) {
        ImageGeometry g = m.geometry();
        boolean[] in = m.toArray();
        boolean[] outside = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            outside[i] = !in[i];
        }
        float[] d = DistanceTransform.squared(outside, g, ctx);
        double r2 = radiusMm * radiusMm + 1e-6;
        double[] s = g.spacingMm();
        Mask.Builder b = Mask.builder(g);
        boolean[] out = b.array();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        for (int z = 0, i = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (!in[i] || d[i] <= r2) {
                        continue;
                    }
                    // distance to the half-voxel beyond the edge along each axis
                    double edge = Math.min(Math.min(Math.min(x + 1, nx - x) * s[0], Math.min(y + 1, ny - y) * s[1]),
                        Math.min(z + 1, nz - z) * s[2]);
                    out[i] = edge * edge > r2;
                }
            }
        }
        return b.build();
    }

    /** Dilation then erosion: fills gaps and dents narrower than the ball. */
    public static Mask close(Mask m, double radiusMm, ExecutionContext ctx) {
        return erode(dilate(m, radiusMm, ctx), radiusMm, ctx);
    }

    /** Erosion then dilation: removes parts and bridges thinner than the ball. */
    public static Mask open(Mask m, double radiusMm, ExecutionContext ctx) {
        return dilate(erode(m, radiusMm, ctx), radiusMm, ctx);
    }

    /** The mask plus every background region not 6-connected to the grid's border (its cavities). */
    public static Mask fillHoles(Mask m) {
        ImageGeometry g = m.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        boolean[] in = m.toArray();
        boolean[] reached = new boolean[in.length];
        int[] stack = new int[Math.max(16, in.length / 8)];
        int top = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    boolean border = x == 0 || y == 0 || z == 0 || x == nx - 1 || y == ny - 1 || z == nz - 1;
                    int i = g.index(x, y, z);
                    if (border && !in[i] && !reached[i]) {
                        reached[i] = true;
                        if (top == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                        }
                        stack[top++] = i;
                    }
                }
            }
        }
        int nxy = nx * ny;
        while (top > 0) {
            int i = stack[--top];
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / nxy;
            for (int k = 0; k < 6; k++) {
                int j;
                switch (k) {
                    case 0 -> j = x > 0 ? i - 1 : -1;
                    case 1 -> j = x < nx - 1 ? i + 1 : -1;
                    case 2 -> j = y > 0 ? i - nx : -1;
                    case 3 -> j = y < ny - 1 ? i + nx : -1;
                    case 4 -> j = z > 0 ? i - nxy : -1;
                    default -> j = z < nz - 1 ? i + nxy : -1;
                }
                if (j >= 0 && !in[j] && !reached[j]) {
                    reached[j] = true;
                    if (top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                    }
                    stack[top++] = j;
                }
            }
        }
        Mask.Builder b = Mask.builder(g);
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = in[i] || !reached[i];
        }
        return b.build();
    }

    /**
     * The mask plus, in every slice perpendicular to voxel axis {@code axis}, the background regions not
     * 4-connected to the slice's border: fills a head outline slice by slice even where a partial field of
     * view leaves it open at the top or bottom of the volume.
     */
    public static Mask fillHolesPerSlice(Mask m, int axis) {
        ImageGeometry g = m.geometry();
        int[] n = g.size();
        int[] stride = {1, n[0], n[0] * n[1]};
        int a = axis == 0 ? 1 : 0;
        int b = axis == 2 ? 1 : 2;
        int na = n[a];
        int nb = n[b];
        boolean[] in = m.toArray();
        boolean[] out = in.clone();
        boolean[] reached = new boolean[na * nb];
        int[] stack = new int[na * nb];
        for (int s = 0; s < n[axis]; s++) {
            java.util.Arrays.fill(reached, false);
            int base = s * stride[axis];
            int top = 0;
            for (int v = 0; v < nb; v++) {
                for (int u = 0; u < na; u++) {
                    if ((u == 0 || v == 0 || u == na - 1 || v == nb - 1) && !in[base + u * stride[a] + v * stride[b]]) {
                        reached[u + na * v] = true;
                        stack[top++] = u + na * v;
                    }
                }
            }
            while (top > 0) {
                int p = stack[--top];
                int u = p % na;
                int v = p / na;
                for (int k = 0; k < 4; k++) {
                    int uu = u + (k == 0 ? -1 : k == 1 ? 1 : 0);
                    int vv = v + (k == 2 ? -1 : k == 3 ? 1 : 0);
                    if (uu < 0 || vv < 0 || uu >= na || vv >= nb) {
                        continue;
                    }
                    int q = uu + na * vv;
                    if (!reached[q] && !in[base + uu * stride[a] + vv * stride[b]]) {
                        reached[q] = true;
                        stack[top++] = q;
                    }
                }
            }
            for (int v = 0; v < nb; v++) {
                for (int u = 0; u < na; u++) {
                    if (!reached[u + na * v]) {
                        out[base + u * stride[a] + v * stride[b]] = true;
                    }
                }
            }
        }
        return Mask.of(g, out);
    }

    /** The largest 6-connected component (the lowest label among equals); an empty mask stays empty. */
    public static Mask largestComponent(Mask m) {
        Components c = ConnectedComponents.label(m, Connectivity.SIX);
        if (c.count() <= 1) {
            return m;
        }
        int best = 1;
        for (int l = 2; l <= c.count(); l++) {
            if (c.voxelCount(l) > c.voxelCount(best)) {
                best = l;
            }
        }
        Mask.Builder b = Mask.builder(m.geometry());
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = c.labels().get(i) == best;
        }
        return b.build();
    }

    /** Voxels in both masks. */
    public static Mask and(Mask a, Mask b) {
        Mask.Builder out = Mask.builder(a.geometry());
        boolean[] o = out.array();
        for (int i = 0; i < o.length; i++) {
            o[i] = a.get(i) && b.get(i);
        }
        return out.build();
    }

    /** Voxels in either mask. */
    public static Mask or(Mask a, Mask b) {
        Mask.Builder out = Mask.builder(a.geometry());
        boolean[] o = out.array();
        for (int i = 0; i < o.length; i++) {
            o[i] = a.get(i) || b.get(i);
        }
        return out.build();
    }
}

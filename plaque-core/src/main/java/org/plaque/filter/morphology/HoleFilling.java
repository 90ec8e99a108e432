package org.plaque.filter.morphology;

import java.util.Arrays;
import java.util.Objects;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;

/**
 * Fills the holes of a mask: background voxels that cannot reach the border of the grid through
 * background voxels become foreground (Soille, Morphological Image Analysis, 2nd ed. 2003, §6.3.7,
 * doi:10.1007/978-3-662-05088-0: reconstruction of the background from the border).
 *
 * <p>{@code backgroundConnectivity} says which background neighbours connect: with {@link Connectivity#SIX}
 * a cavity sealed by face neighbours only is a hole; with 26 a diagonal leak lets the outside in. For a
 * 6-connected object use 26-connected background and vice versa for the usual digital-topology pairing;
 * 6 (the default elsewhere in Plaque) fills the most. Iterative breadth-first flood, no recursion, one
 * {@code int} queue slot per voxel. The input is not modified.
 *
 * <p>{@link #fillPerSlice} fills in 2-D, slice by slice: for a head outline that a partial field of view
 * leaves open at the top or bottom of the volume, where the 3-D fill finds no hole.
 */
public final class HoleFilling {
    private HoleFilling() {
    }

    /** {@code mask} with every background region not connected to the grid border set. */
    public static Mask fill(Mask mask, Connectivity backgroundConnectivity) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(backgroundConnectivity, "backgroundConnectivity");
        ImageGeometry g = mask.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int n = g.voxelCount();
        boolean[] outside = new boolean[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    boolean border = x == 0 || y == 0 || z == 0 || x == nx - 1 || y == ny - 1 || z == nz - 1;
                    int i = x + nx * (y + ny * z);
                    if (border && !mask.get(i)) {
                        outside[i] = true;
                        queue[tail++] = i;
                    }
                }
            }
        }
        int[][] offsets = backgroundConnectivity.offsets();
        while (head < tail) {
            int i = queue[head++];
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / (nx * ny);
            for (int[] o : offsets) {
                int xx = x + o[0];
                int yy = y + o[1];
                int zz = z + o[2];
                if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) {
                    continue;
                }
                int j = xx + nx * (yy + ny * zz);
                if (!outside[j] && !mask.get(j)) {
                    outside[j] = true;
                    queue[tail++] = j;
                }
            }
        }
        Mask.Builder b = Mask.builder(g);
        boolean[] out = b.array();
        for (int i = 0; i < n; i++) {
            out[i] = !outside[i];
        }
        return b.build();
    }
    /**
     * {@code mask} plus, in every slice perpendicular to voxel axis {@code axis} (0 = x, 1 = y, 2 = z), the
     * background regions not 4-connected (within the slice) to the slice's border.
     *
     * @throws IllegalArgumentException when {@code axis} is not 0, 1 or 2
     */
    public static Mask fillPerSlice(Mask mask, int axis) {
        Objects.requireNonNull(mask, "mask");
        if (axis < 0 || axis > 2) {
            throw new IllegalArgumentException("slice axis must be 0, 1 or 2, got " + axis);
        }
        ImageGeometry g = mask.geometry();
        int[] n = g.size();
        int[] stride = {1, n[0], n[0] * n[1]};
        // the two in-slice axes, in increasing order
        int a = axis == 0 ? 1 : 0;
        int b = axis == 2 ? 1 : 2;
        int na = n[a];
        int nb = n[b];
        boolean[] in = mask.toArray();
        boolean[] out = in.clone();
        boolean[] reached = new boolean[na * nb];
        int[] stack = new int[na * nb];
        for (int s = 0; s < n[axis]; s++) {
            Arrays.fill(reached, false);
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
}

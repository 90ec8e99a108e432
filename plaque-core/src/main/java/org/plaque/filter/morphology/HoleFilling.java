package org.plaque.filter.morphology;

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
}

package org.plaque.segment.components;

import java.util.Arrays;
import java.util.Objects;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;

/**
 * Labels the connected components of a binary mask.
 *
 * <p>Two-pass union-find labelling (Rosenfeld &amp; Pfaltz 1966, doi:10.1145/321356.321357; with the
 * union-find of Wu, Otoo &amp; Suzuki 2009, doi:10.1007/s10044-008-0109-y): the first raster pass gives
 * each mask voxel the smallest provisional label of its already-visited neighbours (or a new one) and
 * records equivalences; the second pass replaces each provisional label by its final one. Everything
 * lives in {@code int} arrays: no recursion, no boxing, memory of one {@code int} per voxel for the result
 * plus one per provisional label.
 *
 * <p><b>Numbering is deterministic:</b> components are labelled 1..count in the raster order (x fastest,
 * then y, then z) of each component's first voxel. This holds because the union keeps the smaller
 * provisional label as root, and provisional labels are handed out in raster order.
 *
 * <p>Voxels outside the grid are background: a component never wraps around an edge.
 */
public final class ConnectedComponents {
    private ConnectedComponents() {
    }

    /**
     * The largest connected component of {@code mask} under {@code connectivity}, the lowest label (first in
     * raster order) among equally large ones; a mask with at most one component is returned as it is.
     */
    public static Mask largest(Mask mask, Connectivity connectivity) {
        Components c = label(mask, connectivity);
        if (c.count() <= 1) {
            return mask;
        }
        int best = 1;
        for (int l = 2; l <= c.count(); l++) {
            if (c.voxelCount(l) > c.voxelCount(best)) {
                best = l;
            }
        }
        Mask.Builder b = Mask.builder(mask.geometry());
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            out[i] = c.labels().get(i) == best;
        }
        return b.build();
    }

    /**
     * {@code mask} without its components (under {@code connectivity}) of fewer than {@code minVoxels} voxels;
     * the mask itself when {@code minVoxels} ≤ 1 or it is empty.
     */
    public static Mask withoutSmall(Mask mask, int minVoxels, Connectivity connectivity) {
        if (minVoxels <= 1 || mask.count() == 0) {
            return mask;
        }
        Components c = label(mask, connectivity);
        Mask.Builder b = Mask.builder(mask.geometry());
        boolean[] out = b.array();
        for (int i = 0; i < out.length; i++) {
            int l = c.labels().get(i);
            out[i] = l > 0 && c.voxelCount(l) >= minVoxels;
        }
        return b.build();
    }

    /**
     * The connected components of {@code mask} under {@code connectivity}.
     *
     * @return labels on the mask's grid (0 = background), the component count and voxels per label
     */
    public static Components label(Mask mask, Connectivity connectivity) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(connectivity, "connectivity");
        ImageGeometry g = mask.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int nxy = nx * ny;
        // Only neighbours already visited in the raster scan (negative linear offset) are looked at.
        int[][] back = backwardOffsets(connectivity);
        int nb = back.length;
        int[] bdx = new int[nb];
        int[] bdy = new int[nb];
        int[] bdz = new int[nb];
        int[] bOff = new int[nb];
        for (int n = 0; n < nb; n++) {
            bdx[n] = back[n][0];
            bdy[n] = back[n][1];
            bdz[n] = back[n][2];
            bOff[n] = back[n][0] + nx * (back[n][1] + ny * back[n][2]);
        }

        LabelVolume.Builder builder = LabelVolume.builder(g);
        int[] lab = builder.array();
        UnionFind uf = new UnionFind(Math.max(16, Math.min(mask.count() + 1, 1 << 16)));

        // Pass 1: provisional labels and equivalences.
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int row = nx * (y + ny * z);
                for (int x = 0; x < nx; x++) {
                    int i = row + x;
                    if (!mask.get(i)) {
                        continue;
                    }
                    int current = 0;
                    for (int n = 0; n < nb; n++) {
                        int xx = x + bdx[n];
                        int yy = y + bdy[n];
                        int zz = z + bdz[n];
                        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny) {
                            continue;
                        }
                        int other = lab[i + bOff[n]];
                        if (other == 0) {
                            continue;
                        }
                        if (current == 0) {
                            current = other;
                        } else if (other != current) {
                            current = uf.union(current, other);
                        }
                    }
                    lab[i] = current != 0 ? current : uf.makeSet();
                }
            }
        }

        // Final labels: roots in increasing provisional order, i.e. in raster order of first voxels.
        int provisional = uf.size();
        int[] finalOf = new int[provisional + 1];
        int count = 0;
        for (int p = 1; p <= provisional; p++) {
            int root = uf.find(p);
            finalOf[p] = root == p ? ++count : finalOf[root];
        }

        // Pass 2: relabel and count.
        int[] voxelCounts = new int[count + 1];
        int total = g.voxelCount();
        for (int i = 0; i < total; i++) {
            int p = lab[i];
            if (p != 0) {
                int f = finalOf[p];
                lab[i] = f;
                voxelCounts[f]++;
            }
        }
        return new Components(builder.build(), count, voxelCounts);
    }

    /** The offsets of a connectivity that point to voxels earlier in raster order. */
    static int[][] backwardOffsets(Connectivity connectivity) {
        return Arrays.stream(connectivity.offsets())
            .filter(o -> o[2] < 0 || (o[2] == 0 && (o[1] < 0 || (o[1] == 0 && o[0] < 0))))
            .toArray(int[][]::new);
    }

    /**
     * Disjoint sets over provisional labels 1..size() with the smaller label as root and path halving, so
     * every root is the first-created label of its set.
     */
    private static final class UnionFind {
        private int[] parent;
        private int size;

        UnionFind(int initialCapacity) {
            parent = new int[initialCapacity];
        }

        int makeSet() {
            size++;
            if (size >= parent.length) {
                parent = Arrays.copyOf(parent, (int) Math.min(Integer.MAX_VALUE - 8, 2L * parent.length));
            }
            parent[size] = size;
            return size;
        }

        int size() {
            return size;
        }

        int find(int a) {
            while (parent[a] != a) {
                parent[a] = parent[parent[a]];
                a = parent[a];
            }
            return a;
        }

        /** Merges the sets of a and b and returns the root (the smaller of the two roots). */
        int union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return ra;
            }
            if (ra < rb) {
                parent[rb] = ra;
                return ra;
            }
            parent[ra] = rb;
            return rb;
        }
    }
}

package org.plaque.testkit.phantom;

import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;

/**
 * A lesion sampled on the subject grid inside its bounding box: per voxel the fraction of
 * {@value #SUB}³ sub-samples inside the ellipsoid (occupancy) and their mean contrast weight.
 */
final class LesionRaster {
    /** Sub-samples per voxel axis. */
    static final int SUB = 4;
    private static final int SUB3 = SUB * SUB * SUB;

    final int i0;
    final int j0;
    final int k0;
    final int ni;
    final int nj;
    final int nk;
    /** Sub-samples inside the ellipsoid, out of {@value #SUB}³, per box voxel (x-fastest). */
    final int[] inside;
    /** Mean contrast weight per box voxel. */
    final float[] weight;
    final int voxels;
    final int components;

    private LesionRaster(int[] lo, int[] n, int[] inside, float[] weight) {
        this.i0 = lo[0];
        this.j0 = lo[1];
        this.k0 = lo[2];
        this.ni = n[0];
        this.nj = n[1];
        this.nk = n[2];
        this.inside = inside;
        this.weight = weight;
        int v = 0;
        for (int c : inside) {
            if (inMask(c)) {
                v++;
            }
        }
        this.voxels = v;
        this.components = countComponents();
    }

    /** Whether a voxel with {@code c} inside sub-samples belongs to the truth mask (fraction ≥ 0.5). */
    static boolean inMask(int c) {
        return 2 * c >= SUB3;
    }

    /** Occupancy fraction for {@code c} inside sub-samples. */
    static float fraction(int c) {
        return c / (float) SUB3;
    }

    static LesionRaster of(LesionShape shape, ImageGeometry grid) {
        Affine w2v = grid.worldToVoxel();
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] p = new double[3];
        // The soft edge reaches beyond the ellipsoid; grow the box accordingly.
        double grow = 1 + shape.edge;
        double[] ext = {shape.halfExtent(0) * grow, shape.halfExtent(1) * grow, shape.halfExtent(2) * grow};
        for (int corner = 0; corner < 8; corner++) {
            w2v.apply(shape.cx + ((corner & 1) == 0 ? -ext[0] : ext[0]),
                shape.cy + ((corner & 2) == 0 ? -ext[1] : ext[1]),
                shape.cz + ((corner & 4) == 0 ? -ext[2] : ext[2]), p);
            for (int d = 0; d < 3; d++) {
                lo[d] = Math.min(lo[d], p[d]);
                hi[d] = Math.max(hi[d], p[d]);
            }
        }
        int[] size = grid.size();
        int[] from = new int[3];
        int[] n = new int[3];
        for (int d = 0; d < 3; d++) {
            int a = Math.max(0, (int) Math.floor(lo[d]) - 1);
            int b = Math.min(size[d] - 1, (int) Math.ceil(hi[d]) + 1);
            from[d] = a;
            n[d] = Math.max(0, b - a + 1);
        }
        int[] inside = new int[n[0] * n[1] * n[2]];
        float[] weight = new float[inside.length];
        Affine v2w = grid.voxelToWorld();
        double[] off = new double[SUB];
        double[] origin = new double[3];
        v2w.apply(0, 0, 0, origin);
        // World displacement of a sub-sample offset along each voxel axis.
        double[][] col = new double[3][3];
        for (int d = 0; d < 3; d++) {
            v2w.apply(d == 0 ? 1 : 0, d == 1 ? 1 : 0, d == 2 ? 1 : 0, col[d]);
            for (int e = 0; e < 3; e++) {
                col[d][e] -= origin[e];
            }
        }
        for (int s = 0; s < SUB; s++) {
            off[s] = (s + 0.5) / SUB - 0.5;
        }
        double[] base = new double[3];
        int idx = 0;
        for (int k = 0; k < n[2]; k++) {
            for (int j = 0; j < n[1]; j++) {
                for (int i = 0; i < n[0]; i++, idx++) {
                    v2w.apply(from[0] + i, from[1] + j, from[2] + k, base);
                    int count = 0;
                    double wsum = 0;
                    for (int sk = 0; sk < SUB; sk++) {
                        double ok = off[sk];
                        for (int sj = 0; sj < SUB; sj++) {
                            double oj = off[sj];
                            for (int si = 0; si < SUB; si++) {
                                double oi = off[si];
                                double x = base[0] + oi * col[0][0] + oj * col[1][0] + ok * col[2][0];
                                double y = base[1] + oi * col[0][1] + oj * col[1][1] + ok * col[2][1];
                                double z = base[2] + oi * col[0][2] + oj * col[1][2] + ok * col[2][2];
                                double r2 = shape.radius2(x, y, z);
                                if (r2 <= 1) {
                                    count++;
                                }
                                wsum += shape.weight(Math.sqrt(r2));
                            }
                        }
                    }
                    inside[idx] = count;
                    weight[idx] = (float) (wsum / SUB3);
                }
            }
        }
        return new LesionRaster(from, n, inside, weight);
    }

    /** Number of 6-connected components of the mask voxels in the box. */
    private int countComponents() {
        int total = inside.length;
        boolean[] seen = new boolean[total];
        int[] queue = new int[total];
        int comps = 0;
        for (int start = 0; start < total; start++) {
            if (seen[start] || !inMask(inside[start])) {
                continue;
            }
            comps++;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            seen[start] = true;
            while (head < tail) {
                int v = queue[head++];
                int i = v % ni;
                int j = (v / ni) % nj;
                int k = v / (ni * nj);
                tail = visit(i - 1, j, k, seen, queue, tail);
                tail = visit(i + 1, j, k, seen, queue, tail);
                tail = visit(i, j - 1, k, seen, queue, tail);
                tail = visit(i, j + 1, k, seen, queue, tail);
                tail = visit(i, j, k - 1, seen, queue, tail);
                tail = visit(i, j, k + 1, seen, queue, tail);
            }
        }
        return comps;
    }

    private int visit(int i, int j, int k, boolean[] seen, int[] queue, int tail) {
        if (i < 0 || j < 0 || k < 0 || i >= ni || j >= nj || k >= nk) {
            return tail;
        }
        int v = i + ni * (j + nj * k);
        if (seen[v] || !inMask(inside[v])) {
            return tail;
        }
        seen[v] = true;
        queue[tail] = v;
        return tail + 1;
    }
}

package org.plaque.segment.lesion;

import java.util.Arrays;
import org.plaque.geom.ImageGeometry;

/**
 * Breadth-first growth of seed voxels into allowed face neighbours (6-connectivity), optionally limited to a
 * number of steps from the seeds: the hysteresis step of lesion growing. Iterative, no recursion.
 */
final class RegionGrowing {
    /** Step limit meaning "no limit". */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    private RegionGrowing() {
    }

    /**
     * The seeds plus every allowed voxel reachable from a seed through allowed face neighbours in at most
     * {@code maxSteps} steps. Seeds are kept even where not allowed.
     */
    static boolean[] grow(boolean[] seeds, boolean[] allowed, ImageGeometry g, int maxSteps) {
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int n = seeds.length;
        int[] dist = new int[n];
        Arrays.fill(dist, -1);
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (seeds[i]) {
                dist[i] = 0;
                queue[tail++] = i;
            }
        }
        int nxy = nx * ny;
        while (head < tail) {
            int i = queue[head++];
            if (dist[i] >= maxSteps) {
                continue;
            }
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / nxy;
            int next = dist[i] + 1;
            if (x > 0) {
                tail = visit(i - 1, next, allowed, dist, queue, tail);
            }
            if (x < nx - 1) {
                tail = visit(i + 1, next, allowed, dist, queue, tail);
            }
            if (y > 0) {
                tail = visit(i - nx, next, allowed, dist, queue, tail);
            }
            if (y < ny - 1) {
                tail = visit(i + nx, next, allowed, dist, queue, tail);
            }
            if (z > 0) {
                tail = visit(i - nxy, next, allowed, dist, queue, tail);
            }
            if (z < nz - 1) {
                tail = visit(i + nxy, next, allowed, dist, queue, tail);
            }
        }
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = dist[i] >= 0;
        }
        return out;
    }

    private static int visit(int j, int d, boolean[] allowed, int[] dist, int[] queue, int tail) {
        if (dist[j] < 0 && allowed[j]) {
            dist[j] = d;
            queue[tail++] = j;
        }
        return tail;
    }
}

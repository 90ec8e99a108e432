package org.plaque.segment.components;

import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;

/**
 * An independent reference labeller for tests: scans in raster order and flood-fills (breadth first,
 * explicit queue) from every unlabelled mask voxel, so labels come out in raster order of first voxels.
 * Neighbourhoods are derived here from their definition, not from {@code Connectivity.offsets()}.
 */
public final class BruteForceLabeller {
    private BruteForceLabeller() {
    }

    /** Labels (0 = background, 1.. = components) for 6, 18 or 26 neighbours. */
    public static int[] label(Mask m, int neighbours) {
        ImageGeometry g = m.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int[] labels = new int[g.voxelCount()];
        int[] queue = new int[g.voxelCount()];
        int next = 0;
        for (int start = 0; start < labels.length; start++) {
            if (!m.get(start) || labels[start] != 0) {
                continue;
            }
            next++;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            labels[start] = next;
            while (head < tail) {
                int i = queue[head++];
                int x = i % nx;
                int y = (i / nx) % ny;
                int z = i / (nx * ny);
                for (int dz = -1; dz <= 1; dz++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int moved = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                            boolean adjacent = switch (neighbours) {
                                case 6 -> moved == 1;
                                case 18 -> moved == 1 || moved == 2;
                                case 26 -> moved >= 1;
                                default -> throw new IllegalArgumentException("neighbours " + neighbours);
                            };
                            int xx = x + dx;
                            int yy = y + dy;
                            int zz = z + dz;
                            if (!adjacent || xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) {
                                continue;
                            }
                            int j = xx + nx * (yy + ny * zz);
                            if (m.get(j) && labels[j] == 0) {
                                labels[j] = next;
                                queue[tail++] = j;
                            }
                        }
                    }
                }
            }
        }
        return labels;
    }
}

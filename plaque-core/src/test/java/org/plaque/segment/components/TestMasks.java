package org.plaque.segment.components;

import java.util.Random;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;

/** Painted masks for tests: boxes, balls, voxel lists, seeded random masks and axis flips. */
public final class TestMasks {
    private TestMasks() {
    }

    /** An axis-aligned RAS grid with origin (0, 0, 0). */
    public static ImageGeometry grid(int nx, int ny, int nz, double sx, double sy, double sz) {
        return ImageGeometry.axisAligned(nx, ny, nz, new double[] {sx, sy, sz}, new double[] {0, 0, 0});
    }

    /** A 1 mm isotropic grid with origin (0, 0, 0). */
    public static ImageGeometry grid(int nx, int ny, int nz) {
        return grid(nx, ny, nz, 1, 1, 1);
    }

    /** The voxels with x0 ≤ x ≤ x1, y0 ≤ y ≤ y1, z0 ≤ z ≤ z1 (inclusive, clipped to the grid). */
    public static Mask box(ImageGeometry g, int x0, int y0, int z0, int x1, int y1, int z1) {
        Mask.Builder b = Mask.builder(g);
        for (int z = Math.max(0, z0); z <= Math.min(g.nz() - 1, z1); z++) {
            for (int y = Math.max(0, y0); y <= Math.min(g.ny() - 1, y1); y++) {
                for (int x = Math.max(0, x0); x <= Math.min(g.nx() - 1, x1); x++) {
                    b.set(x, y, z, true);
                }
            }
        }
        return b.build();
    }

    /** The voxels whose index distance from (cx, cy, cz) is at most r (a ball in voxel units). */
    public static Mask ball(ImageGeometry g, int cx, int cy, int cz, double r) {
        Mask.Builder b = Mask.builder(g);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double dx = x - cx;
                    double dy = y - cy;
                    double dz = z - cz;
                    if (dx * dx + dy * dy + dz * dz <= r * r) {
                        b.set(x, y, z, true);
                    }
                }
            }
        }
        return b.build();
    }

    /** The listed voxels, rows {x, y, z}. */
    public static Mask voxels(ImageGeometry g, int[]... xyz) {
        Mask.Builder b = Mask.builder(g);
        for (int[] v : xyz) {
            b.set(v[0], v[1], v[2], true);
        }
        return b.build();
    }

    /** Voxel-wise OR of masks on one grid. */
    public static Mask union(Mask first, Mask... more) {
        Mask.Builder b = Mask.builder(first.geometry());
        int n = first.geometry().voxelCount();
        for (int i = 0; i < n; i++) {
            boolean v = first.get(i);
            for (Mask m : more) {
                v |= m.get(i);
            }
            b.set(i, v);
        }
        return b.build();
    }

    /** Each voxel set with probability {@code density}, from a seeded generator. */
    public static Mask random(ImageGeometry g, long seed, double density) {
        Random r = new Random(seed);
        Mask.Builder b = Mask.builder(g);
        for (int i = 0; i < g.voxelCount(); i++) {
            b.set(i, r.nextDouble() < density);
        }
        return b.build();
    }

    /** The mask mirrored along voxel axis 0 (x), 1 (y) or 2 (z), on the same grid. */
    public static Mask flip(Mask m, int axis) {
        ImageGeometry g = m.geometry();
        Mask.Builder b = Mask.builder(g);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    int fx = axis == 0 ? g.nx() - 1 - x : x;
                    int fy = axis == 1 ? g.ny() - 1 - y : y;
                    int fz = axis == 2 ? g.nz() - 1 - z : z;
                    b.set(fx, fy, fz, m.get(x, y, z));
                }
            }
        }
        return b.build();
    }

    /** The same voxels moved by (dx, dy, dz); voxels moved off the grid are dropped. */
    public static Mask shift(Mask m, int dx, int dy, int dz) {
        ImageGeometry g = m.geometry();
        Mask.Builder b = Mask.builder(g);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    if (m.get(x, y, z) && g.contains(x + dx, y + dy, z + dz)) {
                        b.set(x + dx, y + dy, z + dz, true);
                    }
                }
            }
        }
        return b.build();
    }
}

package org.plaque.dl.data;

import java.util.List;
import java.util.Objects;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.ScalarVolume;

/**
 * Small cubic patches centred on single voxels, the input of the cascade's patch CNNs
 * ({@link CascadeCandidates}).
 *
 * <p>For centre (cx, cy, cz) and size s the patch covers {@code c − s/2 … c − s/2 + s − 1} along each axis
 * (centred for odd s, the default 15; one voxel towards the low side for even s); voxels beyond the volume are
 * 0. Output layout (n, C, s, s, s) = (sample, channel, z, y, x), x fastest. Memory is n·C·s³ floats, so
 * extract large sample sets in batches with {@link #extract(List, int[], int, int, int)}.
 */
public final class VoxelPatches {
    /** Default patch edge, voxels (Valverde et al. 2017). */
    public static final int DEFAULT_SIZE = 15;

    private VoxelPatches() {
    }

    /** Patches for every centre; see the class comment. */
    public static float[] extract(List<ScalarVolume> channels, int[] centres, int patchSize) {
        return extract(channels, centres, 0, centres.length, patchSize);
    }

    /**
     * Patches for {@code centres[from..to)}, layout (to − from, C, s, s, s).
     *
     * @param channels  images on one grid
     * @param centres   linear voxel indices (x fastest)
     * @param patchSize edge s ≥ 1
     */
    public static float[] extract(List<ScalarVolume> channels, int[] centres, int from, int to, int patchSize) {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(centres, "centres");
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("at least one channel is needed");
        }
        if (patchSize < 1) {
            throw new IllegalArgumentException("patch size must be >= 1, got " + patchSize);
        }
        if (from < 0 || to > centres.length || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside 0.." + centres.length);
        }
        ImageGeometry g = channels.get(0).geometry();
        for (ScalarVolume v : channels) {
            g.requireSameGrid(v.geometry(), Tolerance.DEFAULT, "patch channels");
        }
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int nxy = nx * ny;
        int s = patchSize;
        int s3 = s * s * s;
        int c = channels.size();
        float[] out = new float[(to - from) * c * s3];
        int half = s / 2;
        for (int n = from; n < to; n++) {
            int centre = centres[n];
            if (centre < 0 || centre >= g.voxelCount()) {
                throw new IllegalArgumentException("centre " + centre + " outside the volume");
            }
            int x0 = centre % nx - half;
            int y0 = (centre % nxy) / nx - half;
            int z0 = centre / nxy - half;
            int xFrom = Math.max(0, -x0);
            int xTo = Math.min(s, nx - x0);
            for (int ch = 0; ch < c; ch++) {
                ScalarVolume v = channels.get(ch);
                int base = ((n - from) * c + ch) * s3;
                for (int z = 0; z < s; z++) {
                    int vz = z0 + z;
                    if (vz < 0 || vz >= nz) {
                        continue;
                    }
                    for (int y = 0; y < s; y++) {
                        int vy = y0 + y;
                        if (vy < 0 || vy >= ny) {
                            continue;
                        }
                        int src = x0 + nx * (vy + ny * vz);
                        int dst = base + s * (y + s * z);
                        for (int x = xFrom; x < xTo; x++) {
                            out[dst + x] = v.get(src + x);
                        }
                    }
                }
            }
        }
        return out;
    }
}

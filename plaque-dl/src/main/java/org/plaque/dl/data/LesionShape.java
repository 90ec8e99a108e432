package org.plaque.dl.data;

import java.util.Objects;

/**
 * One lesion shape for synthetic lesion insertion: the voxels of one connected lesion component inside its
 * bounding box, in the voxel units of the mask it came from.
 *
 * @param sourceId subject the lesion came from (for leave-one-out exclusion)
 * @param sizeX    bounding-box size along x, voxels
 * @param sizeY    bounding-box size along y, voxels
 * @param sizeZ    bounding-box size along z, voxels
 * @param voxels   set voxels of the box, x fastest, length {@code sizeX·sizeY·sizeZ} (not copied; read-only)
 * @param count    number of set voxels
 */
public record LesionShape(String sourceId, int sizeX, int sizeY, int sizeZ, boolean[] voxels, int count) {
    /** @throws IllegalArgumentException when sizes, array and count disagree */
    public LesionShape {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(voxels, "voxels");
        if (sizeX < 1 || sizeY < 1 || sizeZ < 1 || voxels.length != sizeX * sizeY * sizeZ) {
            throw new IllegalArgumentException("lesion shape box " + sizeX + "x" + sizeY + "x" + sizeZ
                + " does not match " + voxels.length + " voxels");
        }
        int n = 0;
        for (boolean b : voxels) {
            if (b) {
                n++;
            }
        }
        if (n != count || n == 0) {
            throw new IllegalArgumentException("lesion shape holds " + n + " voxels, declared " + count);
        }
    }

    /**
     * The shape reoriented by one of the 48 axis permutations and reflections of the cube (the rotations by
     * multiples of 90° and their mirror images): {@code orientation / 8} picks the permutation of axes (0..5),
     * the bits of {@code orientation % 8} flip x, y, z of the result.
     */
    public LesionShape oriented(int orientation) {
        if (orientation < 0 || orientation >= 48) {
            throw new IllegalArgumentException("orientation must be in 0..47, got " + orientation);
        }
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        int[] p = perms[orientation / 8];
        int flips = orientation % 8;
        int[] in = {sizeX, sizeY, sizeZ};
        int[] out = {in[p[0]], in[p[1]], in[p[2]]};
        boolean[] o = new boolean[voxels.length];
        int[] src = new int[3];
        for (int z = 0; z < out[2]; z++) {
            for (int y = 0; y < out[1]; y++) {
                for (int x = 0; x < out[0]; x++) {
                    int[] dst = {x, y, z};
                    for (int a = 0; a < 3; a++) {
                        int v = dst[a];
                        if ((flips >> a & 1) == 1) {
                            v = out[a] - 1 - v;
                        }
                        src[p[a]] = v;
                    }
                    o[x + out[0] * (y + out[1] * z)] = voxels[src[0] + sizeX * (src[1] + sizeY * src[2])];
                }
            }
        }
        return new LesionShape(sourceId, out[0], out[1], out[2], o, count);
    }
}

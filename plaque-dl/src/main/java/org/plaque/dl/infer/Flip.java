package org.plaque.dl.infer;

/**
 * A mirror of a volume along one voxel axis, used for test-time augmentation: flip the input, predict, flip the
 * prediction back. Every flip is its own inverse. Arrays are x-fastest ({@code index = x + nx (y + ny z)}).
 */
public enum Flip {
    /** The identity. */
    NONE,
    /** Mirror along the first voxel axis (x). */
    X,
    /** Mirror along the second voxel axis (y). */
    Y,
    /** Mirror along the third voxel axis (z, across slices). */
    Z;

    /**
     * Writes the flipped {@code src} into {@code dst} (distinct arrays of length nx*ny*nz).
     *
     * @throws IllegalArgumentException if the lengths do not match the size or the arrays are the same
     */
    public void apply(float[] src, float[] dst, int nx, int ny, int nz) {
        check(src.length, dst.length, nx, ny, nz, src == dst);
        if (this == NONE) {
            System.arraycopy(src, 0, dst, 0, src.length);
            return;
        }
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int s = nx * (y + ny * z);
                int d = target(0, y, z, nx, ny, nz);
                if (this == X) {
                    for (int x = 0; x < nx; x++) {
                        dst[d + nx - 1 - x] = src[s + x];
                    }
                } else {
                    System.arraycopy(src, s, dst, d, nx);
                }
            }
        }
    }

    /** As {@link #apply(float[], float[], int, int, int)} for a mask's voxels. */
    public void apply(boolean[] src, boolean[] dst, int nx, int ny, int nz) {
        check(src.length, dst.length, nx, ny, nz, src == dst);
        if (this == NONE) {
            System.arraycopy(src, 0, dst, 0, src.length);
            return;
        }
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int s = nx * (y + ny * z);
                int d = target(0, y, z, nx, ny, nz);
                if (this == X) {
                    for (int x = 0; x < nx; x++) {
                        dst[d + nx - 1 - x] = src[s + x];
                    }
                } else {
                    System.arraycopy(src, s, dst, d, nx);
                }
            }
        }
    }

    /** Start of the flipped row (for X: the row itself, reversed by the caller). */
    private int target(int x, int y, int z, int nx, int ny, int nz) {
        int ty = this == Y ? ny - 1 - y : y;
        int tz = this == Z ? nz - 1 - z : z;
        return x + nx * (ty + ny * tz);
    }

    private static void check(int srcLength, int dstLength, int nx, int ny, int nz, boolean same) {
        long n = (long) nx * ny * nz;
        if (srcLength != n || dstLength != n) {
            throw new IllegalArgumentException("arrays of " + srcLength + " and " + dstLength + " values for a "
                + nx + "x" + ny + "x" + nz + " volume");
        }
        if (same) {
            throw new IllegalArgumentException("a flip cannot work in place");
        }
    }
}

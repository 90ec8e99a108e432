package org.plaque.dl.data;

/**
 * Inverse-mapping resampler of patches used by {@link Augmentation}: an affine about the patch centre plus a
 * displacement interpolated trilinearly from a coarse control grid; trilinear sampling with zero outside.
 */
final class Resampling {
    private Resampling() {
    }

    /**
     * Resamples image channels and label.
     *
     * @param m    row-major 3×3 matrix on (x, y, z) offsets from the centre, or null for the identity
     * @param grid control-point displacements {dx, dy, dz} on a grid every {@code step} voxels, or null
     * @return {new image, new label (0/1 after thresholding the interpolated label at 0.5)}
     */
    static float[][] warp(float[] image, float[] label, int channels, int[] sh, double[] m, float[][] grid,
                          int step) {
        int d = sh[0];
        int h = sh[1];
        int w = sh[2];
        int vox = d * h * w;
        int hw = h * w;
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double cz = (d - 1) / 2.0;
        float[] outImage = new float[image.length];
        float[] outLabel = new float[vox];
        int gx = (w - 1) / step + 2;
        int gy = (h - 1) / step + 2;
        int gz = d == 1 ? 1 : (d - 1) / step + 2;
        int[] ix = new int[w];
        double[] fx = new double[w];
        int[] iy = new int[h];
        double[] fy = new double[h];
        table(w, step, ix, fx);
        table(h, step, iy, fy);
        int[] corner = new int[8];
        double[] weight = new double[8];
        int o = 0;
        for (int z = 0; z < d; z++) {
            int gz0 = d == 1 ? 0 : z / step;
            int gz1 = d == 1 ? 0 : gz0 + 1;
            double wz = d == 1 ? 0 : (z % step) / (double) step;
            double pz = z - cz;
            for (int y = 0; y < h; y++) {
                double py = y - cy;
                for (int x = 0; x < w; x++, o++) {
                    double px = x - cx;
                    double sx;
                    double sy;
                    double sz;
                    if (m != null) {
                        sx = cx + m[0] * px + m[1] * py + m[2] * pz;
                        sy = cy + m[3] * px + m[4] * py + m[5] * pz;
                        sz = cz + m[6] * px + m[7] * py + m[8] * pz;
                    } else {
                        sx = x;
                        sy = y;
                        sz = z;
                    }
                    if (grid != null) {
                        int a = ix[x];
                        int b = iy[y];
                        double u = fx[x];
                        double v = fy[y];
                        int i000 = a + gx * (b + gy * gz0);
                        int i010 = a + gx * (b + 1 + gy * gz0);
                        int i001 = a + gx * (b + gy * gz1);
                        int i011 = a + gx * (b + 1 + gy * gz1);
                        double w000 = (1 - u) * (1 - v) * (1 - wz);
                        double w100 = u * (1 - v) * (1 - wz);
                        double w010 = (1 - u) * v * (1 - wz);
                        double w110 = u * v * (1 - wz);
                        double w001 = (1 - u) * (1 - v) * wz;
                        double w101 = u * (1 - v) * wz;
                        double w011 = (1 - u) * v * wz;
                        double w111 = u * v * wz;
                        for (int comp = 0; comp < 3; comp++) {
                            float[] g = grid[comp];
                            double disp = w000 * g[i000] + w100 * g[i000 + 1] + w010 * g[i010] + w110 * g[i010 + 1]
                                + w001 * g[i001] + w101 * g[i001 + 1] + w011 * g[i011] + w111 * g[i011 + 1];
                            if (comp == 0) {
                                sx += disp;
                            } else if (comp == 1) {
                                sy += disp;
                            } else {
                                sz += disp;
                            }
                        }
                    }
                    int n = corners(sx, sy, sz, w, h, d, hw, corner, weight);
                    for (int c = 0; c < channels; c++) {
                        int off = c * vox;
                        double acc = 0;
                        for (int k = 0; k < n; k++) {
                            acc += weight[k] * image[off + corner[k]];
                        }
                        outImage[off + o] = (float) acc;
                    }
                    double l = 0;
                    for (int k = 0; k < n; k++) {
                        l += weight[k] * label[corner[k]];
                    }
                    outLabel[o] = l > 0.5 ? 1f : 0f;
                }
            }
        }
        return new float[][] {outImage, outLabel};
    }

    private static void table(int n, int step, int[] idx, double[] frac) {
        for (int i = 0; i < n; i++) {
            idx[i] = i / step;
            frac[i] = (i % step) / (double) step;
        }
    }

    /** Fills the in-patch trilinear corners of (sx, sy, sz) and their weights; returns how many. */
    private static int corners(double sx, double sy, double sz, int w, int h, int d, int hw, int[] corner,
                               double[] weight) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        int z0 = (int) Math.floor(sz);
        double ux = sx - x0;
        double uy = sy - y0;
        double uz = sz - z0;
        int n = 0;
        for (int dz = 0; dz < 2; dz++) {
            int z = z0 + dz;
            double wz = dz == 0 ? 1 - uz : uz;
            if (z < 0 || z >= d || wz == 0) {
                continue;
            }
            for (int dy = 0; dy < 2; dy++) {
                int y = y0 + dy;
                double wy = dy == 0 ? 1 - uy : uy;
                if (y < 0 || y >= h || wy == 0) {
                    continue;
                }
                for (int dx = 0; dx < 2; dx++) {
                    int x = x0 + dx;
                    double wx = dx == 0 ? 1 - ux : ux;
                    if (x < 0 || x >= w || wx == 0) {
                        continue;
                    }
                    corner[n] = x + w * y + hw * z;
                    weight[n] = wx * wy * wz;
                    n++;
                }
            }
        }
        return n;
    }
}

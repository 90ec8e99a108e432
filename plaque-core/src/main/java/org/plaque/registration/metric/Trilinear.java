package org.plaque.registration.metric;

/** Trilinear interpolation at a continuous index known to lie in [0, n−1] on every axis. */
final class Trilinear {
    private Trilinear() {
    }

    static float value(float[] d, int nx, int ny, int nz, double cx, double cy, double cz) {
        int ix = Math.min((int) cx, Math.max(nx - 2, 0));
        int iy = Math.min((int) cy, Math.max(ny - 2, 0));
        int iz = Math.min((int) cz, Math.max(nz - 2, 0));
        double fx = cx - ix;
        double fy = cy - iy;
        double fz = cz - iz;
        int sx = nx > 1 ? 1 : 0;
        int sy = ny > 1 ? nx : 0;
        int sz = nz > 1 ? nx * ny : 0;
        int b = ix + nx * (iy + ny * iz);
        double a00 = d[b] + fx * (d[b + sx] - d[b]);
        double a10 = d[b + sy] + fx * (d[b + sy + sx] - d[b + sy]);
        double a01 = d[b + sz] + fx * (d[b + sz + sx] - d[b + sz]);
        double a11 = d[b + sz + sy] + fx * (d[b + sz + sy + sx] - d[b + sz + sy]);
        double b0 = a00 + fy * (a10 - a00);
        double b1 = a01 + fy * (a11 - a01);
        return (float) (b0 + fz * (b1 - b0));
    }
}

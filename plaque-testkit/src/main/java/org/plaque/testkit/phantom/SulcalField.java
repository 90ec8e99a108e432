package org.plaque.testkit.phantom;

import java.util.SplittableRandom;

/**
 * The seeded folding pattern of the cortex: sulci are the zero set of a random smooth function of direction
 * (a sum of plane waves evaluated on a sphere), which on the brain surface is a network of curved lines like
 * real sulci, and which, being a function of direction only, makes every sulcus a sheet running radially
 * inward from the surface.
 */
final class SulcalField {
    /** Radius (mm) of the sphere the waves are evaluated on; sets the scale of the wavelengths. */
    private static final double R0 = 70;
    private static final int WAVES = 8;
    private static final int DEPTH_WAVES = 3;

    private final double[] kx = new double[WAVES];
    private final double[] ky = new double[WAVES];
    private final double[] kz = new double[WAVES];
    private final double[] phase = new double[WAVES];
    private final double[] dkx = new double[DEPTH_WAVES];
    private final double[] dky = new double[DEPTH_WAVES];
    private final double[] dkz = new double[DEPTH_WAVES];
    private final double[] dphase = new double[DEPTH_WAVES];
    private final double minDepthMm;
    private final double maxDepthMm;

    /**
     * @param rnd         the folding random stream
     * @param minDepthMm  shallowest sulcal depth, mm
     * @param maxDepthMm  deepest sulcal depth, mm
     */
    SulcalField(SplittableRandom rnd, double minDepthMm, double maxDepthMm) {
        this.minDepthMm = minDepthMm;
        this.maxDepthMm = maxDepthMm;
        for (int i = 0; i < WAVES; i++) {
            // Wavelengths 14–22 mm put neighbouring sulci ≈ 8–12 mm apart, the width of a human gyrus.
            double k = 2 * Math.PI / (14 + 8 * rnd.nextDouble());
            double[] u = randomUnit(rnd);
            kx[i] = k * u[0];
            ky[i] = k * u[1];
            kz[i] = k * u[2];
            phase[i] = 2 * Math.PI * rnd.nextDouble();
        }
        for (int i = 0; i < DEPTH_WAVES; i++) {
            double k = 2 * Math.PI / (60 + 40 * rnd.nextDouble());
            double[] u = randomUnit(rnd);
            dkx[i] = k * u[0];
            dky[i] = k * u[1];
            dkz[i] = k * u[2];
            dphase[i] = 2 * Math.PI * rnd.nextDouble();
        }
    }

    static double[] randomUnit(SplittableRandom rnd) {
        while (true) {
            double x = 2 * rnd.nextDouble() - 1;
            double y = 2 * rnd.nextDouble() - 1;
            double z = 2 * rnd.nextDouble() - 1;
            double n2 = x * x + y * y + z * z;
            if (n2 > 1e-4 && n2 <= 1) {
                double n = Math.sqrt(n2);
                return new double[] {x / n, y / n, z / n};
            }
        }
    }

    /**
     * Approximate distance (mm) from a point to the nearest sulcal mid-sheet, measured on the sphere through
     * the point; (x, y, z) is relative to the cerebrum centre.
     */
    double sheetDistance(double x, double y, double z) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (r < 1e-6) {
            return Double.MAX_VALUE;
        }
        double ux = x / r;
        double uy = y / r;
        double uz = z / r;
        double qx = R0 * ux;
        double qy = R0 * uy;
        double qz = R0 * uz;
        double s = 0;
        double gx = 0;
        double gy = 0;
        double gz = 0;
        for (int i = 0; i < WAVES; i++) {
            double a = kx[i] * qx + ky[i] * qy + kz[i] * qz + phase[i];
            s += FastTrig.sin(a);
            double c = FastTrig.cos(a);
            gx += kx[i] * c;
            gy += ky[i] * c;
            gz += kz[i] * c;
        }
        // Only the gradient along the sphere moves the zero set sideways.
        double gu = gx * ux + gy * uy + gz * uz;
        gx -= gu * ux;
        gy -= gu * uy;
        gz -= gu * uz;
        double g = Math.sqrt(gx * gx + gy * gy + gz * gz);
        if (g < 1e-9) {
            return Double.MAX_VALUE;
        }
        return Math.abs(s) / g * (r / R0);
    }

    /** Depth (mm below the brain outline) that the sulcus in this direction reaches. */
    double depthMm(double x, double y, double z) {
        double r = Math.sqrt(x * x + y * y + z * z);
        if (r < 1e-6) {
            return minDepthMm;
        }
        double f = R0 / r;
        double s = 0;
        for (int i = 0; i < DEPTH_WAVES; i++) {
            s += FastTrig.sin((dkx[i] * x + dky[i] * y + dkz[i] * z) * f + dphase[i]);
        }
        double t = 0.5 + 0.5 * s / DEPTH_WAVES * 1.6;
        return minDepthMm + (maxDepthMm - minDepthMm) * Shapes.clamp(t, 0, 1);
    }

    double maxDepthMm() {
        return maxDepthMm;
    }
}

package org.plaque.filter.bias;

import java.util.Random;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * A small seeded brain-like phantom for N4 tests: an ellipsoidal brain (white matter core with two ventricles, grey
 * matter shell, a thin CSF layer under a grey-matter rim) on a zero background, with Gaussian noise, and a known
 * smooth multiplicative field exp(low-order polynomial) spanning 0.8–1.2 inside the brain.
 */
final class SyntheticHead {
    static final float WM = 100f;
    static final float GM = 70f;
    static final float CSF = 30f;

    final ScalarVolume clean;
    final ScalarVolume biased;
    final ScalarVolume trueField;
    final Mask brain;
    final Mask whiteMatter;

    SyntheticHead(long seed) {
        int nx = 72;
        int ny = 80;
        int nz = 64;
        ImageGeometry g = ImageGeometry.axisAligned(nx, ny, nz, new double[] {1.5, 1.5, 1.5},
            new double[] {-54, -60, -48});
        Random rnd = new Random(seed);
        float[] img = new float[g.voxelCount()];
        float[] logField = new float[img.length];
        boolean[] brainMask = new boolean[img.length];
        boolean[] wm = new boolean[img.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = g.index(x, y, z);
                    double dx = (x - (nx - 1) / 2.0) / 32.0;
                    double dy = (y - (ny - 1) / 2.0) / 37.0;
                    double dz = (z - (nz - 1) / 2.0) / 29.0;
                    double rho = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    double v;
                    if (rho >= 1.0) {
                        v = 0;
                    } else if (rho >= 0.93) {
                        v = GM;
                    } else if (rho >= 0.86) {
                        v = CSF;
                    } else if (rho >= 0.6) {
                        v = GM;
                    } else {
                        v = WM;
                    }
                    double vx = (Math.abs(dx) - 0.18) / 0.09;
                    double vy = dy / 0.3;
                    double vz = dz / 0.12;
                    boolean ventricle = vx * vx + vy * vy + vz * vz < 1.0;
                    if (ventricle) {
                        v = CSF;
                    }
                    if (v > 0) {
                        brainMask[i] = true;
                        v += 3.0 * rnd.nextGaussian();
                        // Keep WM a step away from its borders so partial volumes don't count as WM.
                        wm[i] = rho < 0.55 && !ventricle && (Math.abs(dx) - 0.18) * (Math.abs(dx) - 0.18) / 0.0121
                            + vy * vy + vz * vz > 1.6;
                    }
                    img[i] = (float) Math.max(v, 0.0);
                    double p = 0.5 * dx + 0.3 * dy - 0.25 * dz + 0.2 * dx * dy - 0.3 * dz * dz + 0.15 * dy * dy;
                    logField[i] = (float) p;
                    if (brainMask[i]) {
                        lo = Math.min(lo, p);
                        hi = Math.max(hi, p);
                    }
                }
            }
        }
        float[] field = new float[img.length];
        float[] biasedImg = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            double t = (logField[i] - lo) / (hi - lo);
            field[i] = (float) Math.exp(Math.log(0.8) + t * (Math.log(1.2) - Math.log(0.8)));
            biasedImg[i] = img[i] * field[i];
        }
        clean = ScalarVolume.of(g, img);
        biased = ScalarVolume.of(g, biasedImg);
        trueField = ScalarVolume.of(g, field);
        brain = Mask.of(g, brainMask);
        whiteMatter = Mask.of(g, wm);
    }

    /** Pearson correlation of log(a) and log(b) over the mask (the means drop out). */
    static double logCorrelation(ScalarVolume a, ScalarVolume b, Mask mask) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int n = 0;
        for (int i = 0; i < a.geometry().voxelCount(); i++) {
            if (mask.get(i)) {
                double x = Math.log(a.get(i));
                double y = Math.log(b.get(i));
                sa += x;
                sb += y;
                saa += x * x;
                sbb += y * y;
                sab += x * y;
                n++;
            }
        }
        double cov = sab - sa * sb / n;
        return cov / Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    }

    /** Coefficient of variation (sd / mean) of the image over the mask. */
    static double coefficientOfVariation(ScalarVolume img, Mask mask) {
        double s = 0;
        double ss = 0;
        int n = 0;
        for (int i = 0; i < img.geometry().voxelCount(); i++) {
            if (mask.get(i)) {
                s += img.get(i);
                ss += (double) img.get(i) * img.get(i);
                n++;
            }
        }
        double m = s / n;
        return Math.sqrt(ss / n - m * m) / m;
    }
}

package org.plaque.testkit.phantom;

import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;

/**
 * Samples the lesion-free anatomy on a grid with partial volume: a voxel whose centre label differs from any
 * of its 26 neighbours' is split into {@value #SUB}³ sub-samples and gets label fractions (unless its eight
 * corner sub-samples agree with its centre); other voxels are pure. From the fractions come the three
 * noise-free contrasts and the tissue probability maps.
 */
final class TissueSampler {
    /** Sub-samples per voxel axis at tissue boundaries. */
    static final int SUB = 3;
    /** Sub-sample offsets in voxel units, centred in equal parts of the voxel. */
    private static final double[] OFFSETS = {-1.0 / 3, 0, 1.0 / 3};

    /** The sampled maps, x-fastest on the grid. */
    static final class Maps {
        final float[][] signal = new float[3][];
        float[] wm;
        float[] gm;
        float[] csf;
        float[] brain;
        /** Whether any part of the voxel is inside the head (not air). */
        boolean[] head;
    }

    private TissueSampler() {
    }

    /**
     * @param voxelToAtlas maps voxel indices of {@code grid} to atlas world points
     */
    static Maps sample(HeadAnatomy anatomy, ImageGeometry grid, Affine voxelToAtlas, ExecutionContext ctx) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        int n = grid.voxelCount();
        double[] m = voxelToAtlas.toRowMajor();
        byte[] centre = new byte[n];
        ctx.parallelFor(nz, (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                for (int j = 0; j < ny; j++) {
                    centreRow(anatomy, m, centre, nx, j, k, nx * (j + ny * k));
                }
            }
        });
        Maps out = new Maps();
        for (int c = 0; c < 3; c++) {
            out.signal[c] = new float[n];
        }
        out.wm = new float[n];
        out.gm = new float[n];
        out.csf = new float[n];
        out.brain = new float[n];
        out.head = new boolean[n];
        ctx.parallelFor(nz, (k0, k1) -> {
            int[] counts = new int[Tissue.COUNT];
            for (int k = k0; k < k1; k++) {
                for (int j = 0; j < ny; j++) {
                    fractionRow(anatomy, m, centre, out, counts, j, k, nx, ny, nz);
                }
            }
        });
        return out;
    }

    /** Labels of the voxel centres of row (j, k). */
    private static void centreRow(HeadAnatomy anatomy, double[] m, byte[] centre, int nx, int j, int k, int row) {
        for (int i = 0; i < nx; i++) {
            double x = m[0] * i + m[1] * j + m[2] * k + m[3];
            double y = m[4] * i + m[5] * j + m[6] * k + m[7];
            double z = m[8] * i + m[9] * j + m[10] * k + m[11];
            centre[row + i] = anatomy.label(x, y, z);
        }
    }

    /** Label fractions and the maps derived from them for row (j, k). */
    private static void fractionRow(HeadAnatomy anatomy, double[] m, byte[] centre, Maps out, int[] counts,
                                    int j, int k, int nx, int ny, int nz) {
        int total = SUB * SUB * SUB;
        for (int i = 0; i < nx; i++) {
            int idx = i + nx * (j + ny * k);
            byte label = centre[idx];
            if (uniform(centre, label, i, j, k, nx, ny, nz)) {
                write(out, idx, label);
                continue;
            }
            java.util.Arrays.fill(counts, 0);
            // First the eight corner sub-samples: if they all agree with the centre the voxel is pure (the
            // boundary that flagged it passes through a neighbour), which saves the other eighteen.
            boolean mixed = false;
            for (int sk = 0; sk < SUB; sk += 2) {
                double kk = k + OFFSETS[sk];
                for (int sj = 0; sj < SUB; sj += 2) {
                    double jj = j + OFFSETS[sj];
                    for (int si = 0; si < SUB; si += 2) {
                        double ii = i + OFFSETS[si];
                        byte l = anatomy.label(m[0] * ii + m[1] * jj + m[2] * kk + m[3],
                            m[4] * ii + m[5] * jj + m[6] * kk + m[7], m[8] * ii + m[9] * jj + m[10] * kk + m[11]);
                        counts[l]++;
                        mixed |= l != label;
                    }
                }
            }
            if (!mixed) {
                write(out, idx, label);
                continue;
            }
            counts[label]++;
            for (int sk = 0; sk < SUB; sk++) {
                double kk = k + OFFSETS[sk];
                for (int sj = 0; sj < SUB; sj++) {
                    double jj = j + OFFSETS[sj];
                    for (int si = 0; si < SUB; si++) {
                        if ((si != 1 && sj != 1 && sk != 1) || (si == 1 && sj == 1 && sk == 1)) {
                            continue; // a corner (done) or the centre (known)
                        }
                        double ii = i + OFFSETS[si];
                        double x = m[0] * ii + m[1] * jj + m[2] * kk + m[3];
                        double y = m[4] * ii + m[5] * jj + m[6] * kk + m[7];
                        double z = m[8] * ii + m[9] * jj + m[10] * kk + m[11];
                        counts[anatomy.label(x, y, z)]++;
                    }
                }
            }
            write(out, idx, counts, total);
        }
    }

    private static boolean uniform(byte[] centre, byte label, int i, int j, int k, int nx, int ny, int nz) {
        for (int dk = -1; dk <= 1; dk++) {
            int kk = k + dk;
            if (kk < 0 || kk >= nz) {
                continue;
            }
            for (int dj = -1; dj <= 1; dj++) {
                int jj = j + dj;
                if (jj < 0 || jj >= ny) {
                    continue;
                }
                int row = nx * (jj + ny * kk);
                for (int di = -1; di <= 1; di++) {
                    int ii = i + di;
                    if (ii >= 0 && ii < nx && centre[row + ii] != label) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static void write(Maps out, int idx, byte label) {
        for (int c = 0; c < 3; c++) {
            out.signal[c][idx] = Tissue.INTENSITY[c][label];
        }
        out.wm[idx] = Tissue.WM_PROB[label];
        out.gm[idx] = Tissue.GM_PROB[label];
        out.csf[idx] = Tissue.CSF_PROB[label];
        out.brain[idx] = Tissue.BRAIN[label];
        out.head[idx] = label != Tissue.AIR;
    }

    private static void write(Maps out, int idx, int[] counts, int total) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double wm = 0;
        double gm = 0;
        double csf = 0;
        double brain = 0;
        for (int l = 0; l < Tissue.COUNT; l++) {
            int c = counts[l];
            if (c == 0) {
                continue;
            }
            s0 += c * (double) Tissue.INTENSITY[0][l];
            s1 += c * (double) Tissue.INTENSITY[1][l];
            s2 += c * (double) Tissue.INTENSITY[2][l];
            wm += c * (double) Tissue.WM_PROB[l];
            gm += c * (double) Tissue.GM_PROB[l];
            csf += c * (double) Tissue.CSF_PROB[l];
            brain += c * (double) Tissue.BRAIN[l];
        }
        out.signal[0][idx] = (float) (s0 / total);
        out.signal[1][idx] = (float) (s1 / total);
        out.signal[2][idx] = (float) (s2 / total);
        out.wm[idx] = (float) (wm / total);
        out.gm[idx] = (float) (gm / total);
        out.csf[idx] = (float) (csf / total);
        out.brain[idx] = (float) (brain / total);
        out.head[idx] = counts[Tissue.AIR] < total;
    }
}

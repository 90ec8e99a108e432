package org.plaque.eval;

import org.plaque.image.Mask;
import org.plaque.segment.components.BruteForceLabeller;

/**
 * An independent dense-table reference of the lesion-wise rule for tests, written from the class comment
 * of {@link LesionWiseEvaluation}: flood-fill labels, size filter by {@code voxels × voxelVolume > min},
 * a full (nT + 1) × (nP + 1) overlap table with row/column 0 as background, and a selection-sort walk.
 */
final class BruteForceLesionWise {
    private BruteForceLesionWise() {
    }

    /** {detected reference lesions, matched predicted lesions, reference lesions, predicted lesions}. */
    static int[] counts(Mask pred, Mask truth, LesionWiseRule rule) {
        Lesions t = Lesions.of(truth, rule);
        Lesions p = Lesions.of(pred, rule);
        int[][] table = new int[t.count + 1][p.count + 1];
        for (int i = 0; i < t.label.length; i++) {
            table[t.label[i]][p.label[i]]++;
        }
        int[][] transposed = new int[p.count + 1][t.count + 1];
        for (int a = 0; a <= t.count; a++) {
            for (int b = 0; b <= p.count; b++) {
                transposed[b][a] = table[a][b];
            }
        }
        return new int[] {detected(table, t, p, rule), detected(transposed, p, t, rule), t.count, p.count};
    }

    /** Lesions of side A (rows of table) detected by side B (columns). */
    private static int detected(int[][] table, Lesions a, Lesions b, LesionWiseRule rule) {
        int n = 0;
        for (int r = 1; r <= a.count; r++) {
            int covered = 0;
            for (int c = 1; c <= b.count; c++) {
                covered += table[r][c];
            }
            if (!((double) covered / a.size[r] > rule.alpha())) {
                continue;
            }
            boolean[] used = new boolean[b.count + 1];
            double share = 0;
            boolean ok = true;
            while (share < rule.gamma()) {
                int best = -1;
                for (int c = 1; c <= b.count; c++) {
                    if (used[c] || table[r][c] == 0) {
                        continue;
                    }
                    if (best < 0 || better(table[r][c], c, table[r][best], best, b)) {
                        best = c;
                    }
                }
                if (best < 0) {
                    break;
                }
                used[best] = true;
                double outside = (double) table[0][best] / b.size[best];
                if (outside > rule.beta()) {
                    ok = false;
                    break;
                }
                share += (double) table[r][best] / covered;
            }
            if (ok) {
                n++;
            }
        }
        return n;
    }

    /** Larger overlap first; ties: larger lesion, then earlier first voxel in raster order. */
    private static boolean better(int overlap, int c, int bestOverlap, int best, Lesions b) {
        if (overlap != bestOverlap) {
            return overlap > bestOverlap;
        }
        if (b.size[c] != b.size[best]) {
            return b.size[c] > b.size[best];
        }
        return b.first[c] < b.first[best];
    }

    /** Flood-fill labels after the size filter (removed components → 0), sizes and first voxels. */
    private static final class Lesions {
        int[] label;
        int[] size;
        int[] first;
        int count;

        static Lesions of(Mask m, LesionWiseRule rule) {
            int[] raw = BruteForceLabeller.label(m, rule.connectivity().neighbours());
            int max = 0;
            for (int v : raw) {
                max = Math.max(max, v);
            }
            int[] rawSize = new int[max + 1];
            int[] rawFirst = new int[max + 1];
            java.util.Arrays.fill(rawFirst, -1);
            for (int i = 0; i < raw.length; i++) {
                rawSize[raw[i]]++;
                if (rawFirst[raw[i]] < 0) {
                    rawFirst[raw[i]] = i;
                }
            }
            double voxelVolume = m.geometry().voxelVolumeMm3();
            int[] map = new int[max + 1];
            Lesions l = new Lesions();
            l.size = new int[max + 1];
            l.first = new int[max + 1];
            for (int c = 1; c <= max; c++) {
                if (rawSize[c] * voxelVolume > rule.minLesionVolumeMm3()) {
                    map[c] = ++l.count;
                    l.size[l.count] = rawSize[c];
                    l.first[l.count] = rawFirst[c];
                }
            }
            l.label = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                l.label[i] = map[raw[i]];
            }
            return l;
        }
    }
}

package org.plaque.eval;

import java.util.Arrays;
import java.util.Objects;
import org.plaque.geom.Tolerance;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.lesion.LesionTable;

/**
 * Lesion-wise detection scores (lesion TPR, PPV, F1) with the rule of the MICCAI MSSEG challenges:
 * O. Commowick et al., "Objective Evaluation of Multiple Sclerosis Lesion Segmentation using a Data
 * Management and Processing Infrastructure", Sci Rep 8:13650 (2018), doi:10.1038/s41598-018-31911-7,
 * as implemented in Anima's {@code animaSegPerfAnalyzer} (class {@code SegPerfCAnalyzer}).
 *
 * <p><b>Lesions.</b> Both masks are split into connected components with {@link LesionWiseRule#connectivity()}
 * and components of volume ≤ {@link LesionWiseRule#minLesionVolumeMm3()} are removed from both sides
 * before anything else (see {@link LesionTable}); voxels of removed components count as background from
 * then on. The overlap table counts, for every reference lesion R and predicted lesion P, the voxels in
 * both.
 *
 * <p><b>Detection of a reference lesion R</b> (α, β, γ from the rule):
 * <ol>
 *   <li>Let C(R) be the voxels of R covered by any predicted lesion. R can only be detected when
 *       |C(R)| / |R| &gt; α (strictly).</li>
 *   <li>Walk the predicted lesions that overlap R in decreasing order of their overlap |P ∩ R| (ties: the
 *       predicted lesion with the smaller id, i.e. the larger one, first). For each P, its outside fraction
 *       is the share of P's voxels that lie in no reference lesion at all, |P \ ∪T| / |P|. If it is
 *       &gt; β (strictly), R is <em>not</em> detected and the walk stops. Otherwise add |P ∩ R| / |C(R)| to
 *       the accumulated share; once the share is ≥ γ, stop: R is detected.</li>
 *   <li>If the walk ends without a P that fails β, R is detected.</li>
 * </ol>
 * The accumulated share is relative to the <em>covered</em> part C(R), not to |R| — this is how Anima
 * computes it, and the paper's "segmentation lesions that contribute the most to the detection (summing
 * up to γ of the total overlap)". So γ limits which overlapping predictions are checked against β: the
 * big contributors must not be mostly outside the reference, while small stray ones after the first γ of
 * the overlap are ignored.
 *
 * <p><b>Scores.</b> Lesion TPR = detected reference lesions / reference lesions. Lesion PPV = the same
 * rule with the roles swapped (a predicted lesion is "matched" when the reference lesions cover more than
 * α of it, and so on, with outside fractions of reference lesions measured against all predicted
 * lesions) / predicted lesions. F1 = 2·PPV·TPR / (PPV + TPR), 0 when both are 0. When the reference has
 * no lesion (a follow-up without new lesions), TPR is undefined: NaN under {@link EmptyPolicy#NAN} (the
 * default); EVALUATION.md then asks to report the number and total volume of the predicted lesions, both
 * of which are in the result. PPV is likewise undefined without predicted lesions.
 *
 * <p><b>Differences from Anima</b>, all in cases Anima leaves to chance: Anima sorts with an unstable
 * sort (ties in overlap in unspecified order; here by id), and its walk is bounded by the number of
 * labels of the other image rather than of overlapping lesions, which can end the walk early (and count
 * R as detected) when the other image has fewer lesions than R has overlapping ones; here every
 * overlapping lesion is visited until γ is reached. Anima divides 0/0 into NaN for F1 when TPR = PPV = 0;
 * here F1 is 0 then.
 *
 * <p>Both masks must share the grid within {@link Tolerance#EVALUATION} (1e-6 mm), else
 * {@link org.plaque.InvalidInputException}.
 */
public final class LesionWiseEvaluation {
    private LesionWiseEvaluation() {
    }

    /** Lesion-wise scores under {@link EmptyPolicy#DEFAULT}. */
    public static LesionWiseResult evaluate(Mask pred, Mask truth, LesionWiseRule rule) {
        return evaluate(pred, truth, rule, EmptyPolicy.DEFAULT);
    }

    /** Lesion-wise scores; {@code policy} decides TPR/PPV when a side has no lesion. */
    public static LesionWiseResult evaluate(Mask pred, Mask truth, LesionWiseRule rule, EmptyPolicy policy) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(policy, "policy");
        pred.geometry().requireSameGrid(truth.geometry(), Tolerance.EVALUATION, "prediction and reference");
        LesionTable truthTable = LesionTable.of(truth, rule.connectivity(), rule.minLesionVolumeMm3());
        LesionTable predTable = LesionTable.of(pred, rule.connectivity(), rule.minLesionVolumeMm3());
        Overlaps overlaps = Overlaps.of(truthTable.labels(), truthTable.count(), predTable.labels(), predTable.count());
        int[] truthSizes = truthTable.voxelCountsById();
        int[] predSizes = predTable.voxelCountsById();

        int detected = countDetected(overlaps.groupedByFirst(), truthSizes, predSizes, rule);
        int matched = countDetected(overlaps.groupedBySecond(), predSizes, truthSizes, rule);
        int nTruth = truthTable.count();
        int nPred = predTable.count();
        boolean bothEmpty = nTruth == 0 && nPred == 0;
        double tpr = policy.similarity(detected, nTruth, bothEmpty);
        double ppv = policy.similarity(matched, nPred, bothEmpty);
        return new LesionWiseResult(nTruth, nPred, detected, matched, tpr, ppv, EmptyPolicy.f1(tpr, ppv),
            truthTable.totalVolumeMm3(), predTable.totalVolumeMm3());
    }

    /**
     * Number of lesions of side A detected by side B.
     *
     * @param table  overlaps grouped by A lesion: rows 1..nA of (B lesion, overlap voxels)
     * @param sizeA  voxels of each A lesion (by id)
     * @param sizeB  voxels of each B lesion (by id)
     */
    static int countDetected(Grouped table, int[] sizeA, int[] sizeB, LesionWiseRule rule) {
        // Voxels of each B lesion that lie in some A lesion; the rest is "outside all A lesions".
        long[] insideB = new long[sizeB.length];
        for (int e = 0; e < table.other.length; e++) {
            insideB[table.other[e]] += table.voxels[e];
        }
        int detected = 0;
        long[] order = new long[0];
        for (int a = 1; a < sizeA.length; a++) {
            int from = table.rowStart[a];
            int to = table.rowStart[a + 1];
            long covered = 0;
            for (int e = from; e < to; e++) {
                covered += table.voxels[e];
            }
            if (!((double) covered / sizeA[a] > rule.alpha())) {
                continue;
            }
            // Decreasing overlap, ties by increasing id, without boxing: key = (MAX - overlap, id).
            int m = to - from;
            if (order.length < m) {
                order = new long[Math.max(m, 2 * order.length)];
            }
            for (int e = from; e < to; e++) {
                order[e - from] = ((long) (Integer.MAX_VALUE - table.voxels[e]) << 32) | table.other[e];
            }
            Arrays.sort(order, 0, m);
            boolean spoiled = false;
            double share = 0;
            for (int k = 0; k < m && share < rule.gamma(); k++) {
                int b = (int) (order[k] & 0xffffffffL);
                int overlap = Integer.MAX_VALUE - (int) (order[k] >>> 32);
                double outside = (double) (sizeB[b] - insideB[b]) / sizeB[b];
                if (outside > rule.beta()) {
                    spoiled = true;
                    break;
                }
                share += (double) overlap / covered;
            }
            if (!spoiled) {
                detected++;
            }
        }
        return detected;
    }

    /** Sparse overlap table of two label images: the (first, second, voxels) triples with voxels > 0. */
    static final class Overlaps {
        final int nFirst;
        final int nSecond;
        final int[] first;
        final int[] second;
        final int[] voxels;

        private Overlaps(int nFirst, int nSecond, int[] first, int[] second, int[] voxels) {
            this.nFirst = nFirst;
            this.nSecond = nSecond;
            this.first = first;
            this.second = second;
            this.voxels = voxels;
        }

        static Overlaps of(LabelVolume a, int nA, LabelVolume b, int nB) {
            int n = a.geometry().voxelCount();
            long[] keys = new long[64];
            int size = 0;
            long width = nB + 1L;
            for (int i = 0; i < n; i++) {
                int la = a.get(i);
                if (la == 0) {
                    continue;
                }
                int lb = b.get(i);
                if (lb == 0) {
                    continue;
                }
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, 2 * size);
                }
                keys[size++] = la * width + lb;
            }
            Arrays.sort(keys, 0, size);
            int distinct = 0;
            for (int k = 0; k < size; k++) {
                if (k == 0 || keys[k] != keys[k - 1]) {
                    distinct++;
                }
            }
            int[] first = new int[distinct];
            int[] second = new int[distinct];
            int[] voxels = new int[distinct];
            int e = -1;
            for (int k = 0; k < size; k++) {
                if (k == 0 || keys[k] != keys[k - 1]) {
                    e++;
                    first[e] = (int) (keys[k] / width);
                    second[e] = (int) (keys[k] % width);
                }
                voxels[e]++;
            }
            return new Overlaps(nA, nB, first, second, voxels);
        }

        Grouped groupedByFirst() {
            return Grouped.of(nFirst, first, second, voxels);
        }

        Grouped groupedBySecond() {
            return Grouped.of(nSecond, second, first, voxels);
        }
    }

    /** Overlaps grouped by the lesion of one side (compressed rows): row r = entries rowStart[r]..rowStart[r+1]. */
    static final class Grouped {
        final int[] rowStart;
        final int[] other;
        final int[] voxels;

        private Grouped(int[] rowStart, int[] other, int[] voxels) {
            this.rowStart = rowStart;
            this.other = other;
            this.voxels = voxels;
        }

        static Grouped of(int rows, int[] key, int[] other, int[] voxels) {
            int[] start = new int[rows + 2];
            for (int k : key) {
                start[k + 1]++;
            }
            for (int r = 1; r < start.length; r++) {
                start[r] += start[r - 1];
            }
            int[] fill = Arrays.copyOf(start, start.length);
            int[] o = new int[key.length];
            int[] v = new int[key.length];
            for (int e = 0; e < key.length; e++) {
                int pos = fill[key[e]]++;
                o[pos] = other[e];
                v[pos] = voxels[e];
            }
            return new Grouped(start, o, v);
        }
    }
}

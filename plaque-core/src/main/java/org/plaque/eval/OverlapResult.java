package org.plaque.eval;

/**
 * Voxel-wise agreement of a predicted mask with a reference mask. Ratios are in [0, 1]; undefined ones
 * follow the {@link EmptyPolicy} they were computed with.
 *
 * @param dice                 2|P∩T| / (|P| + |T|)
 * @param iou                  Jaccard index |P∩T| / |P∪T|
 * @param precision            positive predictive value |P∩T| / |P|
 * @param recall               sensitivity, true-positive rate |P∩T| / |T|
 * @param specificity          true-negative rate over the whole grid, |¬P∩¬T| / |¬T| (depends on the field
 *                             of view; reported because MSSEG reports it)
 * @param volumePredMm3        volume of P, mm³
 * @param volumeTruthMm3       volume of T, mm³
 * @param volumeDifferenceMm3  signed volume difference V(P) − V(T), mm³ (its absolute value is the
 *                             absolute volume difference)
 * @param volumeDifferencePct  signed relative volume difference 100·(V(P) − V(T)) / V(T), % (Anima's RVE)
 * @param truePositives        voxels in P and T
 * @param falsePositives       voxels in P only
 * @param falseNegatives       voxels in T only
 * @param trueNegatives        voxels in neither
 */
public record OverlapResult(double dice, double iou, double precision, double recall, double specificity,
                            double volumePredMm3, double volumeTruthMm3, double volumeDifferenceMm3,
                            double volumeDifferencePct, int truePositives, int falsePositives,
                            int falseNegatives, int trueNegatives) {
}

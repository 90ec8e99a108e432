package org.plaque.eval;

/**
 * All figures of one prediction-versus-reference comparison (see {@link SegmentationEvaluation}).
 * Ratios in [0, 1], volumes in mm³, distances in mm; undefined values follow the {@link EmptyPolicy}
 * used (NaN by default). The lesion-wise figures depend on the {@link LesionWiseRule} used, which the
 * caller should report alongside (EVALUATION.md: "say which connectivity and which minimum lesion size").
 *
 * @param dice                 voxel-wise Dice
 * @param iou                  voxel-wise Jaccard index
 * @param precision            voxel-wise PPV
 * @param recall               voxel-wise sensitivity
 * @param specificity          voxel-wise specificity over the whole grid
 * @param volumePredMm3        predicted volume, mm³ (all mask voxels, no size filter)
 * @param volumeTruthMm3       reference volume, mm³
 * @param volumeDifferencePct  signed relative volume difference 100·(V(P) − V(T)) / V(T), %
 * @param hausdorffMm          symmetric surface Hausdorff distance, mm
 * @param hd95Mm               95th percentile of pooled surface distances, mm
 * @param assdMm               average symmetric surface distance (pooled mean), mm
 * @param lesionTpr            lesion-wise sensitivity
 * @param lesionPpv            lesion-wise precision
 * @param lesionF1             lesion-wise F1
 * @param truthLesions         reference lesions after the size filter
 * @param predLesions          predicted lesions after the size filter
 * @param detectedTruthLesions reference lesions detected
 * @param matchedPredLesions   predicted lesions matched by the reference
 * @param volumeDifferenceMm3  signed volume difference V(P) − V(T), mm³
 * @param truthLesionVolumeMm3 total volume of the reference lesions after the size filter, mm³
 * @param predLesionVolumeMm3  total volume of the predicted lesions after the size filter, mm³
 */
public record EvaluationResult(double dice, double iou, double precision, double recall, double specificity,
                               double volumePredMm3, double volumeTruthMm3, double volumeDifferencePct,
                               double hausdorffMm, double hd95Mm, double assdMm,
                               double lesionTpr, double lesionPpv, double lesionF1, int truthLesions,
                               int predLesions, int detectedTruthLesions, int matchedPredLesions,
                               double volumeDifferenceMm3, double truthLesionVolumeMm3,
                               double predLesionVolumeMm3) {

    /** The combined result of the three parts. */
    public static EvaluationResult of(OverlapResult o, SurfaceDistanceResult s, LesionWiseResult l) {
        return new EvaluationResult(o.dice(), o.iou(), o.precision(), o.recall(), o.specificity(),
            o.volumePredMm3(), o.volumeTruthMm3(), o.volumeDifferencePct(),
            s.hausdorffMm(), s.hd95Mm(), s.assdMm(),
            l.lesionTpr(), l.lesionPpv(), l.lesionF1(), l.truthLesions(), l.predLesions(),
            l.detectedTruthLesions(), l.matchedPredLesions(),
            o.volumeDifferenceMm3(), l.truthLesionVolumeMm3(), l.predLesionVolumeMm3());
    }
}

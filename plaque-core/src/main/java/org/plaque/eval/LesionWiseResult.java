package org.plaque.eval;

/**
 * Lesion-wise detection scores of a prediction against a reference (see {@link LesionWiseEvaluation}).
 * Counts are of lesions after the minimum-size filter; undefined rates follow the {@link EmptyPolicy}
 * used (NaN by default).
 *
 * @param truthLesions          reference lesions
 * @param predLesions           predicted lesions
 * @param detectedTruthLesions  reference lesions detected by the prediction
 * @param matchedPredLesions    predicted lesions "detected" by the reference (the rule with roles swapped)
 * @param lesionTpr             lesion sensitivity: detectedTruthLesions / truthLesions
 * @param lesionPpv             lesion precision: matchedPredLesions / predLesions
 * @param lesionF1              2·PPV·TPR / (PPV + TPR); 0 when both are 0
 * @param truthLesionVolumeMm3  total volume of the reference lesions, mm³
 * @param predLesionVolumeMm3   total volume of the predicted lesions, mm³ (what EVALUATION.md asks to report
 *                              with {@code predLesions} when the reference has no lesion)
 */
public record LesionWiseResult(int truthLesions, int predLesions, int detectedTruthLesions,
                               int matchedPredLesions, double lesionTpr, double lesionPpv, double lesionF1,
                               double truthLesionVolumeMm3, double predLesionVolumeMm3) {
}

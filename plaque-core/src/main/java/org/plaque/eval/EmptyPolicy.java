package org.plaque.eval;

/**
 * What a metric reports when it is undefined because something it divides by, or measures from, is
 * empty.
 *
 * <table>
 * <caption>Undefined cases per metric (P = prediction, T = reference; lesion sets are taken after the
 * minimum-size filter)</caption>
 * <tr><th>metric</th><th>undefined when</th><th>{@link #NAN}</th><th>{@link #BOTH_EMPTY_IS_PERFECT}</th></tr>
 * <tr><td>Dice, IoU</td><td>P and T empty</td><td>NaN</td><td>1</td></tr>
 * <tr><td>precision (PPV)</td><td>P empty</td><td>NaN</td><td>1 if T empty, else 0</td></tr>
 * <tr><td>recall (sensitivity)</td><td>T empty</td><td>NaN</td><td>1 if P empty, else 0</td></tr>
 * <tr><td>specificity</td><td>T covers the whole grid</td><td>NaN</td><td>1 if P does too, else 0</td></tr>
 * <tr><td>relative volume difference (%)</td><td>T empty</td><td>NaN</td><td>0 if P empty, else +∞</td></tr>
 * <tr><td>Hausdorff, HD95, ASSD</td><td>P or T empty (no surface)</td><td>NaN</td><td>0 if both empty, else +∞</td></tr>
 * <tr><td>lesion TPR</td><td>no reference lesion</td><td>NaN</td><td>1 if no predicted lesion, else 0</td></tr>
 * <tr><td>lesion PPV</td><td>no predicted lesion</td><td>NaN</td><td>1 if no reference lesion, else 0</td></tr>
 * <tr><td>lesion F1</td><td>TPR or PPV undefined</td><td>NaN</td><td>from TPR and PPV</td></tr>
 * </table>
 *
 * <p>Under both policies lesion F1 is 0 (not NaN) when TPR and PPV are both 0, Dice and IoU are 0 when
 * exactly one mask is empty, and volumes and the absolute volume difference (mm³) are always defined.
 * When the reference has no lesion, EVALUATION.md asks to report the number and total volume of the
 * predicted lesions instead of TPR; both are in every lesion-wise result.
 */
public enum EmptyPolicy {
    /**
     * An undefined metric is NaN: the convention of EVALUATION.md ("both masks empty → Dice NaN") and of
     * nnU-Net, so that cohort means can skip such cases explicitly instead of silently counting them as
     * perfect or failed. The default.
     */
    NAN,
    /**
     * Agreement on emptiness is perfect and disagreement is the worst value (the BraTS convention): a
     * case where both sides are empty scores 1 (similarity) or 0 (distance); a case where only one side
     * is empty scores 0 (similarity) or +∞ (distance, relative volume difference).
     */
    BOTH_EMPTY_IS_PERFECT;

    /** The policy used where the caller names none: {@link #NAN}. */
    public static final EmptyPolicy DEFAULT = NAN;

    /** Value of an undefined similarity ratio in [0, 1] (higher is better). */
    double undefinedSimilarity(boolean bothEmpty) {
        return this == NAN ? Double.NaN : (bothEmpty ? 1.0 : 0.0);
    }

    /** Value of an undefined distance or relative error (lower is better). */
    double undefinedDistance(boolean bothEmpty) {
        return this == NAN ? Double.NaN : (bothEmpty ? 0.0 : Double.POSITIVE_INFINITY);
    }

    /** {@code numerator / denominator}, or the undefined similarity when the denominator is 0. */
    double similarity(double numerator, double denominator, boolean bothEmpty) {
        return denominator == 0 ? undefinedSimilarity(bothEmpty) : numerator / denominator;
    }

    /** F1 (harmonic mean) of two rates: NaN if either is NaN, 0 if both are 0. */
    static double f1(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        double sum = a + b;
        return sum == 0 ? 0.0 : 2 * a * b / sum;
    }
}

package org.plaque.dl.infer;

import java.util.Arrays;
import org.plaque.InvalidInputException;
import org.plaque.geom.Tolerance;
import org.plaque.image.LabelVolume;
import org.plaque.image.ScalarVolume;

/**
 * Per-lesion summaries of a probability map and its uncertainty map, for the {@code lesions.csv} columns: for
 * each lesion label 1..n the number of voxels, the mean probability and the mean uncertainty over its voxels.
 *
 * <p>Arrays are indexed by label (length {@code maxLabel + 1}); index 0 (background) and labels without voxels
 * hold {@code NaN} means and count 0. Sums are accumulated in double. Immutable: accessors return copies.
 */
public final class LesionProbabilityStats {
    private final int[] voxelCount;
    private final double[] meanProbability;
    private final double[] meanUncertainty;

    private LesionProbabilityStats(int[] voxelCount, double[] meanProbability, double[] meanUncertainty) {
        this.voxelCount = voxelCount;
        this.meanProbability = meanProbability;
        this.meanUncertainty = meanUncertainty;
    }

    /**
     * Summarises {@code probability} and, if given, {@code uncertainty} over each lesion of {@code lesions}.
     *
     * @param lesions     connected-component labels (0 background, 1..n lesions; negative labels are refused)
     * @param probability the probability map, on the same grid
     * @param uncertainty the uncertainty (variance) map on the same grid, or null (then all uncertainties NaN)
     * @throws org.plaque.InvalidInputException if the grids differ or a label is negative
     */
    public static LesionProbabilityStats compute(LabelVolume lesions, ScalarVolume probability,
                                                 ScalarVolume uncertainty) {
        lesions.geometry().requireSameGrid(probability.geometry(), Tolerance.DEFAULT,
            "lesion labels and probability map");
        if (uncertainty != null) {
            lesions.geometry().requireSameGrid(uncertainty.geometry(), Tolerance.DEFAULT,
                "lesion labels and uncertainty map");
        }
        int n = lesions.maxLabel();
        int[] count = new int[n + 1];
        double[] sumP = new double[n + 1];
        double[] sumU = new double[n + 1];
        int voxels = lesions.geometry().voxelCount();
        for (int i = 0; i < voxels; i++) {
            int l = lesions.get(i);
            if (l < 0) {
                throw new InvalidInputException("lesion labels must be >= 0, found " + l);
            }
            if (l == 0) {
                continue;
            }
            count[l]++;
            sumP[l] += probability.get(i);
            if (uncertainty != null) {
                sumU[l] += uncertainty.get(i);
            }
        }
        double[] meanP = new double[n + 1];
        double[] meanU = new double[n + 1];
        meanP[0] = Double.NaN;
        meanU[0] = Double.NaN;
        count[0] = 0;
        for (int l = 1; l <= n; l++) {
            meanP[l] = count[l] == 0 ? Double.NaN : sumP[l] / count[l];
            meanU[l] = count[l] == 0 || uncertainty == null ? Double.NaN : sumU[l] / count[l];
        }
        return new LesionProbabilityStats(count, meanP, meanU);
    }

    /** The largest label (the arrays have this length plus one). */
    public int maxLabel() {
        return voxelCount.length - 1;
    }

    /** Voxels per label (index 0: 0). */
    public int[] voxelCount() {
        return voxelCount.clone();
    }

    /** Mean probability per label (index 0 and empty labels: NaN). */
    public double[] meanProbability() {
        return meanProbability.clone();
    }

    /** Mean uncertainty per label (index 0, empty labels, or no uncertainty map: NaN). */
    public double[] meanUncertainty() {
        return meanUncertainty.clone();
    }

    /** Mean probability of one lesion. */
    public double meanProbability(int label) {
        return meanProbability[label];
    }

    /** Mean uncertainty of one lesion. */
    public double meanUncertainty(int label) {
        return meanUncertainty[label];
    }

    @Override
    public String toString() {
        return "LesionProbabilityStats" + Arrays.toString(meanProbability);
    }
}

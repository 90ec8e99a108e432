package org.plaque.report;

import java.util.ArrayList;
import java.util.List;
import org.plaque.geom.Tolerance;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.lesion.Lesion;
import org.plaque.lesion.LesionTable;

/**
 * Per-lesion figures for the report: the lesion table's voxels, volume and centroid, and each lesion's mean
 * FLAIR contrast against normal-appearing white matter (NAWM).
 *
 * <p>NAWM = brain-mask voxels whose white-matter prior is at least {@value #NAWM_MIN_WM} and that are not
 * lesion; its mean FLAIR is the reference. Contrast = mean FLAIR in the lesion / NAWM mean (NaN when NAWM is
 * empty or its mean is not positive).
 *
 * @param rows     one row per lesion, in id order
 * @param nawmMean mean FLAIR of NAWM (NaN when none)
 * @param nawmVoxels voxels of NAWM
 */
public record LesionMeasures(List<LesionRow> rows, double nawmMean, int nawmVoxels) {
    /** Smallest white-matter prior of a NAWM voxel. */
    public static final double NAWM_MIN_WM = 0.9;

    public LesionMeasures {
        rows = List.copyOf(rows);
    }

    /**
     * Measures {@code table}'s lesions on {@code flair}.
     *
     * @param wm    white-matter prior, or null (then no contrast is computed)
     * @param brain brain mask, or null (whole image)
     * @param probability lesion probability map, or null (then the rows' mean probability is NaN)
     * @param uncertainty uncertainty map, or null (then the rows' mean uncertainty is NaN)
     * @throws org.plaque.InvalidInputException if an image is not on the table's grid
     */
    public static LesionMeasures of(LesionTable table, ScalarVolume flair, ScalarVolume wm, Mask brain,
                                    ScalarVolume probability, ScalarVolume uncertainty) {
        LabelVolume labels = table.labels();
        labels.geometry().requireSameGrid(flair.geometry(), Tolerance.DEFAULT, "the lesion labels and the FLAIR");
        double[] meanProbability = meanPerLesion(labels, table.count(), probability);
        double[] meanUncertainty = meanPerLesion(labels, table.count(), uncertainty);
        int n = labels.geometry().voxelCount();
        int count = table.count();
        double[] sum = new double[count + 1];
        double nawmSum = 0;
        int nawm = 0;
        for (int i = 0; i < n; i++) {
            int l = labels.get(i);
            float v = flair.get(i);
            if (l > 0) {
                sum[l] += v;
            } else if (wm != null && wm.get(i) >= NAWM_MIN_WM && (brain == null || brain.get(i))) {
                nawmSum += v;
                nawm++;
            }
        }
        double nawmMean = nawm > 0 ? nawmSum / nawm : Double.NaN;
        int[] voxels = table.voxelCountsById();
        List<LesionRow> rows = new ArrayList<>(count);
        for (Lesion lesion : table.lesions()) {
            int id = lesion.id();
            double mean = sum[id] / voxels[id];
            double contrast = nawmMean > 0 ? mean / nawmMean : Double.NaN;
            rows.add(new LesionRow(id, lesion.voxels(), lesion.volumeMm3(), lesion.centroidMm(), contrast,
                meanProbability[id], meanUncertainty[id]));
        }
        return new LesionMeasures(rows, nawmMean, nawm);
    }

    /** Mean of {@code map} in each lesion, indexed by id (all NaN when {@code map} is null). */
    private static double[] meanPerLesion(LabelVolume labels, int count, ScalarVolume map) {
        double[] mean = new double[count + 1];
        if (map == null) {
            java.util.Arrays.fill(mean, Double.NaN);
            return mean;
        }
        labels.geometry().requireSameGrid(map.geometry(), Tolerance.DEFAULT, "the lesion labels and a lesion map");
        int[] voxels = new int[count + 1];
        for (int i = 0, n = labels.geometry().voxelCount(); i < n; i++) {
            int l = labels.get(i);
            if (l > 0) {
                mean[l] += map.get(i);
                voxels[l]++;
            }
        }
        for (int l = 1; l <= count; l++) {
            mean[l] = voxels[l] > 0 ? mean[l] / voxels[l] : Double.NaN;
        }
        return mean;
    }
}

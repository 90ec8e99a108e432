package org.plaque.report;

import java.util.List;
import java.util.Locale;

/**
 * The text of {@code lesions.csv}: a header and one row per lesion in id order, columns {@code id, voxels,
 * volume_mm3, centroid_mm_x, centroid_mm_y, centroid_mm_z, mean_flair_contrast, mean_probability,
 * mean_uncertainty} (world RAS+ mm; contrast, probability and uncertainty as in {@link LesionRow}, empty when
 * undefined). RFC 4180 comma-separated, '.' decimals, LF line ends.
 */
public final class LesionCsv {
    /** The header line's columns. */
    public static final List<String> COLUMNS = List.of("id", "voxels", "volume_mm3", "centroid_mm_x",
        "centroid_mm_y", "centroid_mm_z", "mean_flair_contrast", "mean_probability", "mean_uncertainty");

    private LesionCsv() {
    }

    /** The CSV text of {@code rows}. */
    public static String write(List<LesionRow> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (LesionRow r : rows) {
            double[] c = r.centroidMm();
            sb.append(r.id()).append(',').append(r.voxels()).append(',')
                .append(number(r.volumeMm3())).append(',')
                .append(number(c[0])).append(',').append(number(c[1])).append(',').append(number(c[2])).append(',')
                .append(optional(r.meanFlairContrast())).append(',')
                .append(optional(r.meanProbability())).append(',')
                .append(optional(r.meanUncertainty()))
                .append('\n');
        }
        return sb.toString();
    }

    private static String optional(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}

package org.plaque.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.plaque.image.Volume;
import org.plaque.io.OutputDirectory;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.lesion.LesionTable;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;

/**
 * Writes the result folder of {@code plaque segment}: exactly the files listed here, every image on the input
 * FLAIR's grid, each file atomically and the set as a unit through {@link OutputDirectory} (the caller
 * commits; a failure leaves none of them).
 *
 * <pre>
 * lesion_mask.nii.gz          binary lesion mask (uint8)
 * lesion_labels.nii.gz        lesion ids 1..n by decreasing volume (6-connected components)
 * lesion_probability.nii.gz   lesion probabilities in [0, 1] (float32), when the method yields them
 * lesion_uncertainty.nii.gz   their variance across ensemble members and test-time flips, when available
 * lesions.csv                 one row per lesion ({@link LesionCsv})
 * report.json                 figures, parameters, versions, timings, inputs with checksums
 *                             ({@link SegmentationReport})
 * report.html                 self-contained report ({@link HtmlReport})
 * overlay_axial.png, overlay_coronal.png, overlay_sagittal.png, overlay_mosaic.png   lesion overlays
 * provenance.json             every step's parameters, timings and details ({@link Provenance})
 * </pre>
 */
public final class SegmentationOutputs {
    /** File names. */
    public static final String LESION_MASK = "lesion_mask.nii.gz";
    public static final String LESION_LABELS = "lesion_labels.nii.gz";
    public static final String LESION_PROBABILITY = "lesion_probability.nii.gz";
    /** Uncertainty map (variance across ensemble members and flips). */
    public static final String LESION_UNCERTAINTY = "lesion_uncertainty.nii.gz";
    public static final String LESIONS_CSV = "lesions.csv";
    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_HTML = "report.html";
    public static final String PROVENANCE_JSON = "provenance.json";

    private SegmentationOutputs() {
    }

    /**
     * Writes every result file of {@code report} into {@code dir}.
     *
     * @return the names written, in order
     * @throws IOException if a file cannot be written (those already written are removed when {@code dir}
     *                     closes uncommitted)
     */
    public static List<String> write(SegmentationReport report, OutputDirectory dir) throws IOException {
        Subject s = report.result().subject();
        List<String> names = new ArrayList<>();
        nifti(dir, LESION_MASK, s.require(SubjectKeys.LESION_MASK), names);
        LesionTable table = s.require(SubjectKeys.LESIONS);
        nifti(dir, LESION_LABELS, table.labels(), names);
        if (s.has(SubjectKeys.LESION_PROBABILITY)) {
            nifti(dir, LESION_PROBABILITY, s.require(SubjectKeys.LESION_PROBABILITY), names);
        }
        if (s.has(SubjectKeys.LESION_UNCERTAINTY)) {
            nifti(dir, LESION_UNCERTAINTY, s.require(SubjectKeys.LESION_UNCERTAINTY), names);
        }
        text(dir, LESIONS_CSV, LesionCsv.write(report.measures().rows()), names);
        List<ReportFigures.Figure> overlays = ReportFigures.overlays(s, report.measures().rows());
        for (ReportFigures.Figure f : overlays) {
            dir.write(f.name() + ".png", o -> o.write(f.png()));
            names.add(f.name() + ".png");
        }
        List<ReportFigures.Figure> qc = ReportFigures.qc(s, report.measures().rows());
        text(dir, REPORT_HTML, HtmlReport.render(report, overlays, qc), names);
        text(dir, REPORT_JSON, ReportJson.write(report.toJson()), names);
        text(dir, PROVENANCE_JSON, ReportJson.write(Provenance.toJson(report)), names);
        return names;
    }

    private static void nifti(OutputDirectory dir, String name, Volume v, List<String> names) throws IOException {
        NiftiWriter.write(v, dir.track(name));
        names.add(name);
    }

    private static void text(OutputDirectory dir, String name, String content, List<String> names)
        throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        dir.write(name, o -> o.write(bytes));
        names.add(name);
    }
}

package org.plaque.pipeline.longitudinal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plaque.image.Volume;
import org.plaque.io.OutputDirectory;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.report.ReportJson;
import org.plaque.report.RunInfo;

/**
 * Writes the result folder of {@code plaque longitudinal}: on the follow-up grid {@value #NEW_LESIONS_MASK}
 * (new and enlarging voxels), {@value #CHANGE_MASK} (every changed voxel, both directions) and
 * {@value #LESION_CHANGES} (labels 1 new, 2 enlarging, 3 shrinking, 4 vanished); {@value #CHANGES_CSV} (one row
 * per change), {@value #REPORT_JSON} (counts, volumes, registration quality), {@value #REPORT_HTML} (panels
 * per change, registration checkerboard) and {@value #PROVENANCE_JSON}.
 * Written through an {@link OutputDirectory}, so the caller decides all-or-nothing.
 */
public final class LongitudinalOutputs {
    /** File names. */
    public static final String NEW_LESIONS_MASK = "new_lesions_mask.nii.gz";
    public static final String CHANGE_MASK = "change_mask.nii.gz";
    public static final String LESION_CHANGES = "lesion_changes.nii.gz";
    public static final String CHANGES_CSV = "lesion_changes.csv";
    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_HTML = "report.html";
    public static final String PROVENANCE_JSON = "provenance.json";

    private LongitudinalOutputs() {
    }

    /**
     * Writes every file.
     *
     * @param inputs  input names for provenance (e.g. baseline, follow-up paths, brain-mask method)
     * @param seconds wall-clock time of the detection, s
     * @return the names written, in order
     * @throws IOException if a file cannot be written
     */
    public static List<String> write(LongitudinalResult r, ChangeParams params, String method,
                                     Map<String, Object> inputs, RunInfo run, double seconds, OutputDirectory dir)
        throws IOException {
        List<String> names = new ArrayList<>();
        nifti(dir, NEW_LESIONS_MASK, r.newLesionMask(), names);
        nifti(dir, CHANGE_MASK, r.changeMask(), names);
        nifti(dir, LESION_CHANGES, r.changeLabels(), names);
        text(dir, CHANGES_CSV, csv(r.changes()), names);
        text(dir, REPORT_JSON, ReportJson.write(report(r, method, seconds)), names);
        text(dir, REPORT_HTML, LongitudinalHtml.render(r, method, seconds), names);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("versions", run.versions());
        prov.put("command", run.command());
        prov.put("started_at", run.startedAt());
        prov.put("method", method);
        prov.put("inputs", inputs);
        prov.put("parameters", params.toMap());
        prov.put("max_change_volume_mm3", Candidate.MAX_VOLUME_MM3);
        prov.put("registration", "rigid then affine (Registration.Params.DEFAULTS), baseline -> follow-up");
        prov.put("seconds", seconds);
        text(dir, PROVENANCE_JSON, ReportJson.write(prov), names);
        return names;
    }

    /** The content of report.json. */
    public static Map<String, Object> report(LongitudinalResult r, String method, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("grid", "follow-up");
        m.put("new_lesion_count", r.count(ChangeLabel.NEW));
        m.put("new_lesion_volume_mm3", r.volumeMm3(ChangeLabel.NEW));
        m.put("enlarging_lesion_count", r.count(ChangeLabel.ENLARGING));
        m.put("enlarging_volume_mm3", r.volumeMm3(ChangeLabel.ENLARGING));
        m.put("shrinking_lesion_count", r.count(ChangeLabel.SHRINKING));
        m.put("shrinking_volume_mm3", r.volumeMm3(ChangeLabel.SHRINKING));
        m.put("vanished_lesion_count", r.count(ChangeLabel.VANISHED));
        m.put("vanished_volume_mm3", r.volumeMm3(ChangeLabel.VANISHED));
        m.put("stable_lesion_count", r.stableLesionCount());
        m.put("raw_increase_candidates", r.candidates().stream().filter(Candidate::increase).count());
        m.put("raw_decrease_candidates", r.candidates().stream().filter(c -> !c.increase()).count());
        m.put("registration", r.registration());
        m.put("seconds", seconds);
        return m;
    }

    /** lesion_changes.csv: id, label, volumes (mm³), centroid (RAS+ mm), filter cues. */
    public static String csv(List<LesionChange> changes) {
        StringBuilder sb = new StringBuilder("id,label,label_code,change_volume_mm3,baseline_volume_mm3,"
            + "followup_volume_mm3,centroid_x_mm,centroid_y_mm,centroid_z_mm,mean_z_present,mean_ratio\n");
        for (LesionChange c : changes) {
            double[] p = c.centroidMm();
            sb.append(String.format(Locale.ROOT, "%d,%s,%d,%.3f,%.3f,%.3f,%.2f,%.2f,%.2f,%.3f,%.4f%n", c.id(),
                c.label().key(), c.label().code(), c.changeVolumeMm3(), c.baselineVolumeMm3(), c.followupVolumeMm3(),
                p[0], p[1], p[2], c.meanZ(), c.meanRatio()));
        }
        return sb.toString();
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

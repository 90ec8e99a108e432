package org.plaque.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Orientation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.lesion.LesionTable;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepRecord;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.pipeline.crosssectional.CrossSectionalPipeline;
import org.plaque.pipeline.preset.StepSpec;
import org.plaque.pipeline.step.DeepSegmentationStep;
import org.plaque.pipeline.step.LesionSegmentationStep;

/**
 * The figures of one {@code plaque segment} run that the report files show: lesion load and count, the
 * lesion rows, brain volume, the preset and every step's effective parameters, timings, inputs with their
 * checksums, versions and warnings. Built once from the pipeline's result; {@link #toJson()} gives the
 * content of {@code report.json}.
 *
 * @param subject        the subject's name
 * @param lesionLoadMm3  lesion voxels × voxel volume, mm³
 * @param lesionCount    lesions (6-connected components unless the preset says otherwise)
 * @param method         {@code unsupervised}, or the architecture of the model that segmented
 * @param preset         the lesion-segmentation preset name, or the model's name
 * @param measures       per-lesion rows and the NAWM reference
 * @param brainVolumeMm3 brain-mask volume, mm³
 * @param grid           the input FLAIR's grid (every output is on it)
 * @param result         the pipeline's result
 * @param run            versions, command line, start time
 */
public record SegmentationReport(String subject, double lesionLoadMm3, int lesionCount, String method, String preset,
                                 LesionMeasures measures, double brainVolumeMm3, ImageGeometry grid,
                                 CrossSectionalPipeline.Result result, RunInfo run) {
    /** The method name of the unsupervised pipeline. */
    public static final String UNSUPERVISED = "unsupervised";

    /**
     * Gathers the figures of {@code result}.
     *
     * @throws IllegalStateException if the pipeline did not produce a lesion table
     */
    public static SegmentationReport of(CrossSectionalPipeline.Result result, RunInfo run) {
        Subject s = result.subject();
        LesionTable table = s.require(SubjectKeys.LESIONS);
        Mask lesionMask = s.require(SubjectKeys.LESION_MASK);
        ScalarVolume wm = s.get(SubjectKeys.WM).orElse(null);
        Mask brain = s.get(SubjectKeys.BRAIN_MASK).orElse(null);
        LesionMeasures measures = LesionMeasures.of(table, s.flair(), wm, brain,
            s.get(SubjectKeys.LESION_PROBABILITY).orElse(null), s.get(SubjectKeys.LESION_UNCERTAINTY).orElse(null));
        String method = UNSUPERVISED;
        String preset = result.preset().find(LesionSegmentationStep.NAME).map(StepSpec::params)
            .map(p -> String.valueOf(p.get("segmenter"))).orElse("");
        for (Step step : result.pipeline().steps()) {
            if (step.name().equals(DeepSegmentationStep.NAME)) {
                method = String.valueOf(step.parameters().get("architecture"));
                preset = String.valueOf(step.parameters().get("model_name"));
            }
        }
        return new SegmentationReport(s.id(), lesionMask.volumeMm3(), table.count(), method, preset, measures,
            brain == null ? Double.NaN : brain.volumeMm3(), s.grid(), result, run);
    }

    /** Each step's duration in ms under its name (repeated steps numbered name#2), then "total". */
    public Map<String, Object> timingsMs() {
        Map<String, Object> t = new LinkedHashMap<>();
        for (StepRecord r : result.subject().provenance()) {
            t.put(unique(t, r.step()), r.durationMs());
        }
        t.put("total", result.totalMs());
        return t;
    }

    /** Each step's effective parameters under its name (repeated steps numbered name#2). */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        for (StepRecord r : result.subject().provenance()) {
            p.put(unique(p, r.step()), r.parameters());
        }
        return p;
    }

    /** Every step's warnings, prefixed with the step's name. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        for (StepRecord r : result.subject().provenance()) {
            r.warnings().forEach(x -> w.add(r.step() + ": " + x));
        }
        return w;
    }

    /** Each step's details under its name (repeated steps numbered name#2). */
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        for (StepRecord r : result.subject().provenance()) {
            d.put(unique(d, r.step()), r.details());
        }
        return d;
    }

    /** The inputs: per channel its file, SHA-256 and grid. */
    public Map<String, Object> inputs() {
        Map<String, Object> in = new LinkedHashMap<>();
        var inputs = result.inputs();
        for (Map.Entry<String, Path> e : inputs.files().entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", e.getValue().toString());
            m.put("sha256", inputs.checksums().get(e.getKey()));
            ScalarVolume v = switch (e.getKey()) {
                case "t1" -> inputs.t1().orElse(null);
                case "t2" -> inputs.t2().orElse(null);
                default -> inputs.flair();
            };
            if (v != null) {
                m.put("grid", gridMap(v.geometry()));
            }
            in.put(e.getKey(), m);
        }
        return in;
    }

    /** The content of {@code report.json} (plain maps and lists; NaN becomes null when written). */
    public Map<String, Object> toJson() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("subject", subject);
        j.put("lesion_load_mm3", lesionLoadMm3);
        j.put("lesion_count", lesionCount);
        j.put("brain_volume_mm3", brainVolumeMm3);
        j.put("method", method);
        j.put("preset", preset);
        j.put("pipeline", result.preset().name());
        j.put("connectivity", 6);
        j.put("seed", result.seed());
        j.put("threads", result.threads());
        j.put("grid", gridMap(grid));
        j.put("nawm_mean_flair", measures.nawmMean());
        j.put("lesions", lesionList());
        j.put("parameters", parameters());
        j.put("details", details());
        j.put("timings_ms", timingsMs());
        j.put("inputs", inputs());
        j.put("versions", run.versions());
        j.put("warnings", warnings());
        j.put("started_at", run.startedAt());
        return j;
    }

    private List<Object> lesionList() {
        List<Object> out = new ArrayList<>();
        for (LesionRow r : measures.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("voxels", r.voxels());
            m.put("volume_mm3", r.volumeMm3());
            double[] c = r.centroidMm();
            m.put("centroid_mm", List.of(c[0], c[1], c[2]));
            m.put("mean_flair_contrast", r.meanFlairContrast());
            m.put("mean_probability", r.meanProbability());
            m.put("mean_uncertainty", r.meanUncertainty());
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> gridMap(ImageGeometry g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", List.of(g.nx(), g.ny(), g.nz()));
        double[] s = g.spacingMm();
        m.put("spacing_mm", List.of(s[0], s[1], s[2]));
        m.put("orientation", Orientation.axisCodes(g));
        List<Object> rows = new ArrayList<>();
        for (double[] row : g.voxelToWorld().toArray()) {
            rows.add(List.of(row[0], row[1], row[2], row[3]));
        }
        m.put("voxel_to_world", rows);
        m.put("voxel_volume_mm3", g.voxelVolumeMm3());
        return m;
    }

    private static String unique(Map<String, Object> m, String name) {
        String key = name;
        for (int n = 2; m.containsKey(key); n++) {
            key = name + "#" + n;
        }
        return key;
    }
}

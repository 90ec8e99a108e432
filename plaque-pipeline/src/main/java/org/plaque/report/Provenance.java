package org.plaque.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plaque.pipeline.StepRecord;
import org.plaque.pipeline.crosssectional.CrossSectionalPipeline;
import org.plaque.pipeline.preset.StepSpec;

/**
 * The content of {@code provenance.json}: everything needed to repeat a run and to see what it did — the
 * command line, versions, seed and threads, input checksums, the preset as plain data, and per step its
 * effective parameters, duration, details and warnings, in order.
 */
public final class Provenance {
    private Provenance() {
    }

    /** The provenance of {@code report}'s run as plain maps and lists. */
    public static Map<String, Object> toJson(SegmentationReport report) {
        CrossSectionalPipeline.Result result = report.result();
        RunInfo run = report.run();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("format", "plaque-provenance/1");
        j.put("command", run.command());
        j.put("started_at", run.startedAt());
        j.put("versions", run.versions());
        j.put("seed", result.seed());
        j.put("threads", result.threads());
        j.put("inputs", report.inputs());
        Map<String, Object> preset = new LinkedHashMap<>();
        preset.put("name", result.preset().name());
        preset.put("description", result.preset().description());
        List<Object> specs = new ArrayList<>();
        for (StepSpec s : result.preset().steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", s.step());
            m.put("params", s.params());
            specs.add(m);
        }
        preset.put("steps", specs);
        j.put("preset", preset);
        List<Object> steps = new ArrayList<>();
        for (StepRecord r : result.subject().provenance()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", r.step());
            m.put("parameters", r.parameters());
            m.put("duration_ms", r.durationMs());
            m.put("details", r.details());
            m.put("warnings", r.warnings());
            steps.add(m);
        }
        j.put("steps", steps);
        j.put("total_ms", result.totalMs());
        return j;
    }
}

package org.plaque.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.plaque.exec.ExecutionContext;
import org.plaque.io.OutputDirectory;
import org.plaque.pipeline.Pipeline;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.crosssectional.CrossSectionalPipeline;
import org.plaque.pipeline.crosssectional.SegmentationInputs;
import org.plaque.pipeline.crosssectional.SegmenterPresets;
import org.plaque.pipeline.preset.Preset;
import org.plaque.report.RunInfo;
import org.plaque.report.SegmentationOutputs;
import org.plaque.report.SegmentationReport;

/** Runs the cross-sectional pipeline and writes its result folder: shared by {@code segment} and {@code demo}. */
final class SegmentRunner {
    private SegmentRunner() {
    }

    /**
     * Builds the pipeline (failing fast on a bad preset), runs it with progress on {@code err}, and writes every
     * result file into {@code out} atomically.
     *
     * @param id      the subject's name for the report
     * @param atlas   the atlas, when the preset needs one
     * @param command the command line, for provenance
     */
    static SegmentationReport run(String id, SegmentationInputs inputs, Optional<Atlas> atlas, Preset preset,
                                  int threads, long seed, Path out, PrintWriter err, String progressPrefix,
                                  List<String> command) throws IOException {
        String started = Instant.now().toString();
        Pipeline pipeline = CrossSectionalPipeline.build(preset, SegmenterPresets.resources(atlas));
        ConsoleProgress progress = new ConsoleProgress(err, ConsoleProgress.stderrIsTerminal(), progressPrefix);
        CrossSectionalPipeline.Result result;
        try (ExecutionContext ctx = ExecutionContext.of(threads, seed, progress)) {
            result = CrossSectionalPipeline.run(id, inputs, preset, pipeline, ctx, progress);
        }
        SegmentationReport report = SegmentationReport.of(result,
            new RunInfo(RunInfo.versions(PlaqueVersion.get()), command, started));
        try (OutputDirectory dir = OutputDirectory.open(out)) {
            SegmentationOutputs.write(report, dir);
            dir.commit();
        }
        return report;
    }
}

package org.plaque.pipeline.cohort;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.plaque.exec.ExecutionContext;
import org.plaque.io.OutputDirectory;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.pipeline.Pipeline;
import org.plaque.pipeline.PipelineListener;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.crosssectional.CrossSectionalPipeline;
import org.plaque.pipeline.crosssectional.CrossSectionalPreset;
import org.plaque.pipeline.crosssectional.SegmentationInputs;
import org.plaque.pipeline.crosssectional.SegmenterPresets;
import org.plaque.pipeline.preset.Preset;
import org.plaque.report.RunInfo;
import org.plaque.report.SegmentationOutputs;
import org.plaque.report.SegmentationReport;

/**
 * The per-case work of {@code segment-cohort}: Plaque's cross-sectional pipeline exactly as
 * {@code plaque segment} runs it — read the case's FLAIR (and T1/T2), run {@link CrossSectionalPipeline} with
 * the case's context (threads, seed), write {@link SegmentationOutputs}' files into the case folder. The
 * subject's name in the report is the case id ({@code sub-01_ses-02}).
 *
 * <p>The atlas is loaded once by the caller and shared (read only) by all cases. The pipeline is built once
 * here, so a bad preset fails before any case starts; {@link Pipeline} holds no per-run state. An existing
 * result is reused by {@code --resume} only when its report names the same lesion-segmentation preset.
 */
public final class SegmentationCaseProcessor implements CaseProcessor {
    private final String resultName;
    private final NiftiReader reader;
    private final Map<String, String> versions;
    private final List<String> command;
    private final Preset preset;
    private final Pipeline pipeline;

    /**
     * @param atlas      the atlas registered to every case, when the preset needs one
     * @param preset     the cross-sectional pipeline's steps ({@link CrossSectionalPreset})
     * @param resultName what a finished case's report names as its preset (the segmenter preset, or the model's
     *                   name) — {@code --resume} reuses only results with this name
     * @param reader     how images are read (4-D volume choice, non-finite voxels)
     * @param versions   software versions for the reports ({@link RunInfo#versions})
     * @param command    the command line, for provenance
     * @throws IllegalArgumentException if the preset is unknown
     */
    public SegmentationCaseProcessor(Optional<Atlas> atlas, Preset preset, String resultName, NiftiReader reader,
                                     Map<String, String> versions, List<String> command) {
        this.preset = Objects.requireNonNull(preset, "preset");
        this.resultName = Objects.requireNonNull(resultName, "resultName");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.versions = Map.copyOf(versions);
        this.command = List.copyOf(command);
        this.pipeline = CrossSectionalPipeline.build(preset, SegmenterPresets.resources(atlas));
    }

    @Override
    public void process(CohortCase c, Path dir, ExecutionContext ctx) throws IOException {
        String started = Instant.now().toString();
        SegmentationInputs inputs = SegmentationInputs.read(c.flair(), c.t1().orElse(null), c.t2().orElse(null),
            reader);
        CrossSectionalPipeline.Result result = CrossSectionalPipeline.run(c.id(), inputs, preset, pipeline, ctx,
            PipelineListener.NONE);
        SegmentationReport report = SegmentationReport.of(result, new RunInfo(versions, command, started));
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            SegmentationOutputs.write(report, out);
            out.commit();
        }
    }

    @Override
    public boolean canReuse(CohortCase c, CaseReport existing) {
        return existing.preset().equals(resultName);
    }
}

package org.plaque.pipeline.crosssectional;

import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.pipeline.Pipeline;
import org.plaque.pipeline.PipelineListener;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.preset.Preset;
import org.plaque.pipeline.preset.StepResources;

/**
 * Plaque's main job on one subject: checked inputs ({@link SegmentationInputs}) → the steps of
 * {@link CrossSectionalPreset} built through {@link CrossSectionalSteps} → a subject holding the lesion mask,
 * the lesion table and every intermediate image the report shows, all on the input FLAIR's grid.
 */
public final class CrossSectionalPipeline {
    private CrossSectionalPipeline() {
    }

    /**
     * What a run produced.
     *
     * @param inputs   the checked inputs
     * @param preset   the step list that ran (plain data)
     * @param pipeline the steps built from it
     * @param subject  the final subject: images on the input FLAIR's grid, provenance of every step
     * @param totalMs  wall-clock time of the whole pipeline, ms
     * @param seed     the random seed used
     * @param threads  the number of worker threads used
     */
    public record Result(SegmentationInputs inputs, Preset preset, Pipeline pipeline, Subject subject, long totalMs,
                         long seed, int threads) {
        public Result {
            Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(preset, "preset");
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /**
     * Builds the pipeline of {@code preset} (so that a bad parameter or unknown segmenter fails before any work).
     *
     * @throws IllegalArgumentException for an unknown step, segmenter or bad parameter
     * @throws org.plaque.InvalidInputException when a resource is missing (no atlas)
     */
    public static Pipeline build(Preset preset, StepResources resources) {
        return CrossSectionalSteps.registry().pipeline(preset, resources);
    }

    /** Runs {@code pipeline} on {@code inputs} as subject {@code id}. */
    public static Result run(String id, SegmentationInputs inputs, Preset preset, Pipeline pipeline,
                             ExecutionContext ctx, PipelineListener listener) {
        long start = System.nanoTime();
        Subject out = pipeline.run(inputs.toSubject(id), ctx, listener);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new Result(inputs, preset, pipeline, out, ms, ctx.seed(), ctx.threads());
    }
}

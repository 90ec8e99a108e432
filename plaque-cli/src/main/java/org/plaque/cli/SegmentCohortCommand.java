package org.plaque.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plaque.dl.DlEngine;
import org.plaque.exec.ExecutionContext;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.cohort.CaseOutcome;
import org.plaque.pipeline.cohort.CaseProcessor;
import org.plaque.pipeline.cohort.CohortCase;
import org.plaque.pipeline.cohort.CohortDiscovery;
import org.plaque.pipeline.cohort.CohortResult;
import org.plaque.pipeline.cohort.CohortRunner;
import org.plaque.pipeline.cohort.CohortSummaries;
import org.plaque.pipeline.cohort.SegmentationCaseProcessor;
import org.plaque.pipeline.crosssectional.ModelReference;
import org.plaque.pipeline.crosssectional.SegmenterPresets;
import org.plaque.pipeline.preset.Preset;
import org.plaque.pipeline.step.DeepSegmentationStep;
import org.plaque.report.RunInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque segment-cohort}: {@code plaque segment} over every case of a BIDS folder or a CSV table. */
@Command(name = "segment-cohort", mixinStandardHelpOptions = true,
    description = {"Runs plaque segment on every case of a cohort, several at once, and summarises them.",
        "Input: a BIDS folder (sub-*/[ses-*/]anat/*_FLAIR.nii.gz, optional *_T1w, *_T2w; one case per subject and",
        "session) or a CSV with the columns subject, flair and optionally session, t1, t2 (relative paths are",
        "resolved against the CSV's folder).",
        "",
        "Writes OUT/sub-<subject>[_ses-<session>]/ (the files of plaque segment) per case, OUT/lesion_load.csv",
        "(subject, session, lesion_load_mm3, lesion_count, preset, status), OUT/failures.csv and OUT/index.html.",
        "A failing case leaves no folder and is listed with its error; the others go on (exit code 1 if any",
        "failed). Every case gets the same --seed, so its result does not depend on --jobs. See docs/PIPELINE.md."})
final class SegmentCohortCommand implements Callable<Integer> {
    /** Makes the per-case work from the parsed options; fails fast (before any case) on bad options. */
    @FunctionalInterface
    interface ProcessorFactory {
        CaseProcessor create(SegmentCohortCommand options);
    }

    @Option(names = "--input", required = true, paramLabel = "DIR|CSV",
        description = "BIDS folder or cohort CSV.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Result folder (created if needed; may be the BIDS folder's derivatives/plaque).")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
        description = "Cases computed at once (default: 1). Each gets --threads / N threads (at least 1) and its"
            + " own memory (up to ~3 GB for a 1 mm head).")
    int jobs;

    @Option(names = "--resume",
        description = "Keep cases whose folder already holds a complete result (valid report.json) made with the"
            + " same preset; compute the rest.")
    boolean resume;

    @Option(names = "--method", paramLabel = "M", defaultValue = "unsupervised",
        description = "Segmentation method, as for plaque segment: unsupervised (default), unet3d, unet2d, cascade.")
    String method;

    @Option(names = "--model", paramLabel = "DIR",
        description = "Model bundle for unet3d/unet2d/cascade, as for plaque segment (default: the shipped model,"
            + " on FLAIR + T1 + T2 when every case has them, else on FLAIR: one model for the whole cohort).")
    Path model;

    @Option(names = "--preset", paramLabel = "NAME",
        description = "Lesion-segmentation preset, as for plaque segment (default: the method's default).")
    String preset;

    @Option(names = "--skull-stripped",
        description = "The images are already skull-stripped (as for plaque segment).")
    boolean skullStripped;

    @Option(names = "--bspline", description = "Add a B-spline stage to the atlas registration (slower).")
    boolean bspline;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed of every case (default: 42).")
    Long seed;

    @Mixin
    AtlasOptions atlasOptions;

    @Mixin
    ThreadsOption threads;

    @Mixin
    InputOptions inputOptions;

    @Spec
    CommandSpec spec;

    private final ProcessorFactory processors;

    /**
     * The name results carry after {@link #checkOptions}: the lesion-segmentation preset (the default when none
     * is named), or the model's name.
     */
    private String presetName;

    /** The pipeline's steps after {@link #checkOptions}. */
    private Preset pipelinePreset;

    SegmentCohortCommand() {
        this(SegmentCohortCommand::pipeline);
    }

    /** A command whose cases are computed by what {@code processors} makes (tests use a stand-in). */
    SegmentCohortCommand(ProcessorFactory processors) {
        this.processors = processors;
    }

    @Override
    public Integer call() throws IOException {
        List<CohortCase> cases = CohortDiscovery.discover(input);
        checkOptions(cases);
        CaseProcessor processor = processors.create(this);
        PrintWriter err = spec.commandLine().getErr();
        CohortRunner.Options options = new CohortRunner.Options(jobs, threads.count(), seed(), resume, settings());
        CohortProgress progress = new CohortProgress(err, CohortProgress.stderrIsTerminal(), "segment-cohort: ",
            System::nanoTime);
        long start = System.nanoTime();
        CohortResult result = new CohortRunner(processor, options, progress).run(cases, out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%d cases: %d computed, %d kept (--resume), %d failed, in %.1f s%n",
            result.outcomes().size(), result.count(CaseOutcome.Status.OK), result.count(CaseOutcome.Status.RESUMED),
            result.count(CaseOutcome.Status.FAILED), (System.nanoTime() - start) / 1e9);
        stdout.printf(Locale.ROOT, "lesion loads: %s; index: %s%n", out.resolve(CohortSummaries.LESION_LOAD_CSV),
            out.resolve(CohortSummaries.INDEX_HTML));
        if (result.anyFailed()) {
            stdout.printf(Locale.ROOT, "failed cases and their errors: %s%n",
                out.resolve(CohortSummaries.FAILURES_CSV));
            return ExitCode.PROCESSING_FAILURE;
        }
        return ExitCode.OK;
    }

    /**
     * Plaque's cross-sectional pipeline with these options, as {@code plaque segment} runs it; loads the atlas
     * once (a missing or invalid atlas fails here, exit 3, before any case).
     */
    static CaseProcessor pipeline(SegmentCohortCommand o) {
        List<String> command = Invocation.of(o.spec);
        boolean needsAtlas = "unsupervised".equalsIgnoreCase(o.method) || !o.skullStripped;
        Optional<Atlas> atlas = needsAtlas ? Optional.of(o.atlasOptions.load()) : Optional.empty();
        DlEngine.useThreads(Math.max(1, o.threads.count() / o.jobs));
        return new SegmentationCaseProcessor(atlas, o.pipelinePreset, o.presetName, o.inputOptions.reader(),
            RunInfo.versions(PlaqueVersion.get()), command);
    }

    /** Usage errors found before any work (exit 2). */
    private void checkOptions(List<CohortCase> cases) {
        pipelinePreset = SegmentCommand.preset(spec, method, preset, model, commonChannels(cases), skullStripped,
            bspline, out);
        presetName = pipelinePreset.find(DeepSegmentationStep.NAME)
            .map(s -> ModelReference.open(String.valueOf(s.params().get("model"))).model().name())
            .orElseGet(() -> preset == null ? SegmenterPresets.defaultName() : preset);
        if (jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be >= 1, got " + jobs);
        }
        if (out.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out must not be the --input folder"
                + " (use e.g. " + input.resolve("derivatives").resolve("plaque") + ")");
        }
    }

    /** The images every case has, so that one shipped model serves the whole cohort and its numbers compare. */
    private static List<String> commonChannels(List<CohortCase> cases) {
        return SegmentCommand.channels(cases.stream().allMatch(c -> c.t1().isPresent()),
            cases.stream().allMatch(c -> c.t2().isPresent()));
    }

    long seed() {
        return seed == null ? ExecutionContext.DEFAULT_SEED : seed;
    }

    /** What index.html says about the run. */
    private Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("input", input.toAbsolutePath().normalize().toString());
        m.put("method", method);
        m.put("preset", presetName);
        m.put("skull-stripped", Boolean.toString(skullStripped));
        m.put("seed", Long.toString(seed()));
        m.put("jobs", jobs + " × " + Math.max(1, threads.count() / jobs) + " threads");
        m.put("plaque", PlaqueVersion.get());
        return m;
    }
}

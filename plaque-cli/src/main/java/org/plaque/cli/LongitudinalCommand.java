package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.ScalarVolume;
import org.plaque.io.OutputDirectory;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.dl.bundle.ModelBundle;
import org.plaque.dl.train.FilterModel;
import org.plaque.pipeline.longitudinal.CandidateFilter;
import org.plaque.pipeline.longitudinal.ChangeLabel;
import org.plaque.pipeline.longitudinal.CnnChangeFilter;
import org.plaque.pipeline.longitudinal.ChangeParams;
import org.plaque.pipeline.longitudinal.LongitudinalOutputs;
import org.plaque.pipeline.longitudinal.LongitudinalResult;
import org.plaque.pipeline.longitudinal.LongitudinalRun;
import org.plaque.report.RunInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque longitudinal}: lesion change (new, enlarging, shrinking, vanished) between two FLAIR visits. */
@Command(name = "longitudinal", mixinStandardHelpOptions = true,
    description = {"Detects lesion change between a baseline and a follow-up FLAIR of one subject.",
        "Steps: the cross-sectional pipeline on each visit (brain mask: atlas skull stripping, or the non-zero",
        "region with --skull-stripped; lesion mask of the default preset); N4; rigid then",
        "affine registration baseline -> follow-up; histogram matching; ratio > 1.15 both directions; opening;",
        "components; classical filter (or, with --method cnn --model MODEL, the CNN filter); evolution labels.",
        "See docs/LONGITUDINAL.md.",
        "",
        "Writes into DIR, on the follow-up grid: new_lesions_mask.nii.gz, change_mask.nii.gz,",
        "lesion_changes.nii.gz (1 new, 2 enlarging, 3 shrinking, 4 vanished), lesion_changes.csv, report.json,",
        "report.html and provenance.json — all or nothing."})
final class LongitudinalCommand implements Callable<Integer> {
    @Option(names = "--baseline", required = true, paramLabel = "F1", description = "Baseline FLAIR (NIfTI).")
    Path baseline;

    @Option(names = "--followup", required = true, paramLabel = "F2",
        description = "Follow-up FLAIR (NIfTI); its grid is the output grid.")
    Path followup;

    @Option(names = "--baseline-t1", paramLabel = "T",
        description = "Baseline T1 (NIfTI): registered to its FLAIR; a recorded cue, not used by the classical"
            + " filter (it did not help, docs/LONGITUDINAL.md).")
    Path baselineT1;

    @Option(names = "--followup-t1", paramLabel = "T", description = "Follow-up T1, as --baseline-t1.")
    Path followupT1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Result folder (created if needed).")
    Path out;

    @Option(names = "--method", paramLabel = "M", defaultValue = "classic",
        description = "classic (default) or cnn (the learned candidate filter; needs --model).")
    String method;

    @Option(names = "--model", paramLabel = "MODEL",
        description = "newlesion-filter model bundle (folder or zip) for --method cnn; train one with plaque train"
            + " --arch newlesion-filter.")
    Path model;

    @Option(names = "--skull-stripped",
        description = {"Both FLAIRs are already skull-stripped: each brain mask is the non-zero region.",
            "No atlas is used then unless --atlas names one: the lesion-mask cue comes from the default segmenter"
                + " with flat priors."})
    boolean skullStripped;

    @Option(names = "--space", paramLabel = "S", defaultValue = "followup",
        description = "followup (default): the baseline is resampled onto the follow-up grid; halfway: both into"
            + " the midpoint of the registration (half transform). Outputs are on the follow-up grid either way.")
    String space;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: 42).")
    Long seed;

    @Mixin
    AtlasOptions atlasOptions;

    @Mixin
    ThreadsOption threads;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        ChangeParams params = params(spec, space);
        ScalarVolume b = input.reader().readScalar(baseline);
        ScalarVolume f = input.reader().readScalar(followup);
        Optional<ScalarVolume> bT1 = baselineT1 == null ? Optional.empty()
            : Optional.of(input.reader().readScalar(baselineT1));
        Optional<ScalarVolume> fT1 = followupT1 == null ? Optional.empty()
            : Optional.of(input.reader().readScalar(followupT1));
        Optional<Atlas> atlas = atlas(atlasOptions, skullStripped);
        List<String> command = Invocation.of(spec);
        String started = Instant.now().toString();
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), ConsoleProgress.stderrIsTerminal(),
            "longitudinal: ");
        long start = System.nanoTime();
        LongitudinalResult r;
        Map<String, Object> filterInfo = new LinkedHashMap<>();
        try (ExecutionContext ctx = threads.context(seed == null ? ExecutionContext.DEFAULT_SEED : seed, progress);
             FilterModel filterModel = openFilter(spec, method, model)) {
            CandidateFilter filter = filter(filterModel, params, filterInfo);
            r = LongitudinalRun.run(new LongitudinalRun.Pair(SegmentCommand.subjectName(baseline), b,
                SegmentCommand.subjectName(followup), f, bT1, fT1), skullStripped, atlas, params, filter, ctx);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("baseline", baseline.toString());
        inputs.put("followup", followup.toString());
        inputs.putAll(LongitudinalRun.describe(skullStripped, atlas));
        if (baselineT1 != null) {
            inputs.put("baseline_t1", baselineT1.toString());
        }
        if (followupT1 != null) {
            inputs.put("followup_t1", followupT1.toString());
        }
        inputs.putAll(filterInfo);
        RunInfo run = new RunInfo(RunInfo.versions(PlaqueVersion.get()), command, started);
        try (OutputDirectory dir = OutputDirectory.open(out)) {
            LongitudinalOutputs.write(r, params, method.toLowerCase(Locale.ROOT), inputs, run, seconds, dir);
            dir.commit();
        }
        spec.commandLine().getOut().printf(Locale.ROOT,
            "%d new, %d enlarging, %d shrinking, %d vanished lesions (%.1f mm³ new); results in %s after %.1f s%n",
            r.count(ChangeLabel.NEW), r.count(ChangeLabel.ENLARGING), r.count(ChangeLabel.SHRINKING),
            r.count(ChangeLabel.VANISHED), r.volumeMm3(ChangeLabel.NEW), out, seconds);
        return ExitCode.OK;
    }

    /**
     * The atlas: the one named by --atlas; else, for input that is not skull-stripped, the installed default
     * (a missing one is a one-line error naming --skull-stripped). Skull-stripped input without --atlas uses
     * none, installed or not: the flat-prior lesion cue measured better than the atlas's on skull-stripped
     * pairs (docs/LONGITUDINAL.md), and results then do not depend on what is installed.
     */
    static Optional<Atlas> atlas(AtlasOptions options, boolean skullStripped) {
        if (options.atlas == null && skullStripped) {
            return Optional.empty();
        }
        try {
            return Optional.of(options.load());
        } catch (InvalidInputException e) {
            if (options.atlas != null) {
                throw e;
            }
            throw new InvalidInputException(e.getMessage() + "; or give --skull-stripped for skull-stripped"
                + " FLAIRs (no atlas needed then)");
        }
    }

    /** The detector settings for {@code --space}. */
    static ChangeParams params(CommandSpec spec, String space) {
        ChangeParams.AnalysisSpace s = switch (space.toLowerCase(Locale.ROOT)) {
            case "followup" -> ChangeParams.AnalysisSpace.FOLLOWUP;
            case "halfway" -> ChangeParams.AnalysisSpace.HALFWAY;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--space " + space
                + " is not known; spaces: followup, halfway");
        };
        return ChangeParams.DEFAULTS.withSpace(s);
    }

    /**
     * Checks --method and --model: classic (no --model) or cnn (with --model; no filter ships with Plaque, so
     * without one the line says how to train it).
     */
    static void checkMethod(CommandSpec spec, String method, Path model) {
        if ("cnn".equalsIgnoreCase(method)) {
            if (model == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--method cnn needs --model MODEL (no"
                    + " filter ships with Plaque; train one with: plaque train --arch newlesion-filter --data COHORT"
                    + " --out MODEL)");
            }
            return;
        }
        if (!"classic".equalsIgnoreCase(method)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method " + method
                + " is not available; methods: classic, cnn");
        }
        if (model != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model is only used with --method cnn");
        }
    }

    /** The filter model for --method cnn, or null for classic. */
    static FilterModel openFilter(CommandSpec spec, String method, Path model) {
        return "cnn".equalsIgnoreCase(method) ? FilterModel.open(ModelBundle.open(model)) : null;
    }

    /** The filter stage: classical rules, or the CNN (its settings added to {@code info}). */
    static CandidateFilter filter(FilterModel model, ChangeParams params, Map<String, Object> info) {
        if (model == null) {
            return CandidateFilter.classic(params);
        }
        CnnChangeFilter cnn = new CnnChangeFilter(model, params);
        info.putAll(cnn.describe());
        return cnn;
    }

    private void checkOptions() {
        checkMethod(spec, method, model);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--out " + out + " exists and is not a folder");
        }
    }
}

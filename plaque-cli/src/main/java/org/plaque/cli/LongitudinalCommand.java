package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.ScalarVolume;
import org.plaque.io.OutputDirectory;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.longitudinal.ChangeLabel;
import org.plaque.pipeline.longitudinal.ChangeParams;
import org.plaque.pipeline.longitudinal.LongitudinalChangeDetector;
import org.plaque.pipeline.longitudinal.LongitudinalOutputs;
import org.plaque.pipeline.longitudinal.LongitudinalResult;
import org.plaque.pipeline.longitudinal.VisitBrainMask;
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
        "components; classical filter; evolution labels. See docs/LONGITUDINAL.md.",
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

    @Option(names = "--baseline-t1", paramLabel = "T", description = "Baseline T1 (accepted, not used yet).")
    Path baselineT1;

    @Option(names = "--followup-t1", paramLabel = "T", description = "Follow-up T1 (accepted, not used yet).")
    Path followupT1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Result folder (created if needed).")
    Path out;

    @Option(names = "--method", paramLabel = "M", defaultValue = "classic",
        description = "classic (default); cnn comes with the deep-learning issue.")
    String method;

    @Option(names = "--skull-stripped",
        description = "Both FLAIRs are already skull-stripped: each brain mask is the non-zero region.")
    boolean skullStripped;

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
        ScalarVolume b = input.reader().readScalar(baseline);
        ScalarVolume f = input.reader().readScalar(followup);
        for (Path t1 : new Path[] {baselineT1, followupT1}) {
            if (t1 != null) {
                input.reader().readHeader(t1);
            }
        }
        Atlas atlas = atlasOptions.load();
        List<String> command = new ArrayList<>(List.of("plaque", "longitudinal"));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        String started = Instant.now().toString();
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), ConsoleProgress.stderrIsTerminal(),
            "longitudinal: ");
        long start = System.nanoTime();
        LongitudinalResult r;
        try (ExecutionContext ctx = threads.context(seed == null ? ExecutionContext.DEFAULT_SEED : seed, progress)) {
            VisitBrainMask.Segmented vb = VisitBrainMask.segment(SegmentCommand.subjectName(baseline), b,
                skullStripped, atlas, ctx);
            VisitBrainMask.Segmented vf = VisitBrainMask.segment(SegmentCommand.subjectName(followup), f,
                skullStripped, atlas, ctx);
            r = new LongitudinalChangeDetector(ChangeParams.DEFAULTS).detect(b, vb.brain(), vb.lesions(), f,
                vf.brain(), vf.lesions(), ctx);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("baseline", baseline.toString());
        inputs.put("followup", followup.toString());
        inputs.put("brain_mask", skullStripped ? "non-zero (--skull-stripped)" : "atlas skull stripping");
        inputs.put("cross_sectional", "default cross-sectional pipeline per visit (lesion-mask cue)");
        RunInfo run = new RunInfo(RunInfo.versions(PlaqueVersion.get()), command, started);
        try (OutputDirectory dir = OutputDirectory.open(out)) {
            LongitudinalOutputs.write(r, ChangeParams.DEFAULTS, "classic", inputs, run, seconds, dir);
            dir.commit();
        }
        spec.commandLine().getOut().printf(Locale.ROOT,
            "%d new, %d enlarging, %d shrinking, %d vanished lesions (%.1f mm³ new); results in %s after %.1f s%n",
            r.count(ChangeLabel.NEW), r.count(ChangeLabel.ENLARGING), r.count(ChangeLabel.SHRINKING),
            r.count(ChangeLabel.VANISHED), r.volumeMm3(ChangeLabel.NEW), out, seconds);
        return ExitCode.OK;
    }

    private void checkOptions() {
        if ("cnn".equalsIgnoreCase(method)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--method cnn is not available yet (it comes with the deep-learning issue); use --method classic");
        }
        if (!"classic".equalsIgnoreCase(method)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method " + method
                + " is not available; methods: classic");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--out " + out + " exists and is not a folder");
        }
    }
}

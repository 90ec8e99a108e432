package org.plaque.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plaque.dl.train.FilterModel;
import org.plaque.eval.EvaluationResult;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.AtomicFiles;
import org.plaque.io.OutputDirectory;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.longitudinal.ChangeParams;
import org.plaque.pipeline.longitudinal.LongitudinalCohort;
import org.plaque.pipeline.longitudinal.LongitudinalOutputs;
import org.plaque.pipeline.longitudinal.LongitudinalResult;
import org.plaque.pipeline.longitudinal.LongitudinalRun;
import org.plaque.report.RunInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plaque longitudinal-cohort}: {@code plaque longitudinal} over every subject of a two-session cohort
 * folder, with {@code cohort.csv} and, when references are present, {@code evaluation.csv}.
 */
@Command(name = "longitudinal-cohort", mixinStandardHelpOptions = true,
    description = {"Runs plaque longitudinal for every subject of a cohort folder with two visits per subject.",
        "Layouts: BIDS sub-X/ses-A/anat/sub-X_ses-A_FLAIR.nii.gz and sub-X/ses-B/... (first session = baseline;",
        "optional *_T1w, optional reference change mask sub-X/gt.nii.gz), or folders with study1_FLAIR.nii.gz",
        "(baseline) and study2_FLAIR.nii.gz (follow-up) and optional gt.nii.gz (Lesjak et al. 2016).",
        "",
        "Writes OUT/<subject>/ as plaque longitudinal does, OUT/cohort.csv (subject, new_lesion_count,",
        "new_lesion_volume_mm3, enlarging, shrinking, vanished, seconds, status, error) and, with references,",
        "OUT/evaluation.csv (per subject and pooled lesion TPR, false positives, lesion F1, Dice).",
        "A failing subject is reported in cohort.csv and the others go on; the exit code is then 1."})
final class LongitudinalCohortCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Cohort folder.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Result folder (created if needed).")
    Path out;

    @Option(names = "--method", paramLabel = "M", defaultValue = "classic",
        description = "classic (default) or cnn (needs --model), as for plaque longitudinal.")
    String method;

    @Option(names = "--model", paramLabel = "MODEL",
        description = "newlesion-filter model bundle for --method cnn.")
    Path model;

    @Option(names = "--skull-stripped",
        description = "The FLAIRs are skull-stripped: brain masks are the non-zero regions; no atlas is used"
            + " unless --atlas names one.")
    boolean skullStripped;

    @Option(names = "--space", paramLabel = "S", defaultValue = "followup",
        description = "followup (default) or halfway, as for plaque longitudinal.")
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
        LongitudinalCommand.checkMethod(spec, method, model);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--out " + out + " exists and is not a folder");
        }
        ChangeParams params = LongitudinalCommand.params(spec, space);
        List<LongitudinalCohort.Subject> subjects = LongitudinalCohort.discover(data);
        Optional<Atlas> atlas = LongitudinalCommand.atlas(atlasOptions, skullStripped);
        List<String> command = Invocation.of(spec);
        RunInfo run = new RunInfo(RunInfo.versions(PlaqueVersion.get()), command, Instant.now().toString());
        Files.createDirectories(out);
        List<LongitudinalCohort.Row> rows = new ArrayList<>();
        try (FilterModel filterModel = LongitudinalCommand.openFilter(spec, method, model)) {
            runAll(subjects, atlas, params, run, filterModel, rows);
        }
        write(out.resolve(LongitudinalCohort.COHORT_CSV), LongitudinalCohort.cohortCsv(rows));
        String evaluation = LongitudinalCohort.evaluationCsv(rows);
        if (!evaluation.isEmpty()) {
            write(out.resolve(LongitudinalCohort.EVALUATION_CSV), evaluation);
        }
        long failed = rows.stream().filter(LongitudinalCohort.Row::failed).count();
        spec.commandLine().getOut().printf(Locale.ROOT, "%d subjects, %d failed; results in %s%n", rows.size(), failed,
            out);
        return failed == 0 ? ExitCode.OK : ExitCode.PROCESSING_FAILURE;
    }

    private void runAll(List<LongitudinalCohort.Subject> subjects, Optional<Atlas> atlas, ChangeParams params,
                        RunInfo run, FilterModel filterModel, List<LongitudinalCohort.Row> rows) {
        var err = spec.commandLine().getErr();
        int index = 0;
        for (LongitudinalCohort.Subject s : subjects) {
            index++;
            long start = System.nanoTime();
            LongitudinalCohort.Row row;
            try {
                if (!s.error().isEmpty()) {
                    throw new org.plaque.InvalidInputException(s.id() + ": " + s.error());
                }
                row = runSubject(s, atlas, params, run, filterModel);
            } catch (RuntimeException | IOException | OutOfMemoryError e) {
                row = new LongitudinalCohort.Row(s.id(), Optional.empty(), (System.nanoTime() - start) / 1e9,
                    LongitudinalCohort.describe(e), Optional.empty());
            }
            rows.add(row);
            err.printf(Locale.ROOT, "[%d/%d] %s %s (%.1f s)%s%n", index, subjects.size(), s.id(),
                row.failed() ? "failed" : "done", row.seconds(), row.failed() ? ": " + row.error() : "");
            err.flush();
        }
    }

    private LongitudinalCohort.Row runSubject(LongitudinalCohort.Subject s, Optional<Atlas> atlas, ChangeParams params,
                                              RunInfo run, FilterModel filterModel) throws IOException {
        ScalarVolume b = input.reader().readScalar(s.baseline());
        ScalarVolume f = input.reader().readScalar(s.followup());
        Optional<ScalarVolume> bT1 = s.baselineT1().isPresent()
            ? Optional.of(input.reader().readScalar(s.baselineT1().get())) : Optional.empty();
        Optional<ScalarVolume> fT1 = s.followupT1().isPresent()
            ? Optional.of(input.reader().readScalar(s.followupT1().get())) : Optional.empty();
        Optional<Mask> reference = s.reference().isPresent()
            ? Optional.of(input.reader().readMask(s.reference().get())) : Optional.empty();
        long start = System.nanoTime();
        LongitudinalResult r;
        Optional<EvaluationResult> evaluation;
        Map<String, Object> filterInfo = new LinkedHashMap<>();
        try (ExecutionContext ctx = threads.context(seed == null ? ExecutionContext.DEFAULT_SEED : seed,
            org.plaque.exec.ProgressListener.NONE)) {
            r = LongitudinalRun.run(new LongitudinalRun.Pair(s.id() + "/baseline", b, s.id() + "/followup", f, bT1,
                fT1),
                skullStripped, atlas, params, LongitudinalCommand.filter(filterModel, params, filterInfo), ctx);
            evaluation = reference.map(m -> LongitudinalCohort.evaluate(s, r.changeMask(), m, ctx));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("baseline", s.baseline().toString());
        inputs.put("followup", s.followup().toString());
        s.baselineT1().ifPresent(t -> inputs.put("baseline_t1", t.toString()));
        s.followupT1().ifPresent(t -> inputs.put("followup_t1", t.toString()));
        inputs.putAll(LongitudinalRun.describe(skullStripped, atlas));
        inputs.putAll(filterInfo);
        try (OutputDirectory dir = OutputDirectory.open(out.resolve(s.id()))) {
            LongitudinalOutputs.write(r, params, method.toLowerCase(Locale.ROOT), inputs, run, seconds, dir);
            dir.commit();
        }
        return new LongitudinalCohort.Row(s.id(), Optional.of(LongitudinalCohort.Counts.of(r)), seconds, "",
            evaluation);
    }

    private static void write(Path file, String text) throws IOException {
        AtomicFiles.write(file, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}

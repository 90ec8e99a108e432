package org.plaque.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.plaque.eval.EmptyPolicy;
import org.plaque.eval.LesionWiseRule;
import org.plaque.exec.ExecutionContext;
import org.plaque.io.OutputDirectory;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.pipeline.cohort.CaseKey;
import org.plaque.pipeline.cohort.CaseMasks;
import org.plaque.pipeline.cohort.CohortEvaluation;
import org.plaque.pipeline.cohort.EvaluationTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque evaluate-cohort}: EVALUATION.md's per-case and cohort table for a folder of predicted masks. */
@Command(name = "evaluate-cohort", mixinStandardHelpOptions = true,
    description = {"Scores predicted lesion masks against reference masks, case by case, and over the cohort.",
        "Masks are paired by case: a folder holds case folders with a mask file (--pred-name/--truth-name; a",
        "segment-cohort output folder as it is) or mask files named by case (sub-01_ses-02.nii.gz, patient07.nii.gz);",
        "a CSV has the columns subject, optionally session, and pred or truth. sub-X and X name the same subject.",
        "Figures per case: Dice, IoU, precision, recall, specificity, volumes and volume difference, Hausdorff, HD95,",
        "ASSD (mm), and the MSSEG lesion-wise rule (6-connectivity, lesions > 3 mm³, α 0.10, β 0.70, γ 0.65).",
        "",
        "Prints a table with mean, median and the Pearson correlation of predicted vs reference lesion volume; with",
        "--out writes DIR/evaluation.csv (every figure per case, then mean, median, count, pearson_r rows),",
        "DIR/evaluation.json and DIR/cases/<case>.json. Cases without a partner are listed and not scored; if",
        "none pair the exit code is 3; if a pair cannot be scored (e.g. different grids) it is listed and the",
        "exit code is 1."})
final class EvaluateCohortCommand implements Callable<Integer> {
    @Option(names = "--pred", required = true, paramLabel = "DIR|CSV", description = "Predicted masks.")
    Path pred;

    @Option(names = "--truth", required = true, paramLabel = "DIR|CSV", description = "Reference masks.")
    Path truth;

    @Option(names = "--pred-name", paramLabel = "NAME", defaultValue = CaseMasks.DEFAULT_FILE_NAME,
        description = "Mask file in each case folder of --pred (default: ${DEFAULT-VALUE}).")
    String predName;

    @Option(names = "--truth-name", paramLabel = "NAME", defaultValue = CaseMasks.DEFAULT_FILE_NAME,
        description = "Mask file in each case folder of --truth (default: ${DEFAULT-VALUE}), e.g."
            + " GOLD_STANDARD_MNI.nii.gz.")
    String truthName;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for evaluation.csv, evaluation.json, cases/.")
    Path out;

    @Option(names = "--json", description = "Print the cohort JSON instead of the table.")
    boolean json;

    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--out " + out + " exists and is not a folder");
        }
        SortedMap<CaseKey, Path> predicted = CaseMasks.discover(pred, predName, "pred");
        SortedMap<CaseKey, Path> reference = CaseMasks.discover(truth, truthName, "truth");
        PrintWriter err = spec.commandLine().getErr();
        CohortEvaluation.Result r;
        try (ExecutionContext ctx = threads.context()) {
            r = CohortEvaluation.evaluate(pred, predicted, truth, reference, LesionWiseRule.MSSEG, EmptyPolicy.DEFAULT,
                NiftiReader.withDefaults(), ctx, (done, all) -> {
                    err.printf(Locale.ROOT, "evaluate-cohort: %d/%d cases%n", done, all);
                    err.flush();
                });
        }
        if (out != null) {
            try (OutputDirectory dir = OutputDirectory.open(out)) {
                EvaluationTable.write(r, dir);
                dir.commit();
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(Json.write(EvaluationTable.cohortJson(r)));
        } else {
            stdout.print(EvaluationTable.text(r));
            if (out != null) {
                stdout.println("Written: " + out.resolve(EvaluationTable.CSV) + ", " + out.resolve(EvaluationTable.JSON)
                    + ", " + out.resolve(EvaluationTable.CASES) + "/");
            }
        }
        if (!r.predOnly().isEmpty() || !r.truthOnly().isEmpty()) {
            err.printf(Locale.ROOT, "evaluate-cohort: %d predictions without a reference, %d references without a"
                + " prediction (not scored; listed above / in %s)%n", r.predOnly().size(), r.truthOnly().size(),
                EvaluationTable.JSON);
        }
        if (!r.failures().isEmpty()) {
            for (CohortEvaluation.CaseFailure f : r.failures()) {
                err.println("evaluate-cohort: " + f.key().id() + " not scored: " + f.error());
            }
            err.flush();
            return ExitCode.PROCESSING_FAILURE;
        }
        err.flush();
        return ExitCode.OK;
    }
}

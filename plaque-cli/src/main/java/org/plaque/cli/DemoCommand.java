package org.plaque.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plaque.eval.EvaluationResult;
import org.plaque.eval.LesionWiseRule;
import org.plaque.eval.SegmentationEvaluation;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.Volume;
import org.plaque.io.AtomicFiles;
import org.plaque.io.OutputDirectory;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.crosssectional.CrossSectionalPreset;
import org.plaque.pipeline.crosssectional.SegmentationInputs;
import org.plaque.pipeline.crosssectional.SegmenterPresets;
import org.plaque.report.SegmentationOutputs;
import org.plaque.report.SegmentationReport;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomAtlas;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code plaque demo}: the main job on a fresh machine, without data or an installed atlas — generate the
 * synthetic head and its atlas, segment it with the default preset, score the result against the known lesions.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the main job on the built-in synthetic head and scores it against the truth.",
        "Runs Plaque's main job on its built-in synthetic head: writes the phantom (FLAIR, T1, T2, the true",
        "lesion and brain masks) and its atlas into DIR/phantom, runs plaque segment on it with the default preset",
        "and the phantom's atlas (skull stripping included) into DIR/segment, scores the lesion mask against the",
        "truth (Dice, lesion-wise F1 with the MSSEG rule) and writes DIR/demo.json. Needs no data and no installed",
        "atlas. Without --out, DIR is a new folder under the system's temporary folder."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the phantom, the results and demo.json.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the phantom and the pipeline (default: 42).")
    Long seed;

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
        String preset = SegmenterPresets.defaultName();
        long s = seed == null ? PhantomParams.DEFAULTS.seed() : seed;
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        Path dir = out != null ? out : Files.createTempDirectory("plaque-demo-");
        Files.createDirectories(dir);

        PhantomCase c;
        try (ExecutionContext ctx = ExecutionContext.of(threads.count(), s, (stage, f) -> { })) {
            c = HeadPhantom.generate(PhantomParams.DEFAULTS.withSeed(s), ctx);
        }
        Path phantom = dir.resolve("phantom");
        writePhantom(c, phantom);
        double generateS = (System.nanoTime() - start) / 1e9;
        err.printf(Locale.ROOT, "demo: phantom written to %s (%.1f s)%n", phantom, generateS);
        err.flush();

        SegmentationInputs inputs = SegmentationInputs.read(phantom.resolve("flair.nii.gz"),
            phantom.resolve("t1.nii.gz"), phantom.resolve("t2.nii.gz"), NiftiReader.withDefaults());
        Atlas atlas = Atlas.load(phantom.resolve("atlas"));
        Path results = dir.resolve("segment");
        SegmentationReport report = SegmentRunner.run("phantom/flair", inputs, Optional.of(atlas),
            CrossSectionalPreset.of(new CrossSectionalPreset.Options(preset, false, false)), threads.count(), s,
            results, err, "demo: ", List.of("plaque", "demo"));

        Mask predicted = NiftiReader.withDefaults().readMask(results.resolve(SegmentationOutputs.LESION_MASK));
        EvaluationResult e;
        try (ExecutionContext ctx = ExecutionContext.of(threads.count(), s, (stage, f) -> { })) {
            e = SegmentationEvaluation.evaluate(predicted, c.lesionMask(), LesionWiseRule.MSSEG, ctx);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dice", Json.number(e.dice()));
        json.put("lesion_f1", Json.number(e.lesionF1()));
        json.put("lesion_load_mm3", report.lesionLoadMm3());
        json.put("truth_lesion_load_mm3", c.lesionMask().volumeMm3());
        json.put("lesion_count", report.lesionCount());
        json.put("truth_lesion_count", c.lesions().size());
        json.put("lesion_tpr", Json.number(e.lesionTpr()));
        json.put("lesion_ppv", Json.number(e.lesionPpv()));
        json.put("volume_difference_pct", Json.number(e.volumeDifferencePct()));
        json.put("preset", preset);
        json.put("seed", s);
        json.put("threads", threads.count());
        json.put("seconds", seconds);
        json.put("phantom", phantom.toString());
        json.put("results", results.toString());
        json.put("report", results.resolve(SegmentationOutputs.REPORT_HTML).toString());
        byte[] bytes = (Json.write(json) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("demo.json"), o -> o.write(bytes));

        stdout.printf(Locale.ROOT, "lesion load %.1f mm³ (truth %.1f mm³), %d lesions (truth %d)%n",
            report.lesionLoadMm3(), c.lesionMask().volumeMm3(), report.lesionCount(), c.lesions().size());
        stdout.printf(Locale.ROOT, "Dice %.3f, lesion F1 %.3f (preset %s, %.1f s)%n", e.dice(), e.lesionF1(), preset,
            seconds);
        stdout.printf(Locale.ROOT, "report: %s%n", results.resolve(SegmentationOutputs.REPORT_HTML));
        return ExitCode.OK;
    }

    private static void writePhantom(PhantomCase c, Path dir) throws IOException {
        try (OutputDirectory o = OutputDirectory.open(dir)) {
            nifti(o, "flair.nii.gz", c.flair());
            nifti(o, "t1.nii.gz", c.t1());
            nifti(o, "t2.nii.gz", c.t2());
            nifti(o, "lesion_mask.nii.gz", c.lesionMask());
            nifti(o, "brain_mask.nii.gz", c.brainMask());
            PhantomAtlas a = c.atlas();
            nifti(o, "atlas/t1.nii.gz", a.t1());
            nifti(o, "atlas/wm.nii.gz", a.wm());
            nifti(o, "atlas/gm.nii.gz", a.gm());
            nifti(o, "atlas/csf.nii.gz", a.csf());
            nifti(o, "atlas/brain_mask.nii.gz", a.brainMask());
            o.commit();
        }
    }

    private static void nifti(OutputDirectory o, String name, Volume v) throws IOException {
        NiftiWriter.write(v, o.track(name));
    }
}

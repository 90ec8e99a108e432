package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plaque.exec.ExecutionContext;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.crosssectional.CrossSectionalPreset;
import org.plaque.pipeline.crosssectional.SegmentationInputs;
import org.plaque.pipeline.crosssectional.SegmenterPresets;
import org.plaque.report.SegmentationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque segment}: MS lesions of one subject, with lesion load, lesion table and a report. */
@Command(name = "segment", mixinStandardHelpOptions = true,
    description = {"Segments multiple-sclerosis lesions in a FLAIR (optionally with T1/T2) and measures them.",
        "Steps: reorient; T1/T2 → FLAIR rigid registration when their grids differ; anisotropic diffusion; N4;",
        "skull stripping (atlas-based; the non-zero region with --skull-stripped); atlas → subject registration",
        "(rigid, affine); lesion segmentation (--preset); lesion table (6-connectivity). See docs/PIPELINE.md.",
        "",
        "Writes into DIR: lesion_mask.nii.gz, lesion_labels.nii.gz and lesion_probability.nii.gz (when the method",
        "yields one) on the input FLAIR's grid, lesions.csv, report.json, report.html, overlay_*.png and",
        "provenance.json — all or nothing."})
final class SegmentCommand implements Callable<Integer> {
    @Option(names = "--flair", required = true, paramLabel = "F", description = "FLAIR image (NIfTI).")
    Path flair;

    @Option(names = "--t1", paramLabel = "T", description = "T1-weighted image of the same head (optional).")
    Path t1;

    @Option(names = "--t2", paramLabel = "T2", description = "T2-weighted image of the same head (optional).")
    Path t2;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Result folder (created if needed).")
    Path out;

    @Option(names = "--method", paramLabel = "M", defaultValue = "unsupervised",
        description = "Segmentation method: unsupervised (default; the only one so far).")
    String method;

    @Option(names = "--preset", paramLabel = "NAME",
        description = "Lesion-segmentation preset of the method (default: the method's default).")
    String preset;

    @Option(names = "--skull-stripped",
        description = "The images are already skull-stripped: the brain mask is the FLAIR's non-zero region.")
    boolean skullStripped;

    @Option(names = "--bspline", description = "Add a B-spline stage to the atlas registration (slower).")
    boolean bspline;

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
        String presetName = checkOptions(spec, method, preset, out);
        SegmentationInputs inputs = SegmentationInputs.read(flair, t1, t2, input.reader());
        Atlas atlas = atlasOptions.load();
        List<String> command = new ArrayList<>(List.of("plaque", "segment"));
        command.addAll(spec.commandLine().getParseResult().originalArgs());
        long start = System.nanoTime();
        SegmentationReport report = SegmentRunner.run(subjectName(flair), inputs, atlas,
            new CrossSectionalPreset.Options(presetName, skullStripped, bspline), threads.count(),
            seed == null ? ExecutionContext.DEFAULT_SEED : seed, out, spec.commandLine().getErr(), "segment: ",
            command);
        spec.commandLine().getOut().printf(Locale.ROOT,
            "lesion load %.1f mm³ in %d lesions (preset %s); results in %s (report.html) after %.1f s%n",
            report.lesionLoadMm3(), report.lesionCount(), presetName, out, (System.nanoTime() - start) / 1e9);
        return ExitCode.OK;
    }

    /**
     * Checks the method, the preset and the output folder before any work.
     *
     * @return the preset name to use
     */
    static String checkOptions(CommandSpec spec, String method, String preset, Path out) {
        if (!"unsupervised".equalsIgnoreCase(method)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--method " + method
                + " is not available; methods: unsupervised");
        }
        String name = preset == null ? SegmenterPresets.defaultName() : preset;
        if (SegmenterPresets.byName(name).isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --preset " + name + "; presets: "
                + String.join(", ", SegmenterPresets.names()));
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--out " + out + " exists and is not a folder");
        }
        return name;
    }

    /** "folder/name" of the file without its NIfTI extension (scans are often all called FLAIR.nii.gz). */
    static String subjectName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String n = abs.getFileName() == null ? "subject" : abs.getFileName().toString();
        for (String ext : new String[] {".nii.gz", ".nii"}) {
            if (n.endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
                break;
            }
        }
        Path parent = abs.getParent();
        return parent == null || parent.getFileName() == null ? n : parent.getFileName() + "/" + n;
    }
}

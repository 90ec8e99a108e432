package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Volume;
import org.plaque.io.OutputDirectory;
import org.plaque.io.itk.ItkTransformFile;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.pipeline.Pipeline;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.crosssectional.CrossSectionalPipeline;
import org.plaque.pipeline.crosssectional.CrossSectionalPreset;
import org.plaque.pipeline.crosssectional.SegmenterPresets;
import org.plaque.pipeline.preset.Preset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque atlas-to-subject}: the atlas registered to a subject and warped onto its grid. */
@Command(name = "atlas-to-subject", mixinStandardHelpOptions = true,
    description = {"Registers the atlas to a subject image and warps its maps onto the subject's grid.",
        "Registers the atlas T1 template to a subject image (rigid then affine, Mattes mutual information)",
        "and warps the atlas onto the subject's grid: writes atlas_t1.nii.gz, wm.nii.gz, gm.nii.gz, csf.nii.gz",
        "(trilinear) and brain_mask.nii.gz (nearest neighbour) on the subject's grid, and transform.txt (ITK",
        "format; maps subject points to atlas points, as plaque apply-transform expects). The same step as in",
        "plaque segment."})
final class AtlasToSubjectCommand implements Callable<Integer> {
    @Option(names = "--subject", required = true, paramLabel = "IMG", description = "Subject image (any contrast).")
    Path subject;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Result folder (created if needed).")
    Path out;

    @Option(names = "--stages", paramLabel = "S[,S…]", split = ",", defaultValue = "rigid,affine",
        description = "Registration stages in order: rigid, affine, bspline (default: rigid,affine).")
    List<String> stages;

    @Option(names = "--skull-stripped",
        description = "The subject is skull-stripped: register inside its non-zero region against the atlas brain.")
    boolean skullStripped;

    @Option(names = "--seed", paramLabel = "S",
        description = "Random seed of the registration's sampling (default: 42).")
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
        requireFolder(spec, out);
        Preset preset = CrossSectionalPreset.atlasToSubject(RegistrationStages.check(spec, stages), skullStripped);
        var image = input.reader().readScalar(subject);
        Atlas atlas = atlasOptions.load();
        Pipeline pipeline = CrossSectionalPipeline.build(preset, SegmenterPresets.resources(Optional.of(atlas)));
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), ConsoleProgress.stderrIsTerminal(),
            "atlas-to-subject: ");
        long start = System.nanoTime();
        Subject s;
        try (ExecutionContext ctx = threads.context(seed == null ? ExecutionContext.DEFAULT_SEED : seed, progress)) {
            s = pipeline.run(Subject.of(SegmentCommand.subjectName(subject), image), ctx, progress);
        }
        try (OutputDirectory dir = OutputDirectory.open(out)) {
            write(dir, "atlas_t1.nii.gz", s.require(SubjectKeys.ATLAS_T1));
            write(dir, "wm.nii.gz", s.require(SubjectKeys.WM));
            write(dir, "gm.nii.gz", s.require(SubjectKeys.GM));
            write(dir, "csf.nii.gz", s.require(SubjectKeys.CSF));
            write(dir, "brain_mask.nii.gz", s.require(SubjectKeys.ATLAS_BRAIN_MASK));
            ItkTransformFile.write(s.require(SubjectKeys.SUBJECT_TO_ATLAS), dir.track("transform.txt"));
            dir.commit();
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "atlas warped onto %s: %s (%.1f s)%n", subject, out,
            (System.nanoTime() - start) / 1e9);
        return ExitCode.OK;
    }

    private static void write(OutputDirectory dir, String name, Volume v) throws IOException {
        NiftiWriter.write(v, dir.track(name));
    }

    static void requireFolder(CommandSpec spec, Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--out " + out + " exists and is not a folder");
        }
    }

    /** Checks --stages values. */
    static final class RegistrationStages {
        private RegistrationStages() {
        }

        static List<String> check(CommandSpec spec, List<String> stages) {
            List<String> out = new ArrayList<>();
            for (String s : stages) {
                String v = s.strip().toLowerCase(Locale.ROOT);
                if (!List.of("rigid", "affine", "bspline").contains(v)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--stages: unknown stage '" + s
                        + "' (rigid, affine, bspline)");
                }
                out.add(v);
            }
            return out;
        }
    }
}

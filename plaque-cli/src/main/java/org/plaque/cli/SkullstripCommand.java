package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.pipeline.Pipeline;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.crosssectional.CrossSectionalPipeline;
import org.plaque.pipeline.crosssectional.CrossSectionalPreset;
import org.plaque.pipeline.crosssectional.SegmenterPresets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque skullstrip}: a brain mask for a raw head image. */
@Command(name = "skullstrip", mixinStandardHelpOptions = true,
    description = {"Writes a brain mask for a raw head image.",
        "Writes a brain mask for a raw head image (FLAIR, T1 or T2): N4, atlas T1 registered to the image",
        "(rigid then affine, mutual information), the atlas brain mask warped onto it and refined by the image's",
        "intensities (see docs/PIPELINE.md). The same step as in plaque segment. MASK is uint8 on IN's grid."})
final class SkullstripCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Head image (NIfTI).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "MASK", description = "Brain mask, .nii or .nii.gz.")
    Path out;

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
        OutputPaths.requireNifti(spec, out);
        var image = input.reader().readScalar(in);
        Atlas atlas = atlasOptions.load();
        Pipeline pipeline = CrossSectionalPipeline.build(CrossSectionalPreset.skullStrip(List.of("rigid", "affine")),
            SegmenterPresets.resources(Optional.of(atlas)));
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), ConsoleProgress.stderrIsTerminal(),
            "skullstrip: ");
        long start = System.nanoTime();
        Subject s;
        try (ExecutionContext ctx = threads.context(seed == null ? ExecutionContext.DEFAULT_SEED : seed, progress)) {
            s = pipeline.run(Subject.of(SegmentCommand.subjectName(in), image), ctx, progress);
        }
        Mask brain = s.require(SubjectKeys.BRAIN_MASK);
        NiftiOutputs.write(brain, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "brain mask %s: %.0f mL (%.1f s)%n", out,
            brain.volumeMm3() / 1000, (System.nanoTime() - start) / 1e9);
        return ExitCode.OK;
    }
}

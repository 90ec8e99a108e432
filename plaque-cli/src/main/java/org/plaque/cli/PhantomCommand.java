package org.plaque.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.plaque.image.Volume;
import org.plaque.io.OutputDirectory;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomAtlas;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomLesion;
import org.plaque.testkit.phantom.PhantomParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque phantom}: writes a seeded synthetic head with known lesions and a matching atlas. */
@Command(name = "phantom", mixinStandardHelpOptions = true,
    description = {"Writes a synthetic head with known lesions and a matching atlas.",
        "Writes a seeded synthetic head (FLAIR, T1, T2) with known MS-like lesions, its ground-truth",
        "lesion and brain masks, phantom.json (lesion list, mis-positioning transform) and a matching atlas",
        "(atlas/t1, wm, gm, csf probability maps, brain_mask) in its standard space."})
final class PhantomCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: the phantom default).")
    Long seed;

    @Option(names = "--bias", description = "Apply a smooth multiplicative bias field (written as bias_field.nii.gz).")
    boolean bias;

    @Option(names = "--noise", paramLabel = "SIGMA",
        description = "Rician noise sigma as a fraction of white-matter FLAIR intensity (default: the phantom default).")
    Double noise;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PhantomParams params = PhantomParams.DEFAULTS.withBias(bias);
        if (seed != null) {
            params = params.withSeed(seed);
        }
        if (noise != null) {
            if (!(noise >= 0) || !Double.isFinite(noise)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--noise must be a finite number >= 0");
            }
            params = params.withNoise(noise);
        }
        PhantomCase c = HeadPhantom.generate(params);
        try (OutputDirectory dir = OutputDirectory.open(out)) {
            writeNifti(dir, "flair.nii.gz", c.flair());
            writeNifti(dir, "t1.nii.gz", c.t1());
            writeNifti(dir, "t2.nii.gz", c.t2());
            writeNifti(dir, "lesion_mask.nii.gz", c.lesionMask());
            writeNifti(dir, "brain_mask.nii.gz", c.brainMask());
            if (c.biasField() != null) {
                writeNifti(dir, "bias_field.nii.gz", c.biasField());
            }
            PhantomAtlas a = c.atlas();
            writeNifti(dir, "atlas/t1.nii.gz", a.t1());
            writeNifti(dir, "atlas/wm.nii.gz", a.wm());
            writeNifti(dir, "atlas/gm.nii.gz", a.gm());
            writeNifti(dir, "atlas/csf.nii.gz", a.csf());
            writeNifti(dir, "atlas/brain_mask.nii.gz", a.brainMask());
            byte[] json = (Json.write(describe(c)) + "\n").getBytes(StandardCharsets.UTF_8);
            dir.write("phantom.json", o -> o.write(json));
            dir.commit();
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "phantom written to %s: %d lesions, %.1f mm³%n", out,
            c.lesions().size(), c.lesionMask().volumeMm3());
        return ExitCode.OK;
    }

    private static void writeNifti(OutputDirectory dir, String name, Volume v) throws IOException {
        NiftiWriter.write(v, dir.track(name));
    }

    private static Map<String, Object> describe(PhantomCase c) {
        PhantomParams p = c.params();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("seed", p.seed());
        params.put("spacing_mm", p.spacingMm());
        params.put("bias_field", p.biasField());
        params.put("noise_sigma", p.noiseSigma());
        params.put("lesion_count", p.lesionCount());
        params.put("misposition", p.misposition());
        List<Map<String, Object>> lesions = new ArrayList<>();
        for (PhantomLesion l : c.lesions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("site", l.site().name().toLowerCase(Locale.ROOT));
            m.put("centre_mm", InfoCommand.toList(l.centreMm()));
            m.put("semi_axes_mm", InfoCommand.toList(l.semiAxesMm()));
            m.put("voxels", l.voxels());
            m.put("volume_mm3", l.volumeMm3());
            lesions.add(m);
        }
        List<List<Double>> transform = new ArrayList<>();
        for (double[] row : c.subjectToAtlas().toArray()) {
            transform.add(InfoCommand.toList(row));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generator", "Plaque " + PlaqueVersion.get() + " HeadPhantom");
        out.put("parameters", params);
        out.put("lesion_load_mm3", c.lesionMask().volumeMm3());
        out.put("lesion_count", c.lesions().size());
        out.put("lesions", lesions);
        out.put("subject_to_atlas", transform);
        out.put("world", "RAS+ mm");
        return out;
    }
}

package org.plaque.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Orientation;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque info}: grid, orientation, datatype and intensity range of an image. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Shows an image's grid (size, spacing, RAS+ affine, orientation), datatype and intensity range.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A NIfTI-1/2 file (.nii or .nii.gz).")
    Path file;

    @Option(names = "--json", description = "Print JSON (keys: dims, spacing_mm, affine, orientation, datatype, min, max, mean).")
    boolean json;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        NiftiImage image = input.reader().read(file);
        ScalarVolume v = image.volume();
        ImageGeometry g = v.geometry();
        ScalarVolume.Statistics s = v.statistics();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        out.put("nifti_version", image.header().version());
        out.put("dims", List.of(g.nx(), g.ny(), g.nz()));
        out.put("volumes", image.header().volumeCount());
        out.put("spacing_mm", toList(g.spacingMm()));
        List<List<Double>> affine = new ArrayList<>();
        for (double[] row : g.voxelToWorld().toArray()) {
            affine.add(toList(row));
        }
        out.put("affine", affine);
        out.put("orientation", Orientation.axisCodes(g.voxelToWorld()));
        out.put("datatype", image.header().dataType().label());
        out.put("min", Json.number(s.min()));
        out.put("max", Json.number(s.max()));
        out.put("mean", Json.number(s.mean()));
        out.put("nonfinite_replaced", image.nonFiniteReplaced());
        if (json) {
            spec.commandLine().getOut().println(Json.write(out));
        } else {
            printText(out);
        }
        return ExitCode.OK;
    }

    private void printText(Map<String, Object> out) {
        var w = spec.commandLine().getOut();
        for (Map.Entry<String, Object> e : out.entrySet()) {
            if (e.getKey().equals("affine")) {
                w.println("affine (RAS+ mm):");
                @SuppressWarnings("unchecked")
                List<List<Double>> rows = (List<List<Double>>) e.getValue();
                for (List<Double> row : rows) {
                    StringBuilder sb = new StringBuilder("  ");
                    for (double d : row) {
                        sb.append(String.format(Locale.ROOT, "%12.6f", d));
                    }
                    w.println(sb);
                }
            } else {
                w.printf(Locale.ROOT, "%-19s %s%n", e.getKey() + ":", e.getValue());
            }
        }
    }

    static List<Double> toList(double[] values) {
        List<Double> l = new ArrayList<>(values.length);
        for (double d : values) {
            l.add(d);
        }
        return l;
    }
}

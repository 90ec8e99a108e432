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
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;
import org.plaque.io.AtomicFiles;
import org.plaque.lesion.Lesion;
import org.plaque.lesion.LesionTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque lesions}: the lesions (connected components) of a binary mask with their volumes. */
@Command(name = "lesions", mixinStandardHelpOptions = true,
    description = {"Lists the lesions of a binary mask with their volumes and centroids.",
        "Lesions are connected components of the voxels > 0.5, with voxel count, volume (mm³) and",
        "centroid (RAS+ mm), largest first."})
final class LesionsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MASK", description = "A lesion mask (NIfTI); voxels > 0.5 are lesion.")
    Path maskFile;

    @Option(names = "--connectivity", paramLabel = "6|18|26", defaultValue = "6",
        description = "Neighbourhood that joins voxels into one lesion (default: ${DEFAULT-VALUE}, the MSSEG convention).")
    int connectivity;

    @Option(names = "--min-volume-mm3", paramLabel = "V", defaultValue = "0",
        description = "Keep only lesions strictly larger than V mm³ (default: ${DEFAULT-VALUE}, keep all).")
    double minVolumeMm3;

    @CommandLine.ArgGroup(exclusive = true)
    Output output;

    static final class Output {
        @Option(names = "--json", description = "Print JSON (keys: count, total_volume_mm3, lesions, connectivity, min_volume_mm3).")
        boolean json;

        @Option(names = "--csv", paramLabel = "FILE", description = "Write the lesion table as CSV to FILE.")
        Path csv;
    }

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Connectivity conn = parseConnectivity();
        if (!(minVolumeMm3 >= 0) || !Double.isFinite(minVolumeMm3)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--min-volume-mm3 must be a finite number >= 0");
        }
        Mask mask = input.reader().readMask(maskFile);
        LesionTable table = LesionTable.of(mask, conn, minVolumeMm3);
        var out = spec.commandLine().getOut();
        if (output != null && output.json) {
            out.println(Json.write(toJson(table)));
        } else if (output != null && output.csv != null) {
            writeCsv(table, output.csv);
            out.printf(Locale.ROOT, "%d lesions, %.3f mm³; table written to %s%n", table.count(),
                table.totalVolumeMm3(), output.csv);
        } else {
            out.printf(Locale.ROOT, "%d lesions, total %.3f mm³ (%d-connectivity, > %s mm³)%n", table.count(),
                table.totalVolumeMm3(), conn.neighbours(), minVolumeMm3);
            out.printf("%5s %9s %14s  %s%n", "id", "voxels", "volume_mm3", "centroid_mm (RAS+)");
            for (Lesion l : table.lesions()) {
                double[] c = l.centroidMm();
                out.printf(Locale.ROOT, "%5d %9d %14.3f  (%.2f, %.2f, %.2f)%n", l.id(), l.voxels(), l.volumeMm3(),
                    c[0], c[1], c[2]);
            }
        }
        return ExitCode.OK;
    }

    private Connectivity parseConnectivity() {
        try {
            return Connectivity.of(connectivity);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--connectivity: " + e.getMessage());
        }
    }

    static Map<String, Object> toJson(LesionTable table) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", table.count());
        out.put("total_volume_mm3", table.totalVolumeMm3());
        out.put("connectivity", table.connectivity().neighbours());
        out.put("min_volume_mm3", table.minVolumeMm3());
        List<Map<String, Object>> lesions = new ArrayList<>();
        for (Lesion l : table.lesions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("voxels", l.voxels());
            m.put("volume_mm3", l.volumeMm3());
            m.put("centroid_mm", InfoCommand.toList(l.centroidMm()));
            lesions.add(m);
        }
        out.put("lesions", lesions);
        return out;
    }

    static void writeCsv(LesionTable table, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("id,voxels,volume_mm3,centroid_x_mm,centroid_y_mm,centroid_z_mm\n");
        for (Lesion l : table.lesions()) {
            double[] c = l.centroidMm();
            sb.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.4f,%.4f,%.4f%n", l.id(), l.voxels(), l.volumeMm3(),
                c[0], c[1], c[2]));
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, o -> o.write(bytes));
    }
}

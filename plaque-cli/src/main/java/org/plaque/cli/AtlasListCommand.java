package org.plaque.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.plaque.InvalidInputException;
import org.plaque.pipeline.atlas.AtlasImage;
import org.plaque.pipeline.atlas.AtlasLocator;
import org.plaque.pipeline.atlas.AtlasMetadata;
import org.plaque.pipeline.atlas.InstalledAtlas;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque atlas list}: the installed atlases, marking the one commands use by default. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists the installed atlases (name, version, folder) and marks the default one.")
final class AtlasListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON (keys: atlases_dir, default, atlases[name, path, version,"
        + " source, license, complete, missing]).")
    boolean json;

    @Mixin
    CacheOptions cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AtlasLocator locator = cache.locator();
        List<InstalledAtlas> atlases = locator.list();
        Path defaultDir;
        try {
            defaultDir = locator.requireDefault();
        } catch (InvalidInputException e) {
            defaultDir = null;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (InstalledAtlas a : atlases) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", a.name());
                m.put("path", a.directory().toString());
                m.put("version", a.metadata().map(AtlasMetadata::version).orElse(null));
                m.put("source", a.metadata().map(AtlasMetadata::source).orElse(null));
                m.put("license", a.metadata().map(AtlasMetadata::license).orElse(null));
                m.put("complete", a.isComplete());
                m.put("missing", a.missing().stream().map(AtlasImage::fileName).toList());
                list.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("atlases_dir", locator.atlasesDir().toString());
            root.put("default", defaultDir == null ? null : defaultDir.getFileName().toString());
            root.put("atlases", list);
            out.println(Json.write(root));
            return ExitCode.OK;
        }
        if (atlases.isEmpty()) {
            out.println("no atlas is installed in " + locator.atlasesDir() + "; install one with: plaque atlas"
                + " install [--from DIR|ZIP|URL]");
            return ExitCode.OK;
        }
        for (InstalledAtlas a : atlases) {
            String version = a.metadata().map(AtlasMetadata::version).orElse(null);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s %-32s %s", a.name(),
                version == null ? "-" : version, a.directory()));
            if (a.directory().equals(defaultDir)) {
                line.append("  (default)");
            }
            if (!a.isComplete()) {
                line.append("  (incomplete: lacks ").append(String.join(", ",
                    a.missing().stream().map(AtlasImage::fileName).toList())).append(')');
            }
            out.println(line);
        }
        return ExitCode.OK;
    }
}

package org.plaque.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.plaque.pipeline.atlas.AtlasInstaller;
import org.plaque.pipeline.atlas.AtlasSource;
import org.plaque.pipeline.atlas.Icbm2009aRelease;
import org.plaque.pipeline.atlas.InstallLimits;
import org.plaque.pipeline.atlas.InstalledAtlas;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque atlas install}: installs an atlas into the user's cache (see {@link AtlasInstaller}). */
@Command(name = "install", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = "Installs an atlas into Plaque's cache from a folder, a zip file or a URL, in Plaque's layout or"
        + " as the ICBM 2009a nonlinear symmetric release (recognised by its file names). The files are validated"
        + " and the atlas is renamed into place only when complete: a failed install leaves nothing.",
    footer = {"", "Without --from, the publisher's ICBM 2009a zip is downloaded:",
        Icbm2009aRelease.DEFAULT_URL_TEXT,
        "No checksum is published for it: the download is verified by validating its images, and its SHA-256"
            + " is recorded in atlas.json (pass it with --sha256 to pin later installs)."})
final class AtlasInstallCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "DIR|ZIP|URL",
        description = "Source: a folder, a zip file, or an http(s)/file URL of a zip (default: the ICBM 2009a"
            + " release from its publisher).")
    String from;

    @Option(names = "--name", paramLabel = "NAME",
        description = "Name of the installed atlas (default: from the source's atlas.json, or "
            + Icbm2009aRelease.NAME + " for the ICBM release).")
    String name;

    @Option(names = "--force", description = "Replace an installed atlas of the same name.")
    boolean force;

    @Option(names = "--sha256", paramLabel = "HEX",
        description = "Expected SHA-256 of the zip file or download; a mismatch installs nothing (exit 3).")
    String sha256;

    @Mixin
    CacheOptions cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        AtlasInstaller.Options options;
        AtlasSource source;
        try {
            options = new AtlasInstaller.Options(name, force, sha256, InstallLimits.DEFAULT);
            source = from == null ? AtlasSource.officialRelease() : AtlasSource.parse(from);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        InstalledAtlas installed = new AtlasInstaller(cache.locator(), line -> {
            out.println(line);
            out.flush();
        }).install(source, options);
        out.println("installed atlas " + installed.name() + " in " + installed.directory());
        installed.metadata().ifPresent(m -> {
            if (!m.licenseFiles().isEmpty()) {
                out.println("licence: " + (m.license() == null ? "" : m.license() + "; ") + "keep "
                    + String.join(", ", m.licenseFiles()) + " with the atlas files");
            }
            if (!m.citations().isEmpty()) {
                out.println("please cite (listed in atlas.json): " + m.citations().size() + " reference"
                    + (m.citations().size() == 1 ? "" : "s"));
            }
        });
        return ExitCode.OK;
    }
}

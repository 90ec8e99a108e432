package org.plaque.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plaque.pipeline.atlas.AtlasLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque atlas path [NAME]}: prints the folder of an installed atlas (the default one without NAME). */
@Command(name = "path", mixinStandardHelpOptions = true,
    description = "Prints the folder of the installed atlas NAME, or of the default atlas (the one commands use"
        + " without --atlas). Fails (exit 3) with the install command when it is not installed.")
final class AtlasPathCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Atlas name (default: the default atlas).")
    String name;

    @Mixin
    CacheOptions cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AtlasLocator locator = cache.locator();
        Path dir = name == null ? locator.requireDefault() : locator.require(AtlasLocator.requireValidName(name));
        spec.commandLine().getOut().println(dir);
        return ExitCode.OK;
    }
}

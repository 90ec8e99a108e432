package org.plaque.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code plaque atlas}: installs, lists, locates and checks brain atlases (see docs/ATLAS.md). */
@Command(name = "atlas", mixinStandardHelpOptions = true,
    description = "Installs, lists, locates and checks the brain atlas (T1 template, WM/GM/CSF probabilities,"
        + " brain mask in MNI space) that Plaque registers to subjects. See docs/ATLAS.md.",
    subcommands = {
        AtlasInstallCommand.class,
        AtlasListCommand.class,
        AtlasPathCommand.class,
        AtlasCheckCommand.class
    })
final class AtlasCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "a subcommand is required: install, list, path or check");
    }
}

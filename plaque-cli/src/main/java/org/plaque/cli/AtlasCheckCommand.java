package org.plaque.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plaque.geom.ImageGeometry;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.atlas.AtlasLocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque atlas check}: loads and validates an atlas and prints its grid and tissue sums. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Loads and validates an atlas (files present, one grid, probabilities in [0, 1], binary mask,"
        + " checksums of atlas.json) and prints its grid and GM+WM+CSF inside the mask. Exit 3 if invalid.")
final class AtlasCheckCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
        description = "Installed atlas to check (default: --atlas DIR, else the default atlas).")
    String name;

    @Mixin
    AtlasOptions atlas;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (name != null && atlas.atlas != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give an atlas NAME or --atlas DIR, not both");
        }
        Path dir = name != null ? atlas.cache.locator().require(AtlasLocator.requireValidName(name)) : atlas.directory();
        Atlas a = Atlas.load(dir);
        ImageGeometry g = a.geometry();
        double[] s = g.spacingMm();
        double[] o = g.originMm();
        Atlas.TissueSum sum = a.tissueSumInMask();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "atlas:       %s%n", a.metadata().map(m -> m.name()
            + (m.version() == null ? "" : " (" + m.version() + ")")).orElse("(no atlas.json)"));
        out.printf(Locale.ROOT, "folder:      %s%n", dir);
        out.printf(Locale.ROOT, "grid:        %d×%d×%d voxels of %s×%s×%s mm, origin (%s, %s, %s) mm%n",
            g.nx(), g.ny(), g.nz(), num(s[0]), num(s[1]), num(s[2]), num(o[0]), num(o[1]), num(o[2]));
        out.printf(Locale.ROOT, "brain mask:  %d voxels, %.1f mm³%n", a.brainMask().count(),
            a.brainMask().volumeMm3());
        out.printf(Locale.ROOT, "GM+WM+CSF in mask: mean %.4f, min %.4f, max %.4f%n", sum.mean(), sum.min(),
            sum.max());
        out.println("ok");
        return ExitCode.OK;
    }

    /** A millimetre value with at most 6 decimals and no trailing zeros. */
    private static String num(double v) {
        String t = new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return t.equals("-0") ? "0" : t;
    }
}

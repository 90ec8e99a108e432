package org.plaque.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The ITK 5.2 reference programs of the peer harness ({@code peers/itk/build/…} beside the repository, or
 * {@code shared/peers/itk/build/…}), used as oracles. Tests that need one are skipped when it has not been
 * built ({@code peers/build.sh}); the programs print {@code key=value} lines ending with {@code time_s=}.
 */
public final class ItkPeer {
    private ItkPeer() {
    }

    /** The program {@code name} (e.g. "resample"), or the test is skipped. */
    public static Path program(String name) {
        for (Path base : new Path[] {Path.of("..", "..", "peers"), Path.of("..", "..", "shared", "peers")}) {
            Path p = base.resolve("itk").resolve("build").resolve(name).toAbsolutePath().normalize();
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Assumptions.assumeTrue(false, "ITK peer program " + name + " is not built (peers/build.sh)");
        return null;
    }

    /** Runs a peer program and returns its standard output; a non-zero exit is an IOException. */
    public static String run(Path program, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(program.getFileName() + " failed: " + out.strip());
        }
        return out;
    }

    /** The value of the last {@code key=value} line for {@code key}, e.g. "time_s". */
    public static double value(String output, String key) {
        double v = Double.NaN;
        for (String line : output.split("\n")) {
            if (line.startsWith(key + "=")) {
                v = Double.parseDouble(line.substring(key.length() + 1).strip());
            }
        }
        return v;
    }
}

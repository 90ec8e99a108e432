package org.plaque.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ITK 5.2 reference programs of the peer harness, used as oracles: {@code $PLAQUE_PEERS/itk/build/…}
 * when that variable is set (CI builds them there), else {@code peers/itk/build/…} beside the repository
 * (a writable copy of {@code ../shared/peers} built with its {@code build.sh}). Tests that need one are
 * skipped when it has not been built — or fail, when {@code PLAQUE_REQUIRE_REALDATA} is set. The programs
 * print {@code key=value} lines ending with {@code time_s=}.
 */
public final class ItkPeer {
    private ItkPeer() {
    }

    /** The program {@code name} (e.g. "resample"), or the test is skipped. */
    public static Path program(String name) {
        String env = System.getenv("PLAQUE_PEERS");
        Path base = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "..", "peers");
        Path p = base.resolve("itk").resolve("build").resolve(name).toAbsolutePath().normalize();
        RealData.require(Files.isExecutable(p), "ITK peer program " + p + " is not built (peers/build.sh)");
        return p;
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

package org.plaque.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Python with nibabel, numpy (and scipy where a test needs it) used as an independent oracle. The
 * interpreter is {@code -Dplaque.python}, {@code $PLAQUE_PYTHON}, Debian's {@code /usr/bin/python3} or
 * {@code python3}, whichever first imports the modules. Without one, a test is skipped — or fails when
 * {@code PLAQUE_REQUIRE_REALDATA} is set, as in CI.
 */
public final class PythonOracle {
    private PythonOracle() {
    }

    /** An interpreter that imports every module in {@code modules} (e.g. "nibabel", "numpy"). */
    public static String python(String... modules) {
        String imports = "import " + String.join(", ", modules);
        for (String candidate : candidates()) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", imports).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed under that name: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        RealData.require(false, "no Python with " + String.join(", ", modules)
            + " (apt-get install python3-nibabel python3-scipy)");
        return null;
    }

    private static List<String> candidates() {
        List<String> c = new ArrayList<>();
        String prop = System.getProperty("plaque.python");
        if (prop != null && !prop.isBlank()) {
            c.add(prop);
        }
        String env = System.getenv("PLAQUE_PYTHON");
        if (env != null && !env.isBlank()) {
            c.add(env);
        }
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            c.add("/usr/bin/python3");
        }
        c.add("python3");
        return c;
    }

    /** Runs {@code script} with {@code args} under {@code python} and returns its trimmed standard output. */
    public static String run(String python, String script, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, "-c", script));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("python failed: " + out.strip());
        }
        return out.strip();
    }
}

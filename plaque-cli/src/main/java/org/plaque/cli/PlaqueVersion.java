package org.plaque.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The version of this Plaque build, read from a resource that Maven fills in at build time. */
public final class PlaqueVersion implements CommandLine.IVersionProvider {
    private static final String VERSION = load();

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = PlaqueVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    /** The version string, e.g. "0.1.0-SNAPSHOT". */
    public static String get() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "Plaque " + VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}

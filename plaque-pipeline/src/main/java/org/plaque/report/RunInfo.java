package org.plaque.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Facts about a run that the pipeline itself does not know: software versions, the command line, when it
 * started.
 *
 * @param versions  name → version, e.g. {"plaque": "0.1.0", "java": "17.0.15"}
 * @param command   the command line as given (for provenance), possibly empty
 * @param startedAt ISO-8601 instant the run started
 */
public record RunInfo(Map<String, String> versions, List<String> command, String startedAt) {
    public RunInfo {
        versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        command = List.copyOf(command);
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Versions of Plaque ({@code plaqueVersion}), Java and the operating system. */
    public static Map<String, String> versions(String plaqueVersion) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("plaque", plaqueVersion);
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
        return v;
    }
}

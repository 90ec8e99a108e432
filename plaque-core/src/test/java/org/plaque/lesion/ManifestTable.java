package org.plaque.lesion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Per-file NIfTI summary" table of {@code shared/data/MANIFEST.md}, parsed from its markdown (test
 * support: real-data tests compare against these figures without copying them into code).
 */
final class ManifestTable {
    static final String HEADER_START = "| file | shape |";

    /** One row; empty cells are null. {@code path} is relative to the data folder. */
    record Row(String path, String shape, String spacing, Long maskVoxels, String maskVolumeMm3, Integer components26) {
        /** Half a unit of the last printed decimal of the volume (the table's rounding). */
        double volumeRoundingMm3() {
            int dot = maskVolumeMm3.indexOf('.');
            int decimals = dot < 0 ? 0 : maskVolumeMm3.length() - dot - 1;
            return 0.5 * Math.pow(10, -decimals);
        }
    }

    private ManifestTable() {
    }

    static List<Row> read(Path manifest) throws IOException {
        List<String> lines = Files.readAllLines(manifest);
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(HEADER_START)) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new IOException("no per-file table in " + manifest);
        }
        String[] names = cells(lines.get(header));
        Map<String, Integer> col = new HashMap<>();
        for (int c = 0; c < names.length; c++) {
            col.put(names[c], c);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] c = cells(lines.get(i));
            String file = c[col.get("file")];
            String prefix = "shared/data/";
            rows.add(new Row(file.startsWith(prefix) ? file.substring(prefix.length()) : file,
                c[col.get("shape")], c[col.get("spacing (mm)")],
                blank(c[col.get("mask voxels")]) ? null : Long.parseLong(c[col.get("mask voxels")].replace(" ", "")),
                blank(c[col.get("mask volume (mm³)")]) ? null : c[col.get("mask volume (mm³)")],
                blank(c[col.get("lesion components (26-conn.)")]) ? null
                    : Integer.parseInt(c[col.get("lesion components (26-conn.)")])));
        }
        return rows;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String[] cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - (inner.endsWith("|") ? 1 : 0));
        String[] parts = inner.split("\\|", -1);
        for (int k = 0; k < parts.length; k++) {
            parts[k] = parts[k].strip();
        }
        return parts;
    }
}

package org.plaque.pipeline.cohort;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The figures of one finished case that a cohort summary needs, read from the {@code report.json} of its
 * result folder (written by {@code plaque segment}).
 *
 * <p>A folder holds a <em>complete</em> result when its {@code report.json} is a JSON object with a finite,
 * non-negative number {@code lesion_load_mm3} and a non-negative integer {@code lesion_count}; that file is
 * what {@code --resume} checks. Because result folders are only ever moved into place whole, a present and
 * valid {@code report.json} means the rest of the folder is there too.
 *
 * @param lesionLoadMm3 total lesion volume, mm³
 * @param lesionCount   number of lesions
 * @param preset        the preset that produced the result ({@code ""} if the report names none)
 */
public record CaseReport(double lesionLoadMm3, int lesionCount, String preset) {
    /** The name of the report file in a case's result folder. */
    public static final String FILE = "report.json";
    /** Larger report files are not Plaque's (a report with thousands of lesions is a few MB). */
    static final long MAX_BYTES = 64L << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The report of the result folder {@code dir}, or empty if the folder holds no complete result. */
    public static Optional<CaseReport> read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            return parse(MAPPER.readTree(file.toFile()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<CaseReport> parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        JsonNode load = json.get("lesion_load_mm3");
        JsonNode count = json.get("lesion_count");
        if (load == null || !load.isNumber() || count == null || !count.isIntegralNumber()
            || !count.canConvertToInt()) {
            return Optional.empty();
        }
        double loadMm3 = load.asDouble();
        int n = count.asInt();
        if (!Double.isFinite(loadMm3) || loadMm3 < 0 || n < 0) {
            return Optional.empty();
        }
        JsonNode preset = json.get("preset");
        return Optional.of(new CaseReport(loadMm3, n, preset != null && preset.isTextual() ? preset.asText() : ""));
    }
}

package org.plaque.pipeline.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseReportTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFiguresOfACompleteReport() throws Exception {
        Files.writeString(dir.resolve("report.json"),
            "{\"lesion_load_mm3\": 1300.5, \"lesion_count\": 37, \"preset\": \"lesion-growth\", \"x\": [1]}");
        assertThat(CaseReport.read(dir)).contains(new CaseReport(1300.5, 37, "lesion-growth"));
    }

    @Test
    void anythingElseIsIncomplete() throws Exception {
        assertThat(CaseReport.read(dir)).isEmpty();
        for (String bad : new String[] {"", "{", "[]", "{\"lesion_load_mm3\": 1}", "{\"lesion_count\": 1}",
            "{\"lesion_load_mm3\": \"1\", \"lesion_count\": 1}", "{\"lesion_load_mm3\": -1, \"lesion_count\": 1}",
            "{\"lesion_load_mm3\": 1, \"lesion_count\": 1.5}", "{\"lesion_load_mm3\": 1, \"lesion_count\": -2}",
            "{\"lesion_load_mm3\": 1, \"lesion_count\": 1"}) {
            Files.writeString(dir.resolve("report.json"), bad);
            assertThat(CaseReport.read(dir)).as(bad).isEmpty();
        }
        Files.writeString(dir.resolve("report.json"), "{\"lesion_load_mm3\": 0, \"lesion_count\": 0}");
        assertThat(CaseReport.read(dir)).contains(new CaseReport(0, 0, ""));
    }
}

package org.plaque.pipeline.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CohortSummariesTest {
    private static CohortCase c(String subject, String session) {
        return new CohortCase(CaseKey.of(subject, session), Path.of("in", subject + ".nii.gz"), Optional.empty(),
            Optional.empty());
    }

    private static CohortResult result() {
        return new CohortResult(List.of(
            CaseOutcome.ok(c("01", "1"), new CaseReport(1300, 37, "lesion-growth"), 10),
            CaseOutcome.resumed(c("01", "2"), new CaseReport(0.5, 1, "lesion-growth")),
            CaseOutcome.failed(c("02", ""), "bad, \"quoted\" <tag> & more", 5),
            CaseOutcome.ok(c("03", ""), new CaseReport(49769.25, 98, "seed-kmeans"), 10)));
    }

    @Test
    void lesionLoadCsvHasOneRowPerCase() {
        assertThat(CohortSummaries.lesionLoadCsv(result())).isEqualTo(
            "subject,session,lesion_load_mm3,lesion_count,preset,status\n"
                + "sub-01,ses-1,1300,37,lesion-growth,ok\n"
                + "sub-01,ses-2,0.5,1,lesion-growth,resumed\n"
                + "sub-02,,,,,failed\n"
                + "sub-03,,49769.25,98,seed-kmeans,ok\n");
    }

    @Test
    void failuresCsvQuotesTheError() {
        assertThat(CohortSummaries.failuresCsv(result())).isEqualTo("subject,session,flair,error\n"
            + "sub-02,," + Path.of("in", "02.nii.gz").toAbsolutePath()
            + ",\"bad, \"\"quoted\"\" <tag> & more\"\n");
    }

    @Test
    void indexIsSelfContainedEscapedAndLinksReports() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("preset", "lesion-growth");
        settings.put("input", "a&b");
        String html = CohortIndexHtml.render(result(), settings);
        assertThat(html).startsWith("<!DOCTYPE html>")
            .contains("2 computed, 1 kept from an earlier run, 1 failed.")
            // mean of 1300, 0.5, 49769.25 = 17023.25 (printed rounded half up); median 1300
            .contains("mean 17023.3 mm³, median 1300.0 mm³")
            .contains("<a href=\"sub-01_ses-1/report.html\">").contains("<a href=\"sub-03/report.html\">")
            .contains("<td>bad, &quot;quoted&quot; &lt;tag&gt; &amp; more</td>")
            .contains("<dd>a&amp;b</dd>")
            .doesNotContain("<tag>").doesNotContain("<script").doesNotContain("http");
    }
}

package org.plaque.pipeline.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.plaque.pipeline.testing.CohortFixtures.box;
import static org.plaque.pipeline.testing.CohortFixtures.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.eval.EmptyPolicy;
import org.plaque.eval.LesionWiseRule;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.io.OutputDirectory;
import org.plaque.io.nifti.NiftiReader;

/**
 * Cohort evaluation on painted boxes (1 mm voxels) whose figures are worked out by hand:
 * <pre>
 * sub-a  truth 2×2×2 box (8 mm³), prediction the same          Dice 1
 * sub-b  truth 2×2×2 box (8 mm³), prediction half of it (4)      Dice 2·4/(4+8) = 2/3, recall 1/2
 * sub-c  truth 3×3×3 box (27 mm³), prediction 2×2×2 inside (8)  Dice 2·8/(8+27) = 16/35, lesion F1 0
 * </pre>
 * Volumes pred (8, 4, 8) vs truth (8, 8, 27): Pearson r = 228 / √(96 · 2166) = 0.5. Also: one prediction and
 * one reference without a partner, and one pair on different grids (listed as failed).
 */
class CohortEvaluationTest {
    @TempDir
    Path dir;

    private Path pred;
    private Path truth;

    @BeforeEach
    void paint() throws Exception {
        pred = dir.resolve("pred");
        truth = dir.resolve("truth");
        write(box(1, 3, 1, 3, 1, 3), truth.resolve("sub-a.nii.gz"));
        write(box(1, 3, 1, 3, 1, 3), pred.resolve("sub-a/lesion_mask.nii.gz"));
        write(box(1, 3, 1, 3, 1, 3), truth.resolve("sub-b.nii.gz"));
        write(box(1, 3, 1, 3, 1, 2), pred.resolve("sub-b/lesion_mask.nii.gz"));
        write(box(4, 7, 4, 7, 4, 7), truth.resolve("c.nii.gz"));
        write(box(4, 6, 4, 6, 4, 6), pred.resolve("sub-c/lesion_mask.nii.gz"));
        write(box(0, 1, 0, 1, 0, 1), pred.resolve("sub-d/lesion_mask.nii.gz"));
        write(box(0, 1, 0, 1, 0, 1), truth.resolve("sub-e.nii.gz"));
        ImageGeometry shifted = ImageGeometry.axisAligned(8, 8, 8, new double[] {1, 1, 1}, new double[] {0.5, 0, 0});
        write(box(shifted, 0, 1, 0, 1, 0, 1), truth.resolve("sub-f.nii.gz"));
        write(box(0, 1, 0, 1, 0, 1), pred.resolve("sub-f/lesion_mask.nii.gz"));
    }

    private CohortEvaluation.Result evaluate() {
        SortedMap<CaseKey, Path> p = CaseMasks.discover(pred, CaseMasks.DEFAULT_FILE_NAME, "pred");
        SortedMap<CaseKey, Path> t = CaseMasks.discover(truth, CaseMasks.DEFAULT_FILE_NAME, "truth");
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            return CohortEvaluation.evaluate(pred, p, truth, t, LesionWiseRule.MSSEG, EmptyPolicy.DEFAULT,
                NiftiReader.withDefaults(), ctx, (done, all) -> { });
        }
    }

    @Test
    void pairsByCaseAndScoresEachPair() {
        CohortEvaluation.Result r = evaluate();

        assertThat(r.cases()).extracting(c -> c.key().id()).containsExactly("sub-a", "sub-b", "sub-c");
        assertThat(r.predOnly()).extracting(CaseKey::id).containsExactly("sub-d");
        assertThat(r.truthOnly()).extracting(CaseKey::id).containsExactly("sub-e");
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.key().id()).isEqualTo("sub-f");
            assertThat(f.error()).contains("grid").doesNotContain("\n");
        });
        assertThat(EvaluationTable.column(r, "dice")).containsExactly(new double[] {1, 2.0 / 3, 16.0 / 35},
            within(1e-12));
        assertThat(EvaluationTable.column(r, "recall")).containsExactly(new double[] {1, 0.5, 8.0 / 27},
            within(1e-12));
        assertThat(EvaluationTable.column(r, "volume_pred_mm3")).containsExactly(8, 4, 8);
        assertThat(EvaluationTable.column(r, "volume_truth_mm3")).containsExactly(8, 8, 27);
        assertThat(EvaluationTable.column(r, "lesion_tpr")).containsExactly(1, 1, 1);
        // sub-c: the reference lesion lies 19/27 = 70.4 % outside the prediction, more than β = 70 %, so by the
        // MSSEG rule the predicted lesion is not matched (PPV 0, F1 0); in sub-b only 4/8 lie outside
        assertThat(EvaluationTable.column(r, "lesion_ppv")).containsExactly(1, 1, 0);
        assertThat(EvaluationTable.column(r, "lesion_f1")).containsExactly(1, 1, 0);
        assertThat(EvaluationTable.correlations(r).get("volume_mm3")).isCloseTo(0.5, within(1e-12));
        // one lesion each side: counts do not vary, so their correlation is undefined
        assertThat(EvaluationTable.correlations(r).get("lesion_count")).isNaN();
    }

    @Test
    void writesCsvWithAggregateRowsAndPerCaseJson() throws Exception {
        CohortEvaluation.Result r = evaluate();
        Path out = dir.resolve("eval");
        try (OutputDirectory o = OutputDirectory.open(out)) {
            EvaluationTable.write(r, o);
            o.commit();
        }

        CsvTable csv = CsvTable.read(out.resolve(EvaluationTable.CSV));
        assertThat(csv.header()).startsWith("case", "subject", "session", "dice", "iou")
            .endsWith("grid", "connectivity", "min_lesion_volume_mm3", "pred", "truth")
            .hasSize(3 + EvaluationTable.METRICS.size() + 5);
        assertThat(csv.rows()).extracting(row -> row.fields().get(0))
            .containsExactly("sub-a", "sub-b", "sub-c", "mean", "median", "count", "pearson_r");
        int dice = csv.column("dice").orElseThrow();
        assertThat(value(csv, 3, dice)).isCloseTo((1 + 2.0 / 3 + 16.0 / 35) / 3, within(1e-12));
        assertThat(value(csv, 4, dice)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(CsvTable.field(csv.rows().get(5), dice)).isEqualTo("3");
        assertThat(CsvTable.field(csv.rows().get(6), dice)).isEmpty();
        assertThat(value(csv, 6, csv.column("volume_pred_mm3").orElseThrow())).isCloseTo(0.5, within(1e-12));
        assertThat(value(csv, 6, csv.column("volume_truth_mm3").orElseThrow())).isCloseTo(0.5, within(1e-12));
        assertThat(CsvTable.field(csv.rows().get(1), csv.column("truth_lesions").orElseThrow())).isEqualTo("1");
        assertThat(CsvTable.field(csv.rows().get(1), csv.column("grid").orElseThrow()))
            .isEqualTo("8x8x8 @ 1x1x1 mm RAS");
        assertThat(CsvTable.field(csv.rows().get(1), csv.column("connectivity").orElseThrow())).isEqualTo("6");
        assertThat(CsvTable.field(csv.rows().get(1), csv.column("min_lesion_volume_mm3").orElseThrow()))
            .isEqualTo("3");

        ObjectMapper mapper = new ObjectMapper();
        JsonNode b = mapper.readTree(out.resolve("cases/sub-b.json").toFile());
        assertThat(b.get("dice").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(b.get("rule").get("connectivity").asInt()).isEqualTo(6);
        assertThat(b.get("rule").get("min_lesion_volume_mm3").asDouble()).isEqualTo(3.0);
        assertThat(b.get("grid").get("size").toString()).isEqualTo("[8,8,8]");
        assertThat(b.get("truth_lesions").isIntegralNumber()).isTrue();
        JsonNode all = mapper.readTree(out.resolve(EvaluationTable.JSON).toFile());
        assertThat(all.get("cases")).hasSize(3);
        assertThat(all.get("pearson_r").get("volume_mm3").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(all.get("pearson_r").get("lesion_count").isNull()).isTrue();
        assertThat(all.get("pred_only").toString()).isEqualTo("[\"sub-d\"]");
        assertThat(all.get("truth_only").toString()).isEqualTo("[\"sub-e\"]");
        assertThat(all.get("failures").get(0).get("case").asText()).isEqualTo("sub-f");
        assertThat(out.resolve("cases/sub-f.json")).doesNotExist();

        String text = EvaluationTable.text(r);
        assertThat(text).contains("Pearson r of predicted vs reference lesion volume: 0.5000 over 3 cases")
            .contains("6-connectivity, lesions > 3 mm³").contains("Grid: 8x8x8 @ 1x1x1 mm RAS (every case)")
            .contains("Predictions without a reference (not scored): sub-d")
            .contains("References without a prediction (not scored): sub-e").contains("Failed sub-f:");
    }

    @Test
    void undefinedFiguresAreBlankAndLeftOutOfAggregates() throws Exception {
        Path p = dir.resolve("p2");
        Path t = dir.resolve("t2");
        write(box(1, 3, 1, 3, 1, 3), p.resolve("sub-a.nii.gz"));
        write(box(1, 3, 1, 3, 1, 3), t.resolve("sub-a.nii.gz"));
        write(box(0, 0, 0, 0, 0, 0), p.resolve("sub-z.nii.gz"));
        write(box(0, 0, 0, 0, 0, 0), t.resolve("sub-z.nii.gz"));
        CohortEvaluation.Result r;
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            r = CohortEvaluation.evaluate(p, CaseMasks.fromFolder(p, "x"), t, CaseMasks.fromFolder(t, "x"),
                LesionWiseRule.MSSEG, EmptyPolicy.DEFAULT, NiftiReader.withDefaults(), ctx, (d, a) -> { });
        }
        CsvTable csv = CsvTable.parse(Path.of("e.csv"), EvaluationTable.csv(r));
        int dice = csv.column("dice").orElseThrow();
        assertThat(CsvTable.field(csv.rows().get(1), dice)).isEmpty();          // both empty: NaN
        assertThat(CsvTable.field(csv.rows().get(2), dice)).isEqualTo("1");     // mean over the defined case
        assertThat(CsvTable.field(csv.rows().get(4), dice)).isEqualTo("1");     // count
        assertThat(CsvTable.field(csv.rows().get(1), csv.column("volume_pred_mm3").orElseThrow())).isEqualTo("0");
    }

    @Test
    void noPairIsInvalidInput() throws Exception {
        Path other = dir.resolve("other");
        write(box(0, 1, 0, 1, 0, 1), other.resolve("sub-x.nii.gz"));
        SortedMap<CaseKey, Path> p = CaseMasks.fromFolder(pred, CaseMasks.DEFAULT_FILE_NAME);
        SortedMap<CaseKey, Path> t = CaseMasks.fromFolder(other, CaseMasks.DEFAULT_FILE_NAME);
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            assertThatThrownBy(() -> CohortEvaluation.evaluate(pred, p, other, t, LesionWiseRule.MSSEG,
                EmptyPolicy.DEFAULT, NiftiReader.withDefaults(), ctx, (d, a) -> { }))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no case pairs: predictions (5: sub-a, sub-b, sub-c, sub-d, sub-f)")
                .hasMessageContaining("references (1: sub-x)");
        }
    }

    private static double value(CsvTable csv, int row, int column) {
        return Double.parseDouble(CsvTable.field(csv.rows().get(row), column));
    }
}

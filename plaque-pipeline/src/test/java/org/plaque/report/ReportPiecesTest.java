package org.plaque.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.lesion.LesionTable;

class ReportPiecesTest {
    private static final ImageGeometry RAS = ImageGeometry.axisAligned(10, 8, 6, new double[] {1, 2, 3},
        new double[] {0, 0, 0});

    @Test
    void viewsAreRadiologicalWithSquarePixels() {
        // axial: patient right (high x) on the screen's left, anterior (high y) at the top
        SliceView axial = SliceView.of(RAS, SliceView.Plane.AXIAL, 2, 1.0);
        assertThat(axial.width()).isEqualTo(10);
        assertThat(axial.height()).isEqualTo(16);
        assertThat(axial.voxel()[0]).isEqualTo(RAS.index(9, 7, 2));
        assertThat(axial.voxel()[axial.width() * axial.height() - 1]).isEqualTo(RAS.index(0, 0, 2));
        // coronal: superior at the top; sagittal: anterior on the left
        SliceView coronal = SliceView.of(RAS, SliceView.Plane.CORONAL, 3, 1.0);
        assertThat(coronal.height()).isEqualTo(18);
        assertThat(coronal.voxel()[0]).isEqualTo(RAS.index(9, 3, 5));
        SliceView sagittal = SliceView.of(RAS, SliceView.Plane.SAGITTAL, 4, 1.0);
        assertThat(sagittal.voxel()[0]).isEqualTo(RAS.index(4, 7, 5));
        assertThat(sagittal.voxel()[sagittal.width() - 1]).isEqualTo(RAS.index(4, 0, 5));
    }

    @Test
    void lesionRowsCsvAndContrast() {
        ImageGeometry g = ImageGeometry.axisAligned(6, 6, 6, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Mask.Builder m = Mask.builder(g);
        m.set(1, 1, 1, true).set(1, 1, 2, true).set(4, 4, 4, true);
        Mask lesions = m.build();
        ScalarVolume flair = ScalarVolume.filled(g, 100);
        ScalarVolume.Builder f = flair.toBuilder();
        f.set(1, 1, 1, 300).set(1, 1, 2, 200).set(4, 4, 4, 150);
        ScalarVolume image = f.build();
        LesionMeasures lm = LesionMeasures.of(LesionTable.of(lesions), image, ScalarVolume.filled(g, 1), null,
            ScalarVolume.filled(g, 0.75f), null);
        assertThat(lm.nawmMean()).isEqualTo(100);
        assertThat(lm.nawmVoxels()).isEqualTo(216 - 3);
        assertThat(lm.rows()).hasSize(2);
        assertThat(lm.rows().get(0).meanFlairContrast()).isEqualTo(2.5);
        assertThat(lm.rows().get(0).centroidMm()).containsExactly(1, 1, 1.5);
        String csv = LesionCsv.write(lm.rows());
        assertThat(csv.lines().toList()).containsExactly(
            "id,voxels,volume_mm3,centroid_mm_x,centroid_mm_y,centroid_mm_z,mean_flair_contrast,mean_probability,"
                + "mean_uncertainty",
            "1,2,2.000,1.000,1.000,1.500,2.5000,0.7500,",
            "2,1,1.000,4.000,4.000,4.000,1.5000,0.7500,");
        // without a white-matter prior there is no reference: the contrast is empty
        LesionMeasures none = LesionMeasures.of(LesionTable.of(lesions), image, null, null, null, null);
        assertThat(LesionCsv.write(none.rows()).lines().skip(1).toList()).allMatch(l -> l.endsWith(",,,"));
    }

    @Test
    void jsonHasNoNaNAndKeepsOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", Double.NaN);
        m.put("a", List.of(1.0, Double.POSITIVE_INFINITY));
        assertThat(ReportJson.write(m).replaceAll("\\s", "")).isEqualTo("{\"b\":null,\"a\":[1.0,null]}");
    }

    @Test
    void htmlEscapesText() {
        assertThat(HtmlReport.esc("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    @Test
    void histogramBinsByVolume() {
        List<LesionRow> rows = List.of(new LesionRow(1, 1, 5, new double[3], 1, Double.NaN, Double.NaN),
            new LesionRow(2, 1, 10, new double[3], 1, Double.NaN, Double.NaN),
            new LesionRow(3, 1, 5000, new double[3], 1, Double.NaN, Double.NaN));
        assertThat(ReportFigures.histogram(rows)).containsExactly(1, 1, 0, 0, 0, 0, 1);
    }
}

package org.plaque.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.segment.components.TestMasks;
import org.plaque.testing.PythonOracle;
import org.plaque.testing.RealData;

/**
 * Evaluation on real lesion masks (Lesjak 2018 data), with scipy as an independent oracle for the
 * surface distances: medpy's definition (surface = mask minus its 6-neighbour erosion with border value 0;
 * {@code scipy.ndimage.distance_transform_edt} with the voxel spacing) pooled over both directions.
 */
@Tag("realdata")
class RealDataEvaluationTest {

    /** Prints "hd hd95 assd dice |∂A| |∂B|" for mask A and mask B rolled by (dx, dy, dz) voxels. */
    private static final String SCIPY_ORACLE = String.join("\n",
        "import sys",
        "import numpy as np",
        "import nibabel as nib",
        "from scipy import ndimage as ndi",
        "def load(p):",
        "    img = nib.load(p)",
        "    d = np.asanyarray(img.dataobj)",
        "    return d.reshape(d.shape[:3]) > 0.5, np.sqrt((img.affine[:3, :3] ** 2).sum(axis=0))",
        "a, sp = load(sys.argv[1])",
        "b, _ = load(sys.argv[2])",
        "b = np.roll(b, tuple(int(v) for v in sys.argv[3:6]), axis=(0, 1, 2))",
        "both = np.argwhere(a | b)",
        "lo = np.maximum(both.min(axis=0) - 1, 0)",
        "hi = np.minimum(both.max(axis=0) + 2, a.shape)",
        "a = a[lo[0]:hi[0], lo[1]:hi[1], lo[2]:hi[2]]",
        "b = b[lo[0]:hi[0], lo[1]:hi[1], lo[2]:hi[2]]",
        "st = ndi.generate_binary_structure(3, 1)",
        "sa = a & ~ndi.binary_erosion(a, structure=st, border_value=0)",
        "sb = b & ~ndi.binary_erosion(b, structure=st, border_value=0)",
        "d = np.concatenate([ndi.distance_transform_edt(~sb, sampling=sp)[sa],",
        "                    ndi.distance_transform_edt(~sa, sampling=sp)[sb]])",
        "dice = 2.0 * (a & b).sum() / (a.sum() + b.sum())",
        "print(repr(float(d.max())), repr(float(np.percentile(d, 95))), repr(float(d.mean())), repr(float(dice)),",
        "      int(sa.sum()), int(sb.sum()))");

    private static double[] oracle(Path a, Path b, int dx, int dy, int dz) throws IOException, InterruptedException {
        String[] t = PythonOracle.run(PythonOracle.python("nibabel", "numpy", "scipy"), SCIPY_ORACLE,
            List.of(a.toString(), b.toString(), "" + dx, "" + dy, "" + dz)).split("\\s+");
        double[] out = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            out[k] = Double.parseDouble(t[k]);
        }
        return out;
    }

    private static String describe(EvaluationResult r) {
        return String.format(Locale.ROOT,
            "Dice %.4f IoU %.4f PPV %.4f TPR %.4f spec %.6f | V pred %.0f V ref %.0f mm³ (%+.1f %%) | HD %.2f HD95 %.2f"
                + " ASSD %.3f mm | lesions ref %d pred %d detected %d matched %d: LTPR %.3f LPPV %.3f LF1 %.3f",
            r.dice(), r.iou(), r.precision(), r.recall(), r.specificity(), r.volumePredMm3(), r.volumeTruthMm3(),
            r.volumeDifferencePct(), r.hausdorffMm(), r.hd95Mm(), r.assdMm(), r.truthLesions(), r.predLesions(),
            r.detectedTruthLesions(), r.matchedPredLesions(), r.lesionTpr(), r.lesionPpv(), r.lesionF1());
    }

    @Test
    void mniGoldStandardsAgainstThemselvesAndEachOther() throws IOException, InterruptedException {
        Path p07 = RealData.file("lesjak2017_cross_sectional_masks/patient07/GOLD_STANDARD_MNI.nii.gz");
        Path p19 = RealData.file("lesjak2017_cross_sectional_masks/patient19/GOLD_STANDARD_MNI.nii.gz");
        Mask m07 = NiftiReader.withDefaults().readMask(p07);
        Mask m19 = NiftiReader.withDefaults().readMask(p19);
        assertThat(m07.geometry().sameGrid(m19.geometry(), Tolerance.EVALUATION)).isTrue();
        try (ExecutionContext ctx = ExecutionContext.defaults()) {
            EvaluationResult self = SegmentationEvaluation.evaluate(m07, m07, LesionWiseRule.MSSEG, ctx);
            System.out.println("MNI patient07 vs itself  (MSSEG rule, 6-conn, >3 mm³): " + describe(self));
            assertThat(self.dice()).isEqualTo(1.0);
            assertThat(self.lesionF1()).isEqualTo(1.0);
            assertThat(self.hausdorffMm()).isZero();
            assertThat(self.hd95Mm()).isZero();
            assertThat(self.assdMm()).isZero();
            assertThat(self.truthLesions()).isEqualTo(self.predLesions()).isEqualTo(self.detectedTruthLesions());

            long t0 = System.nanoTime();
            SurfaceDistanceResult surface = SurfaceDistances.compute(m19, m07, ctx);
            long t1 = System.nanoTime();
            EvaluationResult cross = SegmentationEvaluation.evaluate(m19, m07, LesionWiseRule.MSSEG, ctx);
            long t2 = System.nanoTime();
            System.out.println("MNI patient19 (as prediction) vs patient07 (as reference): " + describe(cross));
            System.out.printf(Locale.ROOT, "MNI 182×218×182: surface distances %.0f ms, full evaluation %.0f ms (%d threads)%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, ctx.threads());

            double[] scipy = oracle(p19, p07, 0, 0, 0);
            System.out.printf(Locale.ROOT, "scipy oracle: HD %.6f HD95 %.6f ASSD %.6f Dice %.6f%n",
                scipy[0], scipy[1], scipy[2], scipy[3]);
            assertThat(surface.hausdorffMm()).isCloseTo(scipy[0], within(1e-6));
            assertThat(surface.hd95Mm()).isCloseTo(scipy[1], within(1e-6));
            assertThat(surface.assdMm()).isCloseTo(scipy[2], within(1e-6));
            assertThat(cross.dice()).isCloseTo(scipy[3], within(1e-12));
            assertThat(cross.hausdorffMm()).isEqualTo(surface.hausdorffMm());

            EvaluationResult reverse = SegmentationEvaluation.evaluate(m07, m19, LesionWiseRule.MSSEG, ctx);
            System.out.println("MNI patient07 (as prediction) vs patient19 (as reference): " + describe(reverse));
            assertThat(reverse.lesionTpr()).isEqualTo(cross.lesionPpv());
            assertThat(new int[] {cross.detectedTruthLesions(), cross.matchedPredLesions(), cross.truthLesions(),
                cross.predLesions()}).isEqualTo(BruteForceLesionWise.counts(m19, m07, LesionWiseRule.MSSEG));
            assertThat(reverse.dice()).isEqualTo(cross.dice());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient07", "patient19"})
    void nativeAnisotropicMaskAgainstAShiftedCopy(String patient) throws IOException, InterruptedException {
        // 0.8 × 0.469 × 0.469 mm voxels on a 192×512×512 grid; a translation by t voxels gives HD = |t| in mm.
        Path p07 = RealData.file("lesjak2017_cross_sectional_masks/" + patient + "/consensus_gt.nii.gz");
        Mask m = NiftiReader.withDefaults().readMask(p07);
        Mask shifted = TestMasks.shift(m, 1, -2, 3);
        assertThat(shifted.count()).isEqualTo(m.count());
        double[] s = m.geometry().spacingMm();
        double translationMm = Math.sqrt(s[0] * s[0] + 4 * s[1] * s[1] + 9 * s[2] * s[2]);
        try (ExecutionContext ctx = ExecutionContext.defaults()) {
            long t0 = System.nanoTime();
            SurfaceDistanceResult r = SurfaceDistances.compute(shifted, m, ctx);
            long t1 = System.nanoTime();
            EvaluationResult all = SegmentationEvaluation.evaluate(shifted, m, LesionWiseRule.MSSEG, ctx);
            long t2 = System.nanoTime();
            double[] scipy = oracle(p07, p07, 1, -2, 3);
            System.out.println("native " + patient + " shifted by (1, -2, 3) voxels vs itself: " + describe(all));
            System.out.printf(Locale.ROOT, "scipy oracle: HD %.6f HD95 %.6f ASSD %.6f Dice %.6f; |t| = %.6f mm%n",
                scipy[0], scipy[1], scipy[2], scipy[3], translationMm);
            System.out.printf(Locale.ROOT, "native 192×512×512: surface distances %.0f ms, full evaluation %.0f ms (%d threads)%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, ctx.threads());
            assertThat(r.hausdorffMm()).isCloseTo(translationMm, within(1e-9));
            assertThat(r.hausdorffMm()).isCloseTo(scipy[0], within(1e-6));
            assertThat(r.hd95Mm()).isCloseTo(scipy[1], within(1e-6));
            assertThat(r.assdMm()).isCloseTo(scipy[2], within(1e-6));
            assertThat(all.dice()).isCloseTo(scipy[3], within(1e-12));
            assertThat(new int[] {all.detectedTruthLesions(), all.matchedPredLesions(), all.truthLesions(),
                all.predLesions()}).isEqualTo(BruteForceLesionWise.counts(shifted, m, LesionWiseRule.MSSEG));
        }
    }
}

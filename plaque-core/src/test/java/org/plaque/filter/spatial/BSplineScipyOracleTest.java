package org.plaque.filter.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.testing.PythonOracle;
import org.plaque.testing.RealData;

/**
 * Cubic B-spline interpolation against an independent implementation: scipy's
 * {@code ndimage.map_coordinates(order=3, mode='mirror')} (its own prefilter and kernel) on the same voxels
 * and points, including points in the half-voxel rim where the mirror boundary matters.
 */
@Tag(RealData.TAG)
class BSplineScipyOracleTest {
    private static final String SCRIPT = String.join("\n",
        "import sys, numpy as np, nibabel as nib",
        "from scipy import ndimage",
        "a = np.asarray(nib.load(sys.argv[1]).dataobj, dtype=np.float64)",
        "pts = np.loadtxt(sys.argv[2]).T",
        "v = ndimage.map_coordinates(a, pts, order=3, mode='mirror', prefilter=True)",
        "print(' '.join(repr(float(x)) for x in v))");

    @TempDir
    Path dir;

    @Test
    void matchesScipy() throws Exception {
        String python = PythonOracle.python("nibabel", "numpy", "scipy");
        Random r = new Random(75);
        // axes shorter and longer than the prefilter's 18-term horizon
        ImageGeometry g = ImageGeometry.axisAligned(23, 9, 31, new double[] {1, 1, 1}, new double[3]);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        float[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (100 * r.nextGaussian());
        }
        ScalarVolume v = b.build();
        Path nii = dir.resolve("v.nii");
        NiftiWriter.write(v, nii);
        List<double[]> pts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < 400; n++) {
            double[] p = {-0.5 + 23 * r.nextDouble(), -0.5 + 9 * r.nextDouble(), -0.5 + 31 * r.nextDouble()};
            pts.add(p);
            text.append(String.format(Locale.ROOT, "%.17g %.17g %.17g%n", p[0], p[1], p[2]));
        }
        Path txt = dir.resolve("pts.txt");
        Files.writeString(txt, text);
        String[] out = PythonOracle.run(python, SCRIPT, List.of(nii.toString(), txt.toString())).split("\\s+");
        assertThat(out).hasSize(pts.size());
        BSplineInterpolator s = BSplineInterpolator.of(v, ExecutionContext.singleThreaded());
        double worst = 0;
        for (int n = 0; n < pts.size(); n++) {
            double[] p = pts.get(n);
            double expect = Double.parseDouble(out[n]);
            // float32 coefficients: about 1e-7 of the coefficient magnitudes (~300 here)
            assertThat(s.valueAt(p[0], p[1], p[2])).as("point %d", n).isCloseTo(expect, within(2e-4));
            worst = Math.max(worst, Math.abs(s.valueAt(p[0], p[1], p[2]) - expect));
        }
        System.out.printf(Locale.ROOT, "B-spline interpolation vs scipy: max |diff| %.2e on values of sd 100%n", worst);
    }
}

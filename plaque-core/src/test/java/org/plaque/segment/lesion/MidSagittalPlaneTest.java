package org.plaque.segment.lesion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class MidSagittalPlaneTest {

    /**
     * A left–right symmetric but front–back and top–bottom asymmetric blob pattern about the plane
     * x·cos t + y·sin t = c (a tilted, shifted mid-sagittal plane), sampled on a 1.5 mm grid.
     */
    static ScalarVolume symmetricMap(ImageGeometry g, double tiltDeg, double offsetMm) {
        double t = Math.toRadians(tiltDeg);
        double[] n = {Math.cos(t), Math.sin(t), 0};
        double[] along = {-Math.sin(t), Math.cos(t), 0};
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    double[] p = g.voxelToWorld().apply(x, y, z);
                    double u = p[0] * n[0] + p[1] * n[1] - offsetMm;   // signed distance from the plane
                    double v = p[0] * along[0] + p[1] * along[1];
                    double w = p[2];
                    double au = Math.abs(u);
                    double val = Math.exp(-((au - 15) * (au - 15) + (v - 8) * (v - 8) + (w - 5) * (w - 5)) / 60)
                        + 0.5 * Math.exp(-((au - 5) * (au - 5) + (v + 12) * (v + 12) + (w + 6) * (w + 6)) / 40);
                    b.set(x, y, z, (float) val);
                }
            }
        }
        return b.build();
    }

    @Test
    void findsATiltedShiftedPlaneOfSymmetry() {
        ImageGeometry g = ImageGeometry.axisAligned(40, 40, 30, new double[] {1.5, 1.5, 1.5},
            new double[] {-30, -30, -22});
        ScalarVolume map = symmetricMap(g, 4, 3);
        Mask all = Mask.above(ScalarVolume.filled(g, 1f), 0);
        MidSagittalPlane p = MidSagittalPlane.estimate(map, all, ExecutionContext.singleThreaded());
        assertThat(p.tiltDegrees()).isCloseTo(4, within(0.5));
        assertThat(p.normal()[1]).isPositive();
        assertThat(p.offsetMm()).isCloseTo(3, within(0.3));
    }

    @Test
    void reflectionIsAnInvolutionAndMirrorIndicesPairVoxels() {
        MidSagittalPlane p = new MidSagittalPlane(new double[] {1, 0, 0}, 0);
        double[] q = p.reflect(p.reflect(new double[] {3, -4, 5}));
        assertThat(q).containsExactly(new double[] {3, -4, 5}, within(1e-12));
        ImageGeometry g = ImageGeometry.axisAligned(5, 2, 1, new double[] {1, 1, 1}, new double[] {-2, 0, 0});
        int[] m = p.mirrorIndices(g, ExecutionContext.singleThreaded());
        assertThat(m[0]).isEqualTo(4);
        assertThat(m[2]).isEqualTo(2);
        assertThat(m[6]).isEqualTo(8);
        MidSagittalPlane shifted = new MidSagittalPlane(new double[] {2, 0, 0}, 2);
        assertThat(shifted.mirrorIndices(g, ExecutionContext.singleThreaded())[0]).isEqualTo(-1);
    }
}

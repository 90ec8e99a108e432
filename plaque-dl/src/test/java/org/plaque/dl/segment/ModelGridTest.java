package org.plaque.dl.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Orientation;
import org.plaque.image.Mask;

class ModelGridTest {
    @Test
    void coversTheRegionInTheModelsOrientationAndSpacing() {
        // a 0.5 × 0.5 × 2 mm RAS grid; the region is a 10 × 20 × 5 voxel box = 5 × 10 × 10 mm
        ImageGeometry src = ImageGeometry.axisAligned(40, 60, 30, new double[] {0.5, 0.5, 2}, new double[] {-10, -15,
            -30});
        Mask.Builder b = Mask.builder(src);
        for (int z = 10; z < 15; z++) {
            for (int y = 20; y < 40; y++) {
                for (int x = 5; x < 15; x++) {
                    b.set(x, y, z, true);
                }
            }
        }
        ImageGeometry g = ModelGrid.covering(src, b.build(), new double[] {1, 1, 1}, "LAS", 2, 4);
        assertThat(Orientation.axisCodes(g)).isEqualTo("LAS");
        assertThat(g.spacingMm()).containsExactly(1, 1, 1);
        // 5 + 4 mm → 9 → 12 (multiple of 4); 10 + 4 → 14 → 16; 10 + 4 → 16
        assertThat(g.size()).containsExactly(12, 16, 16);
        // centred on the region's centre
        double[] regionCentre = src.voxelToWorld().apply(9.5, 29.5, 12);
        double[] gridCentre = g.voxelToWorld().apply(5.5, 7.5, 7.5);
        assertThat(gridCentre[0]).isCloseTo(regionCentre[0], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(gridCentre[1]).isCloseTo(regionCentre[1], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(gridCentre[2]).isCloseTo(regionCentre[2], org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void wholeImageWhenNoRegion() {
        ImageGeometry src = ImageGeometry.axisAligned(10, 10, 10, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        ImageGeometry g = ModelGrid.covering(src, null, new double[] {1, 1, 1}, "RAS", 0, 1);
        assertThat(g.sameGrid(src, org.plaque.geom.Tolerance.DEFAULT)).isTrue();
    }
}

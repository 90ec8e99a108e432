package org.plaque.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;

class LabelVolumeTest {
    static final ImageGeometry GRID = ImageGeometry.axisAligned(2, 2, 2, new double[] {1, 1, 1},
        new double[] {0, 0, 0});

    @Test
    void ofCopiesAndMaxLabel() {
        int[] d = {0, 4, 0, 2, 0, 0, 7, 0};
        LabelVolume l = LabelVolume.of(GRID, d);
        d[6] = 100;
        assertThat(l.maxLabel()).isEqualTo(7);
        assertThat(l.get(0, 1, 1)).isEqualTo(7);
        l.toArray()[6] = 100;
        assertThat(l.get(6)).isEqualTo(7);
        assertThat(LabelVolume.builder(GRID).build().maxLabel()).isZero();
        assertThatThrownBy(() -> LabelVolume.of(GRID, new int[7])).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void builder() {
        LabelVolume.Builder b = LabelVolume.builder(GRID);
        b.set(1, 1, 1, 3).set(0, 2);
        b.array()[1] = 5;
        assertThat(b.get(7)).isEqualTo(3);
        assertThat(b.geometry()).isEqualTo(GRID);
        LabelVolume l = b.build();
        assertThat(l.toArray()).containsExactly(2, 5, 0, 0, 0, 0, 0, 3);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void voxelsByLabelListsEachLabelsIndicesAscending() {
        LabelVolume l = LabelVolume.of(GRID, new int[] {2, 1, 0, 2, 0, 5, 1, 2});
        int[][] v = l.voxelsByLabel(3);
        assertThat(v).hasNumberOfRows(4);
        assertThat(v[0]).isEmpty();
        assertThat(v[1]).containsExactly(1, 6);
        assertThat(v[2]).containsExactly(0, 3, 7);
        assertThat(v[3]).as("absent label").isEmpty();
        assertThat(l.voxelsByLabel(0)).hasNumberOfRows(1);
        assertThatThrownBy(() -> l.voxelsByLabel(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.plaque.dl.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.LabelVolume;
import org.plaque.image.ScalarVolume;

class LesionProbabilityStatsTest {
    @Test
    void meansPerLabelOnATinyVolume() {
        ImageGeometry g = Fakes.grid(4, 2, 1);
        LabelVolume labels = LabelVolume.of(g, new int[] {0, 1, 1, 0, 3, 3, 3, 0});
        ScalarVolume p = ScalarVolume.of(g, new float[] {0.9f, 0.8f, 0.6f, 0.1f, 0.5f, 0.7f, 0.9f, 0.2f});
        ScalarVolume u = ScalarVolume.of(g, new float[] {0, 0.01f, 0.03f, 0, 0.02f, 0.02f, 0.05f, 0});
        LesionProbabilityStats s = LesionProbabilityStats.compute(labels, p, u);
        assertThat(s.maxLabel()).isEqualTo(3);
        assertThat(s.voxelCount()).containsExactly(0, 2, 0, 3);
        assertThat(s.meanProbability(1)).isCloseTo(0.7, within(1e-6));
        assertThat(s.meanProbability(3)).isCloseTo(0.7, within(1e-6));
        assertThat(s.meanUncertainty(1)).isCloseTo(0.02, within(1e-6));
        assertThat(s.meanUncertainty(3)).isCloseTo(0.03, within(1e-6));
        assertThat(s.meanProbability()[0]).isNaN();
        assertThat(s.meanProbability(2)).isNaN();
        LesionProbabilityStats noU = LesionProbabilityStats.compute(labels, p, null);
        assertThat(noU.meanUncertainty(1)).isNaN();
        assertThat(noU.meanProbability(1)).isEqualTo(s.meanProbability(1));
    }

    @Test
    void refusesOtherGrids() {
        LabelVolume labels = LabelVolume.of(Fakes.grid(2, 1, 1), new int[] {1, 0});
        assertThatThrownBy(() -> LesionProbabilityStats.compute(labels, ScalarVolume.filled(Fakes.grid(3, 1, 1), 0f),
            null)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not on the same grid");
    }
}

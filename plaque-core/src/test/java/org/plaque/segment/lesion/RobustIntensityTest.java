package org.plaque.segment.lesion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;

class RobustIntensityTest {

    @Test
    void modeAndSdOfAGaussianWithContaminationOnBothSides() {
        Random r = new Random(21);
        int n = 200_000;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            // 80 % tissue N(300, 15²), 12 % bright "lesions" N(420, 30²), 8 % dark partial volume U(50, 300)
            v[i] = (float) (u < 0.8 ? 300 + 15 * r.nextGaussian()
                : u < 0.92 ? 420 + 30 * r.nextGaussian() : 50 + 250 * r.nextDouble());
        }
        RobustIntensity ri = RobustIntensity.of(v, "test tissue");
        assertThat(ri.mode()).isCloseTo(300, within(3.0));
        assertThat(ri.sd()).isCloseTo(15, within(1.5));
        assertThat(ri.z(345)).isCloseTo(3, within(0.35));
        assertThat(ri.samples()).isEqualTo(n);
        // plain statistics would be far off
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        assertThat(mean / n).isGreaterThan(300 + 3);
    }

    @Test
    void refusesTooFewOrConstantValues() {
        assertThatThrownBy(() -> RobustIntensity.of(new float[10], "confident white-matter"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("confident white-matter")
            .hasMessageContaining("registered");
        assertThatThrownBy(() -> RobustIntensity.of(new float[100], "x"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("constant");
    }
}

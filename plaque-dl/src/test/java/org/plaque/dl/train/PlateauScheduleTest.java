package org.plaque.dl.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlateauScheduleTest {
    @Test
    void decaysOnPlateauDownToTheFloorAndStopsAfterPatience() {
        PlateauSchedule s = new PlateauSchedule(PlateauSchedule.Settings.DEFAULT);
        assertThat(s.endEpoch(0.5)).isTrue();
        for (int i = 0; i < 4; i++) {
            s.endEpoch(0.4);
        }
        assertThat(s.learningRate()).isEqualTo(1e-3f);
        s.endEpoch(0.4);
        assertThat(s.learningRate()).isCloseTo(1e-4f, org.assertj.core.data.Offset.offset(1e-9f));
        for (int i = 0; i < 4; i++) {
            s.endEpoch(0.4);
        }
        assertThat(s.shouldStop()).isFalse();
        s.endEpoch(0.4);
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.learningRate()).isCloseTo(1e-5f, org.assertj.core.data.Offset.offset(1e-10f));
    }

    @Test
    void improvementResetsTheCounters() {
        PlateauSchedule s = new PlateauSchedule(PlateauSchedule.Settings.DEFAULT);
        s.endEpoch(0.1);
        for (int i = 0; i < 4; i++) {
            s.endEpoch(0.05);
        }
        assertThat(s.endEpoch(0.2)).isTrue();
        assertThat(s.epochsSinceBest()).isZero();
        assertThat(s.learningRate()).isEqualTo(1e-3f);
    }
}

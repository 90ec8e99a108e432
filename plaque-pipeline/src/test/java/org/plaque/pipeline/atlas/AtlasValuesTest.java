package org.plaque.pipeline.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Number formatting of messages. */
class AtlasValuesTest {
    @Test
    void formatsIntegersPlainAndFractionsWithSixDigits() {
        assertThat(AtlasValues.fmt(255)).isEqualTo("255");
        assertThat(AtlasValues.fmt(-0.2f)).isEqualTo("-0.2");
        assertThat(AtlasValues.fmt(1.0 / 3)).isEqualTo("0.333333");
        assertThat(AtlasValues.fmt(1.5e-7)).isEqualTo("0.00000015");
    }
}

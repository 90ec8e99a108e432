package org.plaque.dl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

class InputNormalisationTest {
    @Test
    void cardNamesRoundTripAndUnknownNamesAreRefused() {
        for (InputNormalisation n : InputNormalisation.values()) {
            assertThat(InputNormalisation.of(n.cardName())).isSameAs(n);
        }
        assertThatThrownBy(() -> InputNormalisation.of("minmax")).isInstanceOf(InvalidInputException.class)
            .hasMessage("unknown intensity normalisation 'minmax' (known: zscore-brain, wm-ratio)");
    }

    @Test
    void eachNameAppliesItsMethodPerChannel() {
        PhantomCase p = HeadPhantom.generate(PhantomParams.DEFAULTS.withSpacingMm(3.0));
        TrainingSubject s = new TrainingSubject("a", List.of("FLAIR", "T1"), List.of(p.flair(), p.t1()),
            p.lesionMask(), p.brainMask());
        TrainingSubject z = InputNormalisation.ZSCORE_BRAIN.apply(s);
        TrainingSubject r = InputNormalisation.WM_RATIO.apply(s);
        assertThat(z.channels().get(1).toArray())
            .isEqualTo(IntensityNormalisation.withDefaults().apply(p.t1(), p.brainMask()).toArray());
        assertThat(r.channels().get(1).toArray())
            .isEqualTo(WhiteMatterRatio.apply(p.t1(), p.brainMask(), "T1").toArray());
        assertThat(r.channels().get(0).toArray())
            .isEqualTo(WhiteMatterRatio.apply(p.flair(), p.brainMask(), "FLAIR").toArray());
        assertThat(r.lesion()).isSameAs(s.lesion());
    }
}

package org.plaque.pipeline.skullstrip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.testing.TestSubjects;

/** A ball-shaped "brain" inside a dark "skull" inside a bright "scalp", and an atlas mask that is too small. */
class AtlasBrainMaskTest {
    private static double dice(Mask a, Mask b) {
        int both = 0;
        for (int i = 0; i < a.geometry().voxelCount(); i++) {
            if (a.get(i) && b.get(i)) {
                both++;
            }
        }
        return 2.0 * both / (a.count() + b.count());
    }

    @Test
    void refinementMovesTheWarpedMaskOntoTheBrainAndStopsAtTheSkull() {
        ImageGeometry g = ImageGeometry.axisAligned(48, 48, 48, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        Mask brain = TestSubjects.ball(g, 15);
        Mask skullOuter = TestSubjects.ball(g, 19);
        Mask head = TestSubjects.ball(g, 22);
        ScalarVolume.Builder b = ScalarVolume.builder(g);
        for (int i = 0; i < g.voxelCount(); i++) {
            // brain 300, skull 20, scalp 250, air 0, plus a dark "ventricle" in the middle
            b.set(i, brain.get(i) ? 300 : skullOuter.get(i) ? 20 : head.get(i) ? 250 : 0);
        }
        Mask ventricle = TestSubjects.ball(g, 3);
        for (int i = 0; i < g.voxelCount(); i++) {
            if (ventricle.get(i)) {
                b.set(i, 40);
            }
        }
        ScalarVolume image = b.build();
        Mask warped = TestSubjects.ball(g, 12.5);
        ScalarVolume before = image.toBuilder().build();

        AtlasBrainMask.Result r = new AtlasBrainMask(new AtlasBrainMask.Params(4, 5, 1.0, 2))
            .refine(image, warped, null, ExecutionContext.of(2, 1, (s, f) -> { }));
        assertThat(r.thresholdRule()).isEqualTo("otsu");
        assertThat(r.threshold()).isBetween(40.0, 250.0);
        assertThat(dice(r.mask(), brain)).isGreaterThan(0.97).isGreaterThan(dice(warped, brain) + 0.1);
        // the ventricle is inside the result, the scalp outside it
        assertThat(r.mask().get(24, 24, 24)).isTrue();
        assertThat(r.mask().get(24, 24, 24 + 20)).isFalse();
        assertThat(image.toArray()).isEqualTo(before.toArray());
    }
}

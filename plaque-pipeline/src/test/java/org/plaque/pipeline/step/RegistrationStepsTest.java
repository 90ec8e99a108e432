package org.plaque.pipeline.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.testing.SyntheticHead;
import org.plaque.registration.transform.Transform;

/** Atlas → subject and T1 → FLAIR registration steps on the synthetic head with known displacements. */
class RegistrationStepsTest {
    @TempDir
    Path dir;

    private static double dice(Mask a, Mask b) {
        int both = 0;
        for (int i = 0; i < a.geometry().voxelCount(); i++) {
            if (a.get(i) && b.get(i)) {
                both++;
            }
        }
        return 2.0 * both / (a.count() + b.count());
    }

    /**
     * Rigid only: the synthetic head is nested ellipsoidal shells, and an affine stage can map the atlas brain's
     * outline onto the subject's skull (the shells are similar figures); real anatomy has no such ambiguity
     * (the real-data and phantom tests cover rigid + affine).
     */
    @Test
    void theAtlasIsRegisteredAndWarpedOntoTheSubject() throws Exception {
        double[] shift = {6, -5, 4};
        Atlas atlas = Atlas.load(SyntheticHead.writeAtlas(dir.resolve("atlas"), shift));
        ScalarVolume flair = SyntheticHead.flair(true, 2);
        Subject s = Subject.of("s", flair);
        AtlasRegistrationStep step = new AtlasRegistrationStep(atlas, List.of("rigid"), "auto", "auto", 10);
        StepContext ctx = StepContext.of(ExecutionContext.of(2, 42, ProgressListener.NONE));
        Subject out = step.apply(s, ctx);

        Transform t = out.require(SubjectKeys.SUBJECT_TO_ATLAS);
        double[] p = {10, -20, 5};
        double[] q = new double[3];
        t.transformPoint(p, q);
        Mask brain = Mask.above(SyntheticHead.flair(false, 2), 0);
        for (int d = 0; d < 3; d++) {
            assertThat(q[d] - p[d]).as("axis %d", d).isCloseTo(shift[d], org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(dice(out.require(SubjectKeys.ATLAS_BRAIN_MASK), brain)).isGreaterThan(0.95);
        assertThat(out.require(SubjectKeys.WM).geometry()).isEqualTo(flair.geometry());
        assertThat(out.require(SubjectKeys.WM).statistics().max()).isLessThanOrEqualTo(1.0);
        assertThat(ctx.details()).containsKeys("levels", "subject_to_atlas", "fixed_image");
        assertThat(step.parameters()).containsEntry("stages", List.of("rigid"));
        assertThat(s.has(SubjectKeys.WM)).isFalse();

        // the same seed gives the same transform
        Subject again = step.apply(s, StepContext.of(ExecutionContext.of(1, 42, ProgressListener.NONE)));
        double[] q2 = new double[3];
        again.require(SubjectKeys.SUBJECT_TO_ATLAS).transformPoint(p, q2);
        assertThat(q2).containsExactly(q);
    }

    @Test
    void aT1OnAnotherGridIsRegisteredOntoTheFlairGrid() {
        ScalarVolume flair = SyntheticHead.flair(true, 3);
        // the T1 on a coarser, rotated grid whose anatomy is the same head moved by 4 mm and 5°
        double a = Math.toRadians(5);
        Affine move = Affine.translation(4, -3, 2).multiply(Affine.ofRowMajor(Math.cos(a), -Math.sin(a), 0, 0,
            Math.sin(a), Math.cos(a), 0, 0, 0, 0, 1, 0));
        ImageGeometry t1Grid = ImageGeometry.axisAligned(40, 46, 36, new double[] {2.5, 2.5, 2.5},
            new double[] {-50, -57, -44});
        // image value at t1 world point w = head at move⁻¹(w): the head as seen after moving it by `move`
        ImageGeometry sampled = t1Grid.withVoxelToWorld(move.inverse().multiply(t1Grid.voxelToWorld()));
        ScalarVolume t1 = SyntheticHead.t1(sampled, 4).withGeometry(t1Grid);
        Subject s = Subject.of("s", flair).with(SubjectKeys.T1, t1);
        StepContext ctx = StepContext.of(ExecutionContext.of(2, 42, ProgressListener.NONE));
        Subject out = new ChannelRegistrationStep(List.of("rigid")).apply(s, ctx);
        ScalarVolume registered = out.require(SubjectKeys.T1);
        assertThat(registered.geometry()).isEqualTo(flair.geometry());
        // the truth: the T1-like head sampled directly on the FLAIR grid
        ScalarVolume truth = SyntheticHead.t1(flair.geometry(), 4);
        Mask brain = Mask.above(SyntheticHead.flair(false, 3), 0);
        Mask wmTruth = Mask.above(truth, 370);
        Mask wmGot = Mask.above(registered, 370);
        assertThat(dice(Mask.of(flair.geometry(), and(wmTruth, brain)), Mask.of(flair.geometry(), and(wmGot, brain))))
            .isGreaterThan(0.85);
        assertThat(ctx.details()).containsKey("t1");
        assertThat(((Map<?, ?>) ctx.details().get("t1")).containsKey("flair_to_t1")).isTrue();

        // a T1 already on the FLAIR's grid is left alone
        Subject same = Subject.of("s", flair).with(SubjectKeys.T1, truth);
        assertThat(new ChannelRegistrationStep(List.of("rigid")).apply(same, StepContext.of(
            ExecutionContext.singleThreaded())).require(SubjectKeys.T1)).isSameAs(truth);
    }

    private static boolean[] and(Mask a, Mask b) {
        boolean[] o = new boolean[a.geometry().voxelCount()];
        for (int i = 0; i < o.length; i++) {
            o[i] = a.get(i) && b.get(i);
        }
        return o;
    }
}

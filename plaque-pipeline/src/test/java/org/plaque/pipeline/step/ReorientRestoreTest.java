package org.plaque.pipeline.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Orientation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;
import org.plaque.pipeline.testing.TestSubjects;

/** Reorientation for processing and its exact inverse. */
class ReorientRestoreTest {
    private final StepContext ctx = StepContext.of(ExecutionContext.singleThreaded());

    @Test
    void processingHappensInRasAndResultsComeBackOnTheExactInputGrid() {
        ImageGeometry lps = TestSubjects.lpsGrid(5, 4, 3);
        ScalarVolume flair = TestSubjects.ramp(lps);
        ScalarVolume t1 = TestSubjects.ramp(TestSubjects.lpsGrid(6, 4, 3));
        Subject s = Subject.of("s", flair).with(SubjectKeys.T1, t1);

        Subject ras = new ReorientStep("RAS").apply(s, ctx);
        assertThat(Orientation.axisCodes(ras.grid())).isEqualTo("RAS");
        assertThat(Orientation.axisCodes(ras.require(SubjectKeys.T1).geometry())).isEqualTo("RAS");
        assertThat(ras.require(SubjectKeys.INPUT_GRID)).isEqualTo(lps);
        assertThat(ras.require(SubjectKeys.FLAIR_INPUT).geometry()).isEqualTo(ras.grid());

        // a derived image made on the processing grid: voxels where the ramp is odd
        Mask derived = Mask.above(ras.flair(), 20000);
        Subject back = new RestoreGridStep().apply(ras.with(SubjectKeys.LESION_MASK, derived), ctx);
        assertThat(back.grid()).isEqualTo(lps);
        assertThat(back.flair().toArray()).isEqualTo(flair.toArray());
        Mask m = back.require(SubjectKeys.LESION_MASK);
        assertThat(m.geometry()).isEqualTo(lps);
        for (int i = 0; i < lps.voxelCount(); i++) {
            assertThat(m.get(i)).isEqualTo(flair.get(i) > 20000);
        }
        // the T1 is on its own grid, not the processing grid: it stays as it was (reoriented)
        assertThat(back.require(SubjectKeys.T1).geometry()).isEqualTo(ras.require(SubjectKeys.T1).geometry());
        assertThat(flair.geometry()).isEqualTo(lps);
    }

    @Test
    void restoringWithoutReorientationChangesNothing() {
        Subject s = Subject.of("s", TestSubjects.ramp(TestSubjects.lpsGrid(3, 3, 3)));
        assertThat(new RestoreGridStep().apply(s, ctx)).isSameAs(s);
    }
}

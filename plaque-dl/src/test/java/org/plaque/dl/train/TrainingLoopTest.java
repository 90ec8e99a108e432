package org.plaque.dl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;

class TrainingLoopTest {
    private static final int SIZE = 8;

    /** Target: voxels brighter than 0.5 — one 1×1×1 convolution and a sigmoid can learn it. */
    private static Batch thresholdBatch(SplittableRandom r) {
        int n = 2;
        int voxels = SIZE * SIZE * SIZE;
        float[] x = new float[n * voxels];
        float[] y = new float[n * voxels];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-1, 2);
            y[i] = x[i] > 0.5f ? 1 : 0;
        }
        return new Batch(x, new long[] {n, 1, SIZE, SIZE, SIZE}, y, new long[] {n, SIZE, SIZE, SIZE});
    }

    private static Block tinyNet() {
        return new SequentialBlock()
            .add(Conv3d.builder().setKernelShape(new Shape(1, 1, 1)).setFilters(1).build())
            .add(Activation::sigmoid);
    }

    private static Validation validation() {
        SplittableRandom r = new SplittableRandom(99);
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batches.add(thresholdBatch(r));
        }
        return new Validation(batches);
    }

    private static TrainingLoop.Settings settings(int epochs) {
        return new TrainingLoop.Settings(epochs, 40, new PlateauSchedule.Settings(0.1f, 1e-3f, 0.1f, 5, 10), 7);
    }

    private static TrainingLoop.Outcome train(int epochs, Path dir, boolean resume) throws Exception {
        TrainingLoop loop = new TrainingLoop(tinyNet(), new Shape(2, 1, SIZE, SIZE, SIZE),
            new ProbabilityLoss(ProbabilityLoss.Kind.BCE_DICE), settings(epochs));
        return loop.run(TrainingLoopTest::thresholdBatch, validation(), dir, resume,
            new PrintWriter(new java.io.StringWriter()));
    }

    @Test
    void learnsAThresholdAndKeepsTheBestWeights(@TempDir Path dir) throws Exception {
        TrainingLoop.Outcome outcome = train(3, dir, false);
        List<TrainingState.EpochRecord> h = outcome.state().history();
        assertThat(h).hasSize(3);
        assertThat(h.get(2).loss()).isLessThan(h.get(0).loss());
        assertThat(outcome.state().bestScore()).isGreaterThan(0.9);
        assertThat(new Checkpoints(dir).readBest()).isEqualTo(outcome.bestWeights());
    }

    @Test
    void sameSeedGivesIdenticalWeights(@TempDir Path a, @TempDir Path b) throws Exception {
        assertThat(train(2, a, false).bestWeights()).isEqualTo(train(2, b, false).bestWeights());
    }

    @Test
    void resumeContinuesAfterTheLastEpoch(@TempDir Path dir) throws Exception {
        train(1, dir, false);
        TrainingLoop.Outcome resumed = train(3, dir, true);
        assertThat(resumed.state().history()).extracting(TrainingState.EpochRecord::epoch).containsExactly(1, 2, 3);
        assertThat(resumed.state().bestScore()).isGreaterThan(0.9);
    }

    @Test
    void resumeWithoutCheckpointIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> train(2, dir, true)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("no checkpoint to resume from");
    }
}

package org.plaque.dl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.plaque.dl.infer.PatchPredictor;

/**
 * Runs a trained block in inference mode (dropout off, batch-norm running statistics) on plain arrays. Not
 * thread-safe: one instance per thread. Each call allocates its tensors in a sub-manager that is closed
 * before returning, so native memory does not grow with the number of calls.
 */
public final class BlockForward implements PatchPredictor {
    private final Block block;
    private final NDManager manager;
    private final ParameterStore parameters;

    /** Inference with {@code block} (initialised, weights loaded) on {@code manager}'s device. */
    public BlockForward(Block block, NDManager manager) {
        this.block = block;
        this.manager = manager;
        this.parameters = new ParameterStore(manager, false);
    }

    /** The network output for {@code input} of shape {@code shape}, flattened. */
    public float[] apply(float[] input, long[] shape) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(input, new Shape(shape));
            return block.forward(parameters, new NDList(x), false).singletonOrThrow().toFloatArray();
        }
    }

    /** The batch with its target replaced by the network output (for {@link Validation}). */
    public Batch predict(Batch batch) {
        float[] out = apply(batch.input(), batch.inputShape());
        return new Batch(batch.input(), batch.inputShape(), out, new long[] {out.length});
    }

    @Override
    public float[] predict(float[] batch, int n, int channels, int[] shape) {
        long[] full = new long[shape.length + 2];
        full[0] = n;
        full[1] = channels;
        for (int i = 0; i < shape.length; i++) {
            full[i + 2] = shape[i];
        }
        return apply(batch, full);
    }
}

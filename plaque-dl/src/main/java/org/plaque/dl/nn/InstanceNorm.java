package org.plaque.dl.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Instance normalisation: each sample's channel is shifted to mean 0 and scaled to variance 1 over its spatial
 * axes, then multiplied by a learnable per-channel {@code gamma} (initially 1) and shifted by {@code beta}
 * (initially 0). Input (N, C, spatial...) of any spatial rank; at least two spatial elements are needed.
 *
 * <p>DJL has no instance-norm block; this one runs the engine's fused batch-norm kernel in training mode on the
 * input viewed as one sample with N·C channels, so it is one pass and identical in training and inference.
 * Ulyanov, Vedaldi, Lempitsky 2016, "Instance Normalization: The Missing Ingredient for Fast Stylization"
 * (arXiv:1607.08022).
 */
public final class InstanceNorm extends AbstractBlock {
    private static final float EPSILON = 1e-5f;

    private final Parameter gamma;
    private final Parameter beta;
    private long channels;

    /** A block whose channel count is taken from the input at initialisation. */
    public InstanceNorm() {
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        long n = shape.get(0);
        long c = shape.get(1);
        Device device = x.getDevice();
        NDArray g = parameterStore.getValue(gamma, device, training);
        NDArray b = parameterStore.getValue(beta, device, training);
        NDManager manager = x.getManager();
        // throw-away running statistics: the kernel updates them in place, nothing reads them
        NDArray runningMean = manager.zeros(new Shape(n * c));
        NDArray runningVar = manager.ones(new Shape(n * c));
        NDArray flat = x.reshape(new Shape(1, n * c).addAll(shape.slice(2)));
        NDArray y = BatchNorm.batchNorm(flat, runningMean, runningVar, g.tile(n), b.tile(n), 1, 0.9f, EPSILON, true)
                .singletonOrThrow();
        return new NDList(y.reshape(shape));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        channels = inputShapes[0].get(1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        gamma.setShape(new Shape(channels));
        beta.setShape(new Shape(channels));
    }
}

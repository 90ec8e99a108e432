package org.plaque.dl.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;

/** Helpers for the network blocks of this package. */
public final class Networks {
    private Networks() {
    }

    /**
     * He (Kaiming) normal initialisation: weights drawn from N(0, 2 / fan_in), fan_in = input channels × kernel
     * volume. He, Zhang, Ren, Sun 2015, "Delving Deep into Rectifiers", doi:10.1109/ICCV.2015.123.
     */
    public static Initializer heNormal() {
        return new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2f);
    }

    /** Sets {@link #heNormal()} on every weight of the block (biases 0, norm scales 1 and shifts 0 by default). */
    static <B extends Block> B withHeInit(B block) {
        block.setInitializer(heNormal(), Parameter.Type.WEIGHT);
        return block;
    }

    /**
     * The number of trainable scalars (parameters that take gradients; batch-norm running statistics are not
     * counted).
     *
     * @throws IllegalStateException when the block is not initialised
     */
    public static long parameterCount(Block block) {
        if (!block.isInitialized()) {
            throw new IllegalStateException("parameterCount needs an initialised block");
        }
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                total += p.getValue().getArray().size();
            }
        }
        return total;
    }
}

package org.plaque.dl.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Map;
import org.plaque.InvalidInputException;

/**
 * The architecture and hyper-parameters of one network, enough to rebuild the same {@link Block} (so the
 * trained weights load into it). {@link #toMap()} gives a map of strings, integers and doubles for
 * {@code model.json}; {@link #fromMap(Map)} reads it back.
 */
public sealed interface NetworkSpec permits UNet3dSpec, UNet2dSpec, PatchCnnSpec,
        NewLesionFilterSpec {
    /**
     * Map key naming the architecture: {@code "unet3d"}, {@code "unet2d"}, {@code "patchcnn"} or
     * {@code "newlesion-filter"}.
     */
    String ARCHITECTURE_KEY = "architecture";

    /** The architecture name stored under {@link #ARCHITECTURE_KEY}. */
    String architecture();

    /** The number of input channels (modalities). */
    int inputChannels();

    /** 3 for volumes (N, C, D, H, W), 2 for slices (N, C, H, W). */
    int spatialDims();

    /** A new, uninitialised block that ends in probabilities. */
    default Block newBlock() {
        return newBlock(Output.PROBABILITIES);
    }

    /** A new, uninitialised block; initialise it (or load weights into it) before use. */
    Block newBlock(Output output);

    /**
     * The input shape (batch, C, spatial...) for a batch of {@code batch} samples of the given spatial size
     * ({D, H, W} or {H, W}).
     *
     * @throws InvalidInputException when the network cannot take that spatial size
     */
    Shape inputShape(int batch, int... spatial);

    /** The output shape for {@link #inputShape}: (batch, classes, spatial...) or (batch, 2) for the patch CNN. */
    Shape outputShape(int batch, int... spatial);

    /** The architecture and every hyper-parameter, with the architecture under {@link #ARCHITECTURE_KEY}. */
    Map<String, Object> toMap();

    /**
     * Reads a spec written by {@link #toMap()}; missing hyper-parameters take their defaults, numbers may be of
     * any {@link Number} type (as JSON readers produce them).
     *
     * @throws InvalidInputException on an unknown architecture or key, a missing channel count or a value out of
     *     range
     */
    static NetworkSpec fromMap(Map<String, ?> map) {
        Object arch = map.get(ARCHITECTURE_KEY);
        try {
            if (UNet3dSpec.ARCHITECTURE.equals(arch)) {
                return UNet3dSpec.fromMap(map);
            }
            if (UNet2dSpec.ARCHITECTURE.equals(arch)) {
                return UNet2dSpec.fromMap(map);
            }
            if (PatchCnnSpec.ARCHITECTURE.equals(arch)) {
                return PatchCnnSpec.fromMap(map);
            }
            if (NewLesionFilterSpec.ARCHITECTURE.equals(arch)) {
                return NewLesionFilterSpec.fromMap(map);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("network spec: " + e.getMessage(), e);
        }
        throw new InvalidInputException("network spec: unknown architecture '" + arch
                + "' (expected unet3d, unet2d, patchcnn or newlesion-filter)");
    }
}

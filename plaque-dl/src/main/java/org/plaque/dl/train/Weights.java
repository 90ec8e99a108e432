package org.plaque.dl.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.plaque.InvalidInputException;

/** A block's parameters (weights and batch-norm statistics) as bytes, in DJL's parameter format. */
public final class Weights {
    private Weights() {
    }

    /** The parameters of an initialised block. */
    public static byte[] of(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Initialises {@code block} for {@code inputShape} and loads {@code weights} into it.
     *
     * @param what names the weights in error messages (e.g. a file)
     * @throws InvalidInputException when the weights do not belong to this architecture
     */
    public static void load(Block block, NDManager manager, Shape inputShape, byte[] weights, String what) {
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, inputShape);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidInputException(what + ": weights do not fit the network (" + e.getMessage() + ")");
        }
    }
}

package org.plaque.dl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.plaque.InvalidInputException;

/**
 * A block's parameters (weights and batch-norm running statistics) as bytes in Plaque's weights format: the
 * magic {@code PLQW}, the format version and the parameter count, then for each parameter in the block's order its
 * name, storage precision (float32 or float16), shape and values, all big-endian.
 *
 * <p>Checkpoints keep float32, so a resumed training continues exactly where it stopped. Model bundles store
 * float16 ({@link #toHalfPrecision}): it halves the file, and the rounding (relative error at most 2⁻¹¹) is far
 * below what changes a segmentation. Loading widens float16 back to float32, the type the networks compute in.
 */
public final class Weights {
    private static final int MAGIC = 0x504c5157;
    private static final int VERSION = 1;
    private static final byte FLOAT32 = 32;
    private static final byte FLOAT16 = 16;
    private static final int MAX_DIMS = 8;

    private Weights() {
    }

    /** One stored parameter. */
    private record Stored(String name, long[] shape, float[] values) {
    }

    /** The parameters of an initialised block, at float32. */
    public static byte[] of(Block block) {
        List<Stored> stored = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            stored.add(new Stored(p.getKey(), array.getShape().getShape(), array.toFloatArray()));
        }
        return write(stored, false);
    }

    /**
     * The same weights with every parameter whose values all fit float16's range (|v| ≤ 65504) stored at float16;
     * any other stays float32, so no value overflows.
     *
     * @throws InvalidInputException when {@code weights} are not in Plaque's weights format
     */
    public static byte[] toHalfPrecision(byte[] weights) {
        return write(read(weights, "weights"), true);
    }

    /**
     * Initialises {@code block} for {@code inputShape} and loads {@code weights} into it.
     *
     * @param what names the weights in error messages (e.g. a file)
     * @throws InvalidInputException when the bytes are not Plaque weights or do not belong to this architecture
     */
    public static void load(Block block, NDManager manager, Shape inputShape, byte[] weights, String what) {
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, inputShape);
        }
        List<Stored> stored = read(weights, what);
        ParameterList params = block.getParameters();
        if (stored.size() != params.size()) {
            throw new InvalidInputException(what + ": weights do not fit the network (" + stored.size()
                + " parameters stored, the network has " + params.size() + ")");
        }
        for (int i = 0; i < stored.size(); i++) {
            Stored s = stored.get(i);
            String name = params.keyAt(i);
            NDArray target = params.valueAt(i).getArray();
            long[] shape = target.getShape().getShape();
            if (!s.name().equals(name) || !Arrays.equals(s.shape(), shape)) {
                throw new InvalidInputException(what + ": weights do not fit the network (parameter " + (i + 1)
                    + " is " + s.name() + " " + Arrays.toString(s.shape()) + " in the weights, " + name + " "
                    + Arrays.toString(shape) + " in the network)");
            }
            target.set(FloatBuffer.wrap(s.values()));
        }
    }

    private static byte[] write(List<Stored> stored, boolean half) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(stored.size());
            for (Stored s : stored) {
                boolean asHalf = half && HalfFloat.fits(s.values());
                out.writeUTF(s.name());
                out.writeByte(asHalf ? FLOAT16 : FLOAT32);
                out.writeInt(s.shape().length);
                for (long d : s.shape()) {
                    out.writeLong(d);
                }
                out.write(asHalf ? HalfFloat.encode(s.values()) : float32Bytes(s.values()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<Stored> read(byte[] weights, String what) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            if (weights.length < 12 || in.readInt() != MAGIC) {
                throw new InvalidInputException(what + ": not a Plaque weights file (no PLQW header)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidInputException(what + ": weights format version " + version
                    + " is not supported (this Plaque reads version " + VERSION + ")");
            }
            int count = in.readInt();
            List<Stored> stored = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte precision = in.readByte();
                int bytesPerValue = precision == FLOAT16 ? 2 : precision == FLOAT32 ? 4 : -1;
                int dims = in.readInt();
                if (bytesPerValue < 0 || dims < 0 || dims > MAX_DIMS) {
                    throw damaged(what, name);
                }
                long[] shape = new long[dims];
                long size = 1;
                for (int d = 0; d < dims; d++) {
                    shape[d] = in.readLong();
                    // both factors stay below 2³¹, so the product cannot overflow
                    if (shape[d] < 0 || shape[d] > Integer.MAX_VALUE || (size *= shape[d]) > Integer.MAX_VALUE) {
                        throw damaged(what, name);
                    }
                }
                if (size * bytesPerValue > in.available()) {
                    throw damaged(what, name);
                }
                byte[] data = in.readNBytes((int) size * bytesPerValue);
                float[] values = precision == FLOAT16 ? HalfFloat.decode(data) : float32Values(data);
                stored.add(new Stored(name, shape, values));
            }
            if (in.available() > 0) {
                throw new InvalidInputException(what + ": weights file has " + in.available()
                    + " bytes after its last parameter");
            }
            return stored;
        } catch (EOFException e) {
            throw new InvalidInputException(what + ": weights file is truncated");
        } catch (IOException e) {
            // the bytes are in memory: a read can only fail on malformed content, e.g. a name that is not UTF-8
            throw new InvalidInputException(what + ": weights file is damaged (" + e.getMessage() + ")");
        }
    }

    private static InvalidInputException damaged(String what, String parameter) {
        return new InvalidInputException(what + ": weights file is damaged at parameter " + parameter);
    }

    private static byte[] float32Bytes(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    private static float[] float32Values(byte[] data) {
        float[] values = new float[data.length / Float.BYTES];
        ByteBuffer.wrap(data).asFloatBuffer().get(values);
        return values;
    }
}

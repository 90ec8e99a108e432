package org.plaque.dl.nn;

import static org.plaque.dl.nn.UNetShapes.requireArgument;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Map;
import java.util.Set;

/**
 * Hyper-parameters of a {@link UNet3d}.
 *
 * @param inputChannels input modalities, ≥ 1
 * @param classes output channels: 1 → sigmoid, more → softmax over the channel axis
 * @param depth number of 2× poolings, 1..6 (default 3); spatial sizes must be multiples of 2^depth
 * @param baseWidth channels of the finest level, doubled per level, ≥ 1 (default 8)
 * @param dropout dropout probability after the bottleneck and the coarser decoder levels, in [0, 1) (default 0.1)
 * @param normalization after every convolution (default {@link Normalization#BATCH}, see there why)
 * @param upsampling decoder upsampling (default {@link Upsampling#NEAREST})
 * @throws IllegalArgumentException when a value is out of range
 */
public record UNet3dSpec(int inputChannels, int classes, int depth, int baseWidth, float dropout,
        Normalization normalization, Upsampling upsampling) implements NetworkSpec {
    /** The architecture name in maps. */
    public static final String ARCHITECTURE = "unet3d";

    private static final Set<String> KEYS = Set.of(ARCHITECTURE_KEY, "inputChannels", "classes", "depth",
            "baseWidth", "dropout", "normalization", "upsampling");

    public UNet3dSpec {
        UNetSpecs.validate(ARCHITECTURE, inputChannels, classes, depth, baseWidth, dropout);
        requireArgument(normalization != null && upsampling != null, "unet3d: normalization/upsampling missing");
    }

    /** The defaults: one class, depth 3, base width 8, dropout 0.1, batch norm, nearest upsampling. */
    public static UNet3dSpec defaults(int inputChannels) {
        return new UNet3dSpec(inputChannels, 1, 3, 8, 0.1f, Normalization.BATCH, Upsampling.NEAREST);
    }

    /** The same spec with another depth and base width. */
    public UNet3dSpec withSize(int newDepth, int newBaseWidth) {
        return new UNet3dSpec(inputChannels, classes, newDepth, newBaseWidth, dropout, normalization, upsampling);
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public int spatialDims() {
        return 3;
    }

    @Override
    public Block newBlock(Output output) {
        return UNet3d.newBlock(this, output);
    }

    @Override
    public Shape inputShape(int batch, int... spatial) {
        return UNetSpecs.shape(ARCHITECTURE, 3, depth, normalization, batch, inputChannels, spatial);
    }

    @Override
    public Shape outputShape(int batch, int... spatial) {
        return UNetSpecs.shape(ARCHITECTURE, 3, depth, normalization, batch, classes, spatial);
    }

    @Override
    public Map<String, Object> toMap() {
        return UNetSpecs.toMap(ARCHITECTURE, inputChannels, classes, depth, baseWidth, dropout, normalization,
                upsampling);
    }

    static UNet3dSpec fromMap(Map<String, ?> map) {
        SpecMaps.checkKeys(map, KEYS, ARCHITECTURE);
        UNet3dSpec d = defaults(1);
        return new UNet3dSpec(SpecMaps.getInt(map, "inputChannels", null),
                SpecMaps.getInt(map, "classes", d.classes), SpecMaps.getInt(map, "depth", d.depth),
                SpecMaps.getInt(map, "baseWidth", d.baseWidth), SpecMaps.getFloat(map, "dropout", d.dropout),
                SpecMaps.getEnum(map, "normalization", Normalization.class, d.normalization),
                SpecMaps.getEnum(map, "upsampling", Upsampling.class, d.upsampling));
    }
}

package org.plaque.dl.nn;

import static org.plaque.dl.nn.UNetShapes.requireArgument;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.plaque.InvalidInputException;

/**
 * Hyper-parameters of a {@link PatchCnn}.
 *
 * @param inputChannels input modalities, ≥ 1
 * @param patchSize edge of the cubic patch in voxels, odd and ≥ 5 (default 15) so the candidate voxel is central
 * @param filters1 filters of the first 5³ convolution (default 32)
 * @param filters2 filters of the second 5³ convolution (default 64)
 * @param denseUnits units of the hidden dense layer (default 256)
 * @param dropout dropout probability before the dense layer, in [0, 1) (default 0.5)
 * @throws IllegalArgumentException when a value is out of range
 */
public record PatchCnnSpec(int inputChannels, int patchSize, int filters1, int filters2, int denseUnits,
        float dropout) implements NetworkSpec {
    /** The architecture name in maps. */
    public static final String ARCHITECTURE = "patchcnn";

    private static final Set<String> KEYS = Set.of(ARCHITECTURE_KEY, "inputChannels", "patchSize", "filters1",
            "filters2", "denseUnits", "dropout");

    public PatchCnnSpec {
        requireArgument(inputChannels >= 1, "patchcnn: inputChannels must be ≥ 1, got " + inputChannels);
        requireArgument(patchSize >= 5 && patchSize % 2 == 1 && patchSize <= 255,
                "patchcnn: patchSize must be odd and in 5..255, got " + patchSize);
        requireArgument(filters1 >= 1 && filters2 >= 1 && denseUnits >= 1,
                "patchcnn: filters and dense units must be ≥ 1");
        requireArgument(dropout >= 0f && dropout < 1f, "patchcnn: dropout must be in [0, 1), got " + dropout);
    }

    /** The defaults of the paper: 15³ patches, 32 and 64 filters, 256 dense units, dropout 0.5. */
    public static PatchCnnSpec defaults(int inputChannels) {
        return new PatchCnnSpec(inputChannels, 15, 32, 64, 256, 0.5f);
    }

    /** Features entering the dense layer: filters2 · ⌊⌊p/2⌋/2⌋³. */
    public long flattenedFeatures() {
        long edge = patchSize / 2 / 2;
        return filters2 * edge * edge * edge;
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
        return PatchCnn.newBlock(this, output);
    }

    /** The input shape (batch, C, p, p, p). */
    public Shape inputShape(int batch) {
        return inputShape(batch, patchSize, patchSize, patchSize);
    }

    @Override
    public Shape inputShape(int batch, int... spatial) {
        check(batch, spatial);
        return new Shape(batch, inputChannels, patchSize, patchSize, patchSize);
    }

    @Override
    public Shape outputShape(int batch, int... spatial) {
        check(batch, spatial);
        return new Shape(batch, 2);
    }

    private void check(int batch, int[] spatial) {
        if (batch < 1 || spatial.length != 3 || spatial[0] != patchSize || spatial[1] != patchSize
                || spatial[2] != patchSize) {
            throw new InvalidInputException("patchcnn: needs batch ≥ 1 and patches of " + patchSize + "³ voxels, got "
                    + "batch " + batch + " and " + java.util.Arrays.toString(spatial));
        }
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ARCHITECTURE_KEY, ARCHITECTURE);
        m.put("inputChannels", inputChannels);
        m.put("patchSize", patchSize);
        m.put("filters1", filters1);
        m.put("filters2", filters2);
        m.put("denseUnits", denseUnits);
        m.put("dropout", SpecMaps.decimal(dropout));
        return m;
    }

    static PatchCnnSpec fromMap(Map<String, ?> map) {
        SpecMaps.checkKeys(map, KEYS, ARCHITECTURE);
        PatchCnnSpec d = defaults(1);
        return new PatchCnnSpec(SpecMaps.getInt(map, "inputChannels", null),
                SpecMaps.getInt(map, "patchSize", d.patchSize), SpecMaps.getInt(map, "filters1", d.filters1),
                SpecMaps.getInt(map, "filters2", d.filters2), SpecMaps.getInt(map, "denseUnits", d.denseUnits),
                SpecMaps.getFloat(map, "dropout", d.dropout));
    }
}

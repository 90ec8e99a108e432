package org.plaque.dl.nn;

import static org.plaque.dl.nn.UNetShapes.requireArgument;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.plaque.InvalidInputException;

/** Validation, shapes and maps shared by {@link UNet3dSpec} and {@link UNet2dSpec}. */
final class UNetSpecs {
    private UNetSpecs() {
    }

    static void validate(String arch, int inputChannels, int classes, int depth, int baseWidth, float dropout) {
        requireArgument(inputChannels >= 1, arch + ": inputChannels must be ≥ 1, got " + inputChannels);
        requireArgument(classes >= 1, arch + ": classes must be ≥ 1, got " + classes);
        requireArgument(depth >= 1 && depth <= 6, arch + ": depth must be in 1..6, got " + depth);
        requireArgument(baseWidth >= 1 && (long) baseWidth << depth <= 4096,
                arch + ": baseWidth must be ≥ 1 and baseWidth·2^depth ≤ 4096, got " + baseWidth);
        requireArgument(dropout >= 0f && dropout < 1f, arch + ": dropout must be in [0, 1), got " + dropout);
    }

    static Shape shape(String arch, int dims, int depth, Normalization norm, int batch, int channels,
            int[] spatial) {
        if (batch < 1 || spatial.length != dims) {
            throw new InvalidInputException(arch + ": need a batch ≥ 1 and " + dims + " spatial sizes, got batch "
                    + batch + " and " + spatial.length + " sizes");
        }
        long[] s = new long[dims + 2];
        s[0] = batch;
        s[1] = channels;
        for (int i = 0; i < dims; i++) {
            s[i + 2] = spatial[i];
        }
        UNetShapes.checkSpatial(arch, depth, norm, java.util.Arrays.copyOfRange(s, 2, s.length));
        return new Shape(s);
    }

    static Map<String, Object> toMap(String arch, int inputChannels, int classes, int depth, int baseWidth,
            float dropout, Normalization normalization, Upsampling upsampling) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(NetworkSpec.ARCHITECTURE_KEY, arch);
        m.put("inputChannels", inputChannels);
        m.put("classes", classes);
        m.put("depth", depth);
        m.put("baseWidth", baseWidth);
        m.put("dropout", SpecMaps.decimal(dropout));
        m.put("normalization", SpecMaps.name(normalization));
        m.put("upsampling", SpecMaps.name(upsampling));
        return m;
    }
}

package org.plaque.dl.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plaque.InvalidInputException;

/**
 * The models shipped inside Plaque (resources of this module), by segmentation method: today one, the 3D U-Net
 * on FLAIR ({@code unet3d}). A shipped bundle is copied to a temporary folder and opened like any other, so its
 * sha256 checks apply as well.
 */
public final class DefaultModels {
    private static final String ROOT = "/org/plaque/dl/models/";
    private static final Map<String, String> BY_METHOD = Map.of("unet3d", "unet3d-flair");

    private DefaultModels() {
    }

    /** The methods that have a shipped model. */
    public static List<String> methods() {
        return List.copyOf(BY_METHOD.keySet());
    }

    /** The resource folder name of the model shipped for {@code method}, if any. */
    public static Optional<String> nameFor(String method) {
        return Optional.ofNullable(BY_METHOD.get(method));
    }

    /**
     * Opens the shipped model of {@code method}.
     *
     * @throws InvalidInputException when there is none (naming how to train one)
     */
    public static ModelBundle open(String method) {
        String name = nameFor(method).orElseThrow(() -> new InvalidInputException("no default model for method "
            + method + "; train one with plaque train --arch " + method + " and pass --model DIR"));
        try {
            Path dir = Files.createTempDirectory("plaque-model-");
            dir.toFile().deleteOnExit();
            copy(name, ModelBundle.MODEL_JSON, dir);
            ModelJson card = ModelBundle.parseJson(Files.readAllBytes(dir.resolve(ModelBundle.MODEL_JSON)));
            for (String file : card.weightsFileNames()) {
                copy(name, file, dir);
            }
            return ModelBundle.open(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the shipped model " + name, e);
        }
    }

    private static void copy(String model, String file, Path dir) throws IOException {
        try (InputStream in = DefaultModels.class.getResourceAsStream(ROOT + model + "/" + file)) {
            if (in == null) {
                throw new InvalidInputException("the shipped model " + model + " lacks " + file
                    + " (a build without the model resources?)");
            }
            Path target = dir.resolve(file);
            Files.copy(in, target);
            target.toFile().deleteOnExit();
        }
    }
}

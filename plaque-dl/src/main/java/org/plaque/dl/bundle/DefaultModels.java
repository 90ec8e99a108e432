package org.plaque.dl.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.plaque.InvalidInputException;

/**
 * The models shipped inside Plaque (resources of this module), by segmentation method and input channels:
 * today two 3D U-Nets ({@code unet3d}), one on FLAIR alone and one on FLAIR + T1 + T2. A subject gets the shipped
 * model that uses the most of its images, so that FLAIR alone still works while T1 and T2, where given, help. A
 * shipped bundle is copied to a temporary folder and opened like any other, so its sha256 checks apply as well.
 */
public final class DefaultModels {
    private static final String ROOT = "/org/plaque/dl/models/";
    /** Per method, its shipped models, the one with the most channels first. */
    private static final Map<String, List<String>> BY_METHOD = Map.of("unet3d",
        List.of("unet3d-flair-t1-t2", "unet3d-flair"));

    private DefaultModels() {
    }

    /** The methods that have a shipped model. */
    public static List<String> methods() {
        return List.copyOf(BY_METHOD.keySet());
    }

    /**
     * The shipped model of {@code method} for a subject with these images: of those whose input channels the
     * subject has, the one with the most channels.
     *
     * @param channels the subject's images by channel name ({@code FLAIR}, {@code T1}, {@code T2})
     * @return the model's resource name, for {@link #open}
     * @throws InvalidInputException when Plaque ships no model for the method or none fits the images
     */
    public static String choose(String method, Collection<String> channels) {
        List<String> names = BY_METHOD.get(method);
        if (names == null) {
            throw new InvalidInputException("no default model for method " + method + "; train one with plaque train"
                + " --arch " + method + " and pass --model DIR");
        }
        return names.stream().filter(n -> channels.containsAll(card(n).inputChannels())).findFirst()
            .orElseThrow(() -> new InvalidInputException("no shipped " + method + " model takes only " + channels
                + " (the smallest needs " + card(names.get(names.size() - 1)).inputChannels() + ")"));
    }

    /**
     * Opens the shipped model {@code name} (from {@link #choose}).
     *
     * @throws InvalidInputException when Plaque ships no model of that name
     */
    public static ModelBundle open(String name) {
        ModelJson card = card(name);
        try {
            Path dir = Files.createTempDirectory("plaque-model-");
            dir.toFile().deleteOnExit();
            copy(name, ModelBundle.MODEL_JSON, dir);
            for (String file : card.weightsFileNames()) {
                copy(name, file, dir);
            }
            return ModelBundle.open(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the shipped model " + name, e);
        }
    }

    private static ModelJson card(String name) {
        if (BY_METHOD.values().stream().noneMatch(names -> names.contains(name))) {
            throw new InvalidInputException("Plaque ships no model named " + name + "; shipped: "
                + BY_METHOD.values().stream().flatMap(List::stream).sorted().toList());
        }
        try (InputStream in = resource(name, ModelBundle.MODEL_JSON)) {
            return ModelBundle.parseJson(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the card of the shipped model " + name, e);
        }
    }

    private static void copy(String model, String file, Path dir) throws IOException {
        try (InputStream in = resource(model, file)) {
            Path target = dir.resolve(file);
            Files.copy(in, target);
            target.toFile().deleteOnExit();
        }
    }

    private static InputStream resource(String model, String file) {
        InputStream in = DefaultModels.class.getResourceAsStream(ROOT + model + "/" + file);
        if (in == null) {
            throw new InvalidInputException("the shipped model " + model + " lacks " + file
                + " (a build without the model resources?)");
        }
        return in;
    }
}

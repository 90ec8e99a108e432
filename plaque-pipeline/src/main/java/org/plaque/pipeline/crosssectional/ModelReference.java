package org.plaque.pipeline.crosssectional;

import java.nio.file.Path;
import org.plaque.dl.bundle.DefaultModels;
import org.plaque.dl.bundle.ModelBundle;

/**
 * Names a model bundle as plain text, so presets stay plain data: {@code builtin:NAME} for a model shipped
 * with Plaque ({@link DefaultModels#choose}), anything else a bundle folder or zip.
 */
public final class ModelReference {
    /** Prefix of shipped models. */
    public static final String BUILTIN = "builtin:";

    private ModelReference() {
    }

    /** The reference to the shipped model {@code name}. */
    public static String builtin(String name) {
        return BUILTIN + name;
    }

    /**
     * Opens (and validates) the bundle {@code reference} names.
     *
     * @throws org.plaque.InvalidInputException when there is no such model or it is invalid
     */
    public static ModelBundle open(String reference) {
        return reference.startsWith(BUILTIN) ? DefaultModels.open(reference.substring(BUILTIN.length()))
            : ModelBundle.open(Path.of(reference));
    }
}

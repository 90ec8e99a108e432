package org.plaque.pipeline.crosssectional;

import java.nio.file.Path;
import org.plaque.dl.bundle.DefaultModels;
import org.plaque.dl.bundle.ModelBundle;

/**
 * Names a model bundle as plain text, so presets stay plain data: {@code builtin:METHOD} for the model shipped
 * with Plaque for that method, anything else a bundle folder or zip.
 */
public final class ModelReference {
    /** Prefix of shipped models. */
    public static final String BUILTIN = "builtin:";

    private ModelReference() {
    }

    /** The reference to the model shipped for {@code method}. */
    public static String builtin(String method) {
        return BUILTIN + method;
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

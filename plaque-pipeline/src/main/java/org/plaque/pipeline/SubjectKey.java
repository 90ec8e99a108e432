package org.plaque.pipeline;

import java.util.Objects;

/**
 * A typed name of one value a {@link Subject} can hold: an image, a transform, a lesion table.
 *
 * <p>Keys are compared by name. {@link GridRule} says whether an image under this key must share the
 * subject's reference grid (the FLAIR's), which {@link Subject} checks whenever it is built.
 *
 * @param name short lower-case name, e.g. {@code "brain_mask"}; used in messages and provenance
 * @param type the value's class
 * @param grid whether a volume under this key must be on the FLAIR's grid
 * @param <T> the value type
 */
public record SubjectKey<T>(String name, Class<T> type, GridRule grid) {
    /** Where an image under a key may live. */
    public enum GridRule {
        /** On the subject's reference grid (the FLAIR's, within {@link org.plaque.geom.Tolerance#DEFAULT}). */
        REFERENCE,
        /** On any grid (an input channel before it is registered to the FLAIR; non-image values). */
        ANY
    }

    public SubjectKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(grid, "grid");
    }

    /** A key whose images must be on the reference grid. */
    public static <T> SubjectKey<T> onReferenceGrid(String name, Class<T> type) {
        return new SubjectKey<>(name, type, GridRule.REFERENCE);
    }

    /** A key whose values may live anywhere. */
    public static <T> SubjectKey<T> anywhere(String name, Class<T> type) {
        return new SubjectKey<>(name, type, GridRule.ANY);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectKey<?> k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}

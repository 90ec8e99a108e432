package org.plaque.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.ScalarVolume;
import org.plaque.image.Volume;

/**
 * One subject as it moves through a pipeline: its named images (FLAIR, T1, T2 and derived ones such as the
 * brain mask, tissue priors, lesion mask) and other results under typed {@link SubjectKey}s, and the
 * provenance log of the steps that made them.
 *
 * <p>Immutable: {@link #with}, {@link #without} and {@link #withRecord} return new subjects (the images
 * themselves are immutable and shared, not copied). Every subject holds a FLAIR ({@link SubjectKeys#FLAIR}),
 * whose grid is the <em>reference grid</em>: each image under a key with {@link SubjectKey.GridRule#REFERENCE}
 * must lie on it within {@link Tolerance#DEFAULT}, which is checked whenever a subject is made, so a step
 * cannot leave images on mismatched grids. Steps that move every image at once (reorientation) use
 * {@link #toBuilder()}.
 */
public final class Subject {
    private final String id;
    private final Map<SubjectKey<?>, Object> values;
    private final List<StepRecord> provenance;

    private Subject(String id, Map<SubjectKey<?>, Object> values, List<StepRecord> provenance) {
        this.id = id;
        this.values = values;
        this.provenance = provenance;
    }

    /**
     * A subject holding only its FLAIR.
     *
     * @param id a name for messages and reports, e.g. the FLAIR file name
     */
    public static Subject of(String id, ScalarVolume flair) {
        return builder(id).put(SubjectKeys.FLAIR, flair).build();
    }

    /** An empty builder; {@link Builder#build()} requires a FLAIR. */
    public static Builder builder(String id) {
        return new Builder(id, new LinkedHashMap<>(), new ArrayList<>());
    }

    /** A builder holding this subject's values and provenance. */
    public Builder toBuilder() {
        return new Builder(id, new LinkedHashMap<>(values), new ArrayList<>(provenance));
    }

    /** The subject's name. */
    public String id() {
        return id;
    }

    /** The value under {@code key}, if present. */
    public <T> Optional<T> get(SubjectKey<T> key) {
        return Optional.ofNullable(key.type().cast(values.get(key)));
    }

    /**
     * The value under {@code key}.
     *
     * @throws IllegalStateException naming the key when it is absent (a step ordering mistake in a pipeline)
     */
    public <T> T require(SubjectKey<T> key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("subject " + id + " has no " + key.name()
                + " yet; a step that produces it must run earlier in the pipeline");
        }
        return key.type().cast(v);
    }

    /** Whether a value is present under {@code key}. */
    public boolean has(SubjectKey<?> key) {
        return values.containsKey(key);
    }

    /** The FLAIR being processed. */
    public ScalarVolume flair() {
        return require(SubjectKeys.FLAIR);
    }

    /** The reference grid: the FLAIR's. */
    public ImageGeometry grid() {
        return flair().geometry();
    }

    /** The keys present, in the order they were first added. */
    public Set<SubjectKey<?>> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * A subject with {@code value} under {@code key} (replacing any previous value).
     *
     * @throws org.plaque.InvalidInputException if a reference-grid image is not on the FLAIR's grid
     */
    public <T> Subject with(SubjectKey<T> key, T value) {
        return toBuilder().put(key, value).build();
    }

    /** A subject without the value under {@code key} (the FLAIR cannot be removed). */
    public Subject without(SubjectKey<?> key) {
        return toBuilder().remove(key).build();
    }

    /** A subject with {@code record} appended to its provenance. */
    public Subject withRecord(StepRecord record) {
        return toBuilder().record(record).build();
    }

    /** The steps that made this subject, in order. */
    public List<StepRecord> provenance() {
        return provenance;
    }

    @Override
    public String toString() {
        return "Subject[" + id + ", " + values.keySet() + ", " + provenance.size() + " steps]";
    }

    /** Collects values, then checks them all at once in {@link #build()}. */
    public static final class Builder {
        private final String id;
        private final Map<SubjectKey<?>, Object> values;
        private final List<StepRecord> provenance;

        private Builder(String id, Map<SubjectKey<?>, Object> values, List<StepRecord> provenance) {
            this.id = Objects.requireNonNull(id, "id");
            this.values = values;
            this.provenance = provenance;
        }

        /** Puts {@code value} under {@code key}. */
        public <T> Builder put(SubjectKey<T> key, T value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, key.name());
            if (!key.type().isInstance(value)) {
                throw new IllegalArgumentException(key.name() + " must hold a " + key.type().getSimpleName()
                    + ", got " + value.getClass().getSimpleName());
            }
            values.put(key, value);
            return this;
        }

        /** Removes the value under {@code key}, if any. */
        public Builder remove(SubjectKey<?> key) {
            values.remove(key);
            return this;
        }

        /** The value under {@code key}, if present. */
        public <T> Optional<T> get(SubjectKey<T> key) {
            return Optional.ofNullable(key.type().cast(values.get(key)));
        }

        /** The keys present. */
        public Set<SubjectKey<?>> keys() {
            return Collections.unmodifiableSet(values.keySet());
        }

        /** Appends a provenance record. */
        public Builder record(StepRecord record) {
            provenance.add(Objects.requireNonNull(record, "record"));
            return this;
        }

        /**
         * The subject.
         *
         * @throws IllegalStateException if no FLAIR was put
         * @throws org.plaque.InvalidInputException if a reference-grid image is not on the FLAIR's grid
         */
        public Subject build() {
            Object flair = values.get(SubjectKeys.FLAIR);
            if (flair == null) {
                throw new IllegalStateException("a subject needs a FLAIR");
            }
            ImageGeometry grid = ((ScalarVolume) flair).geometry();
            for (Map.Entry<SubjectKey<?>, Object> e : values.entrySet()) {
                if (e.getKey().grid() == SubjectKey.GridRule.REFERENCE && e.getValue() instanceof Volume v) {
                    grid.requireSameGrid(v.geometry(), Tolerance.DEFAULT, "the FLAIR and the " + e.getKey().name());
                }
            }
            return new Subject(id, Collections.unmodifiableMap(new LinkedHashMap<>(values)),
                List.copyOf(provenance));
        }
    }
}

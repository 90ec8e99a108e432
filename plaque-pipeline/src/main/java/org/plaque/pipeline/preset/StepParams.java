package org.plaque.pipeline.preset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of a step's plain-data parameters with defaults, for {@link StepFactory}s. Every read marks
 * its name as known; {@link #requireNoOthers()} then rejects names the step does not have (a typo in a
 * preset fails loudly instead of being ignored). Wrong types and out-of-range values are
 * {@link IllegalArgumentException}s naming the step and the parameter.
 */
public final class StepParams {
    private final String step;
    private final Map<String, Object> values;
    private final Set<String> read = new HashSet<>();

    /** The parameters {@code values} of step {@code step}. */
    public StepParams(String step, Map<String, Object> values) {
        this.step = step;
        this.values = values;
    }

    /** A number (any numeric type), or {@code fallback} when absent. */
    public double getDouble(String name, double fallback) {
        Object v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw bad(name, "a finite number", v);
    }

    /** A whole number, or {@code fallback} when absent. */
    public int getInt(String name, int fallback) {
        Object v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
            && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw bad(name, "a whole number", v);
    }

    /** A boolean, or {@code fallback} when absent. */
    public boolean getBoolean(String name, boolean fallback) {
        Object v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(name, "true or false", v);
    }

    /** A string, or {@code fallback} when absent. */
    public String getString(String name, String fallback) {
        Object v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw bad(name, "a string", v);
    }

    /** One of {@code allowed} (compared ignoring case, returned lower-case), or {@code fallback}. */
    public String getChoice(String name, String fallback, List<String> allowed) {
        String s = getString(name, fallback).toLowerCase(Locale.ROOT);
        if (!allowed.contains(s)) {
            throw bad(name, "one of " + allowed, s);
        }
        return s;
    }

    /** A list of strings, or {@code fallback} when absent. */
    public List<String> getStrings(String name, List<String> fallback) {
        Object v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw bad(name, "a list of strings", v);
                }
                out.add(s);
            }
            return List.copyOf(out);
        }
        throw bad(name, "a list of strings", v);
    }

    /** A list of whole numbers, or {@code fallback} when absent. */
    public List<Integer> getInts(String name, List<Integer> fallback) {
        Object v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof List<?> list) {
            List<Integer> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw bad(name, "a list of whole numbers", v);
                }
                out.add(n.intValue());
            }
            return List.copyOf(out);
        }
        throw bad(name, "a list of whole numbers", v);
    }

    /**
     * Requires {@code value} (just read from {@code name}) to satisfy {@code ok}.
     *
     * @throws IllegalArgumentException saying what {@code name} must be
     */
    public void require(String name, boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("step " + step + ": parameter " + name + " must be " + what
                + ", got " + values.get(name));
        }
    }

    /**
     * Fails when a parameter was given that no read asked for.
     *
     * @throws IllegalArgumentException naming the unknown parameters and the known ones
     */
    public void requireNoOthers() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("step " + step + " has no parameter " + String.join(", ", unknown)
                + " (its parameters: " + String.join(", ", new TreeSet<>(read)) + ")");
        }
    }

    private Object raw(String name) {
        read.add(name);
        return values.get(name);
    }

    private IllegalArgumentException bad(String name, String expected, Object got) {
        return new IllegalArgumentException("step " + step + ": parameter " + name + " must be " + expected
            + ", got " + got);
    }
}

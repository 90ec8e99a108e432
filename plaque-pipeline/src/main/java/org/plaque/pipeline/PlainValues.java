package org.plaque.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks and copies the plain data of parameters and provenance: strings, numbers, booleans, and lists and
 * string-keyed maps of these. Anything else (an image, a lambda) is refused, so provenance always
 * serialises to JSON as written and presets stay data.
 */
public final class PlainValues {
    private PlainValues() {
    }

    /**
     * An unmodifiable deep copy of {@code map}, keeping its order.
     *
     * @throws IllegalArgumentException naming the entry when a value is not plain data (or is null)
     */
    public static Map<String, Object> copy(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            out.put(e.getKey(), copyValue(e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object copyValue(String where, Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
            || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte) {
            return v;
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(copyValue(where + "[" + i + "]", list.get(i)));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof double[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (double d : a) {
                out.add(d);
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof int[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (int d : a) {
                out.add(d);
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException(where + ": map keys must be strings, got " + e.getKey());
                }
                out.put(k, copyValue(where + "." + k, e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException(where + ": not plain data (string, number, boolean, list or map): "
            + (v == null ? "null" : v.getClass().getSimpleName()));
    }
}

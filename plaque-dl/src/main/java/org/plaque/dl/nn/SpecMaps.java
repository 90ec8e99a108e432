package org.plaque.dl.nn;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.plaque.InvalidInputException;

/** Reading spec values from a map that came from JSON. */
final class SpecMaps {
    private SpecMaps() {
    }

    static void checkKeys(Map<String, ?> map, Set<String> known, String architecture) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidInputException("network spec " + architecture + ": unknown key '" + key + "'");
            }
        }
    }

    static int getInt(Map<String, ?> map, String key, Integer fallback) {
        Object v = map.get(key);
        if (v == null) {
            if (fallback == null) {
                throw new InvalidInputException("network spec: missing '" + key + "'");
            }
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw new InvalidInputException("network spec: '" + key + "' must be an integer, got " + v);
        }
        return n.intValue();
    }

    static float getFloat(Map<String, ?> map, String key, float fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw new InvalidInputException("network spec: '" + key + "' must be a number, got " + v);
        }
        return n.floatValue();
    }

    static <E extends Enum<E>> E getEnum(Map<String, ?> map, String key, Class<E> type, E fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("network spec: '" + key + "' has unknown value '" + v + "'", e);
        }
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The float as the double with the same shortest decimal form (0.1f → 0.1, not 0.10000000149). */
    static double decimal(float f) {
        return Double.parseDouble(Float.toString(f));
    }
}

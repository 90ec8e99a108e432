package org.plaque.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON writer of the command line: pretty, stable key order, NaN written as null. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    /** JSON text of {@code value}; maps and lists keep their order. Non-finite doubles become null. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise to JSON", e);
        }
    }

    /** {@code v}, or null when it is NaN or infinite: JSON has no such numbers. */
    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

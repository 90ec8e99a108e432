package org.plaque.io.itk;

/**
 * One transform of a file as written: its ITK class name (e.g. {@code AffineTransform}), scalar type, the
 * parameters and fixed parameters (LPS), and the line of its {@code Transform:} entry for messages.
 */
record RawTransform(String kind, String scalar, double[] parameters, double[] fixedParameters, int line) {
    /** The full ITK type name, e.g. {@code AffineTransform_double_3_3}. */
    String typeName() {
        return kind + "_" + scalar + "_3_3";
    }
}

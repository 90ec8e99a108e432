package org.plaque.registration.transform;

/** Row-major 3×3 values as nested rows, for building test geometries. */
final class Mat3Rows {
    private Mat3Rows() {
    }

    static double[][] of(double[] m) {
        return new double[][] {{m[0], m[1], m[2]}, {m[3], m[4], m[5]}, {m[6], m[7], m[8]}};
    }
}

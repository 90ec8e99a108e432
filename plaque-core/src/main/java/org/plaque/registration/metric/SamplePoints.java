package org.plaque.registration.metric;

/**
 * Fixed-image points a metric is evaluated on: world positions (RAS+ mm) and the fixed intensity at each.
 * Immutable; made by {@link Sampler}.
 */
public final class SamplePoints {
    private final double[] xyz;
    private final float[] fixedValues;

    SamplePoints(double[] xyz, float[] fixedValues) {
        if (xyz.length != 3 * fixedValues.length) {
            throw new IllegalArgumentException("need 3 coordinates per sample");
        }
        this.xyz = xyz;
        this.fixedValues = fixedValues;
    }

    /** Samples from explicit positions (x, y, z per point, mm) and fixed intensities (copied). */
    public static SamplePoints of(double[] xyz, float[] fixedValues) {
        return new SamplePoints(xyz.clone(), fixedValues.clone());
    }

    /** Number of points. */
    public int count() {
        return fixedValues.length;
    }

    /** World x, y, z (mm) of point {@code i} into {@code out}. */
    public void point(int i, double[] out) {
        out[0] = xyz[3 * i];
        out[1] = xyz[3 * i + 1];
        out[2] = xyz[3 * i + 2];
    }

    /** Fixed intensity at point {@code i}. */
    public float fixedValue(int i) {
        return fixedValues[i];
    }

    /** The backing coordinates, for the metrics' loops (not copied: do not modify). */
    double[] xyz() {
        return xyz;
    }

    /** The backing intensities, for the metrics' loops (not copied: do not modify). */
    float[] fixedValues() {
        return fixedValues;
    }
}

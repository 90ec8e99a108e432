package org.plaque.image;

import java.util.Arrays;
import org.plaque.InvalidInputException;
import org.plaque.geom.ImageGeometry;

/**
 * An immutable float32 intensity image on a grid. Values are finite unless a caller builds otherwise on
 * purpose; readers reject or replace non-finite voxels before a volume is made.
 */
public final class ScalarVolume implements Volume {
    private final ImageGeometry geometry;
    private final float[] data;

    private ScalarVolume(ImageGeometry geometry, float[] data) {
        this.geometry = geometry;
        this.data = data;
    }

    /** A volume holding a copy of {@code data} (x-fastest, length = voxel count). */
    public static ScalarVolume of(ImageGeometry geometry, float[] data) {
        checkLength(geometry, data.length);
        return new ScalarVolume(geometry, data.clone());
    }

    /** A volume filled with one value. */
    public static ScalarVolume filled(ImageGeometry geometry, float value) {
        float[] d = new float[geometry.voxelCount()];
        Arrays.fill(d, value);
        return new ScalarVolume(geometry, d);
    }

    /** A builder that starts all zero. */
    public static Builder builder(ImageGeometry geometry) {
        return new Builder(geometry, new float[geometry.voxelCount()]);
    }

    static void checkLength(ImageGeometry geometry, int length) {
        if (length != geometry.voxelCount()) {
            throw new InvalidInputException("data holds " + length + " voxels but the grid "
                + geometry + " has " + geometry.voxelCount());
        }
    }

    @Override
    public ImageGeometry geometry() {
        return geometry;
    }

    /** Value at linear index {@code i}. */
    public float get(int i) {
        return data[i];
    }

    /** Value at voxel (x, y, z). */
    public float get(int x, int y, int z) {
        return data[geometry.index(x, y, z)];
    }

    /** A copy of the voxel values, x-fastest. */
    public float[] toArray() {
        return data.clone();
    }

    /** A builder initialised with a copy of this volume's values. */
    public Builder toBuilder() {
        return new Builder(geometry, data.clone());
    }

    /** The same values on another grid of the same size (for reorientation-free relabelling of geometry). */
    public ScalarVolume withGeometry(ImageGeometry newGeometry) {
        checkLength(newGeometry, data.length);
        return new ScalarVolume(newGeometry, data);
    }

    /** Minimum, maximum, mean, and count of non-finite voxels, in one pass. */
    public Statistics statistics() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int finite = 0;
        for (float v : data) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                finite++;
            }
        }
        return new Statistics(min, max, finite == 0 ? Double.NaN : sum / finite, data.length - finite);
    }

    /**
     * Summary statistics over the finite voxels.
     *
     * @param nonFinite voxels that are NaN or infinite (excluded from the other figures)
     */
    public record Statistics(double min, double max, double mean, int nonFinite) {
    }

    /** The mutable companion used inside filters; {@link #build()} hands the array over without a copy. */
    public static final class Builder {
        private final ImageGeometry geometry;
        private float[] data;

        private Builder(ImageGeometry geometry, float[] data) {
            this.geometry = geometry;
            this.data = data;
        }

        public ImageGeometry geometry() {
            return geometry;
        }

        public float get(int i) {
            return data[i];
        }

        public Builder set(int i, float value) {
            data[i] = value;
            return this;
        }

        public Builder set(int x, int y, int z, float value) {
            data[geometry.index(x, y, z)] = value;
            return this;
        }

        /**
         * The backing array, for tight loops inside a filter. It belongs to the builder: do not keep it
         * after {@link #build()}.
         */
        public float[] array() {
            requireOpen();
            return data;
        }

        /** The finished volume; the builder cannot be used afterwards. */
        public ScalarVolume build() {
            requireOpen();
            ScalarVolume v = new ScalarVolume(geometry, data);
            data = null;
            return v;
        }

        private void requireOpen() {
            if (data == null) {
                throw new IllegalStateException("builder already built");
            }
        }
    }
}

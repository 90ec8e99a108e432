package org.plaque.image;

import org.plaque.geom.ImageGeometry;

/** An immutable binary image on a grid (lesion masks, brain masks). Never interpolated linearly. */
public final class Mask implements Volume {
    private final ImageGeometry geometry;
    private final boolean[] data;
    private final int count;

    private Mask(ImageGeometry geometry, boolean[] data) {
        this.geometry = geometry;
        this.data = data;
        int c = 0;
        for (boolean b : data) {
            if (b) {
                c++;
            }
        }
        this.count = c;
    }

    /** A mask holding a copy of {@code data} (x-fastest). */
    public static Mask of(ImageGeometry geometry, boolean[] data) {
        ScalarVolume.checkLength(geometry, data.length);
        return new Mask(geometry, data.clone());
    }

    /** An all-false mask. */
    public static Mask empty(ImageGeometry geometry) {
        return new Mask(geometry, new boolean[geometry.voxelCount()]);
    }

    /** Voxels of {@code volume} strictly above {@code threshold} (NaN counts as outside). */
    public static Mask above(ScalarVolume volume, double threshold) {
        Builder b = builder(volume.geometry());
        int n = volume.geometry().voxelCount();
        for (int i = 0; i < n; i++) {
            if (volume.get(i) > threshold) {
                b.set(i, true);
            }
        }
        return b.build();
    }

    /** Voxels of {@code labels} with a non-zero label. */
    public static Mask nonZero(LabelVolume labels) {
        Builder b = builder(labels.geometry());
        int n = labels.geometry().voxelCount();
        for (int i = 0; i < n; i++) {
            if (labels.get(i) != 0) {
                b.set(i, true);
            }
        }
        return b.build();
    }

    public static Builder builder(ImageGeometry geometry) {
        return new Builder(geometry, new boolean[geometry.voxelCount()]);
    }

    @Override
    public ImageGeometry geometry() {
        return geometry;
    }

    public boolean get(int i) {
        return data[i];
    }

    public boolean get(int x, int y, int z) {
        return data[geometry.index(x, y, z)];
    }

    /** Number of voxels set. */
    public int count() {
        return count;
    }

    /** Volume of the set voxels in mm³. */
    public double volumeMm3() {
        return count * geometry.voxelVolumeMm3();
    }

    /** A copy of the voxel values, x-fastest. */
    public boolean[] toArray() {
        return data.clone();
    }

    /** The mask as 0/1 intensities (for writing, or for linear resampling of a partial-volume fraction). */
    public ScalarVolume toScalar() {
        ScalarVolume.Builder b = ScalarVolume.builder(geometry);
        float[] a = b.array();
        for (int i = 0; i < data.length; i++) {
            a[i] = data[i] ? 1f : 0f;
        }
        return b.build();
    }

    /** The mutable companion used inside filters. */
    public static final class Builder {
        private final ImageGeometry geometry;
        private boolean[] data;

        private Builder(ImageGeometry geometry, boolean[] data) {
            this.geometry = geometry;
            this.data = data;
        }

        public ImageGeometry geometry() {
            return geometry;
        }

        public boolean get(int i) {
            return data[i];
        }

        public Builder set(int i, boolean value) {
            data[i] = value;
            return this;
        }

        public Builder set(int x, int y, int z, boolean value) {
            data[geometry.index(x, y, z)] = value;
            return this;
        }

        /** The backing array, for tight loops; do not keep it after {@link #build()}. */
        public boolean[] array() {
            if (data == null) {
                throw new IllegalStateException("builder already built");
            }
            return data;
        }

        /** The finished mask; the builder cannot be used afterwards. */
        public Mask build() {
            Mask m = new Mask(geometry, array());
            data = null;
            return m;
        }
    }
}

package org.plaque.image;

import org.plaque.geom.ImageGeometry;

/**
 * An immutable integer label image on a grid (connected-component labels, tissue classes); 0 is
 * background. Never interpolated linearly.
 */
public final class LabelVolume implements Volume {
    private final ImageGeometry geometry;
    private final int[] data;

    private LabelVolume(ImageGeometry geometry, int[] data) {
        this.geometry = geometry;
        this.data = data;
    }

    /** A label image holding a copy of {@code data} (x-fastest). */
    public static LabelVolume of(ImageGeometry geometry, int[] data) {
        ScalarVolume.checkLength(geometry, data.length);
        return new LabelVolume(geometry, data.clone());
    }

    public static Builder builder(ImageGeometry geometry) {
        return new Builder(geometry, new int[geometry.voxelCount()]);
    }

    @Override
    public ImageGeometry geometry() {
        return geometry;
    }

    public int get(int i) {
        return data[i];
    }

    public int get(int x, int y, int z) {
        return data[geometry.index(x, y, z)];
    }

    /** Largest label present (0 for an all-background image). */
    public int maxLabel() {
        int max = 0;
        for (int v : data) {
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * The voxel indices of each label 1…{@code labels}, ascending: element {@code l} lists label {@code l}'s
     * voxels (element 0, the background, is empty); labels above {@code labels} are ignored.
     *
     * @throws IllegalArgumentException if {@code labels} is negative
     */
    public int[][] voxelsByLabel(int labels) {
        if (labels < 0) {
            throw new IllegalArgumentException("label count must be >= 0, got " + labels);
        }
        int[] sizes = new int[labels + 1];
        for (int v : data) {
            if (v > 0 && v <= labels) {
                sizes[v]++;
            }
        }
        int[][] out = new int[labels + 1][];
        out[0] = new int[0];
        for (int l = 1; l <= labels; l++) {
            out[l] = new int[sizes[l]];
        }
        int[] fill = new int[labels + 1];
        for (int i = 0; i < data.length; i++) {
            int l = data[i];
            if (l > 0 && l <= labels) {
                out[l][fill[l]++] = i;
            }
        }
        return out;
    }

    /** A copy of the labels, x-fastest. */
    public int[] toArray() {
        return data.clone();
    }

    /** The mutable companion used inside filters. */
    public static final class Builder {
        private final ImageGeometry geometry;
        private int[] data;

        private Builder(ImageGeometry geometry, int[] data) {
            this.geometry = geometry;
            this.data = data;
        }

        public ImageGeometry geometry() {
            return geometry;
        }

        public int get(int i) {
            return data[i];
        }

        public Builder set(int i, int label) {
            data[i] = label;
            return this;
        }

        public Builder set(int x, int y, int z, int label) {
            data[geometry.index(x, y, z)] = label;
            return this;
        }

        /** The backing array, for tight loops; do not keep it after {@link #build()}. */
        public int[] array() {
            if (data == null) {
                throw new IllegalStateException("builder already built");
            }
            return data;
        }

        /** The finished label image; the builder cannot be used afterwards. */
        public LabelVolume build() {
            LabelVolume v = new LabelVolume(geometry, array());
            data = null;
            return v;
        }
    }
}

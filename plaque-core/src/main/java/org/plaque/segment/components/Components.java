package org.plaque.segment.components;

import java.util.Objects;
import org.plaque.image.LabelVolume;

/**
 * The connected components of a mask: a label image (0 = background, 1..{@code count} = components) and
 * the number of voxels in each component.
 *
 * @param labels      label of every voxel, on the mask's grid
 * @param count       number of components (the largest label)
 * @param voxelCounts voxels per component, indexed by label; index 0 is unused and always 0. The array is
 *                    copied on the way in and on the way out, so a {@code Components} is immutable.
 *                    Equality is identity (the label image has no value equality).
 */
public record Components(LabelVolume labels, int count, int[] voxelCounts) {

    public Components {
        Objects.requireNonNull(labels, "labels");
        if (count < 0) {
            throw new IllegalArgumentException("component count must be >= 0, got " + count);
        }
        if (voxelCounts.length != count + 1) {
            throw new IllegalArgumentException("voxelCounts must have count + 1 = " + (count + 1)
                + " entries, got " + voxelCounts.length);
        }
        voxelCounts = voxelCounts.clone();
    }

    /** Voxels per component, indexed by label ([0] unused, 0); a copy. */
    @Override
    public int[] voxelCounts() {
        return voxelCounts.clone();
    }

    /** Number of voxels of component {@code label} (1..count). */
    public int voxelCount(int label) {
        if (label < 1 || label > count) {
            throw new IndexOutOfBoundsException("label " + label + " outside 1.." + count);
        }
        return voxelCounts[label];
    }

    /** Total number of voxels in all components (equals the mask's voxel count). */
    public long totalVoxels() {
        long sum = 0;
        for (int c : voxelCounts) {
            sum += c;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "Components[count=" + count + ", grid=" + labels.geometry() + "]";
    }
}

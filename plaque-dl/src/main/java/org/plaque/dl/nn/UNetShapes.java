package org.plaque.dl.nn;

import java.util.Arrays;
import org.plaque.InvalidInputException;

/** Shape rules shared by the U-Net specs and blocks. */
final class UNetShapes {
    private UNetShapes() {
    }

    /**
     * Rejects a spatial shape that the U-Net cannot take: each size must be a positive multiple of 2^depth, and
     * with instance norm the bottleneck needs more than one voxel (a single value normalises to 0).
     */
    static void checkSpatial(String architecture, int depth, Normalization normalization, long[] spatial) {
        long factor = 1L << depth;
        long bottleneckVoxels = 1;
        for (long size : spatial) {
            if (size <= 0 || size % factor != 0) {
                throw new InvalidInputException(architecture + ": spatial size " + Arrays.toString(spatial)
                        + " must be a positive multiple of " + factor + " (2^depth, depth " + depth + ") in every axis");
            }
            bottleneckVoxels *= size / factor;
        }
        if (normalization == Normalization.INSTANCE && bottleneckVoxels < 2) {
            throw new InvalidInputException(architecture + ": spatial size " + Arrays.toString(spatial)
                    + " leaves a single bottleneck voxel at depth " + depth + "; instance norm needs at least 2");
        }
    }

    static void requireArgument(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

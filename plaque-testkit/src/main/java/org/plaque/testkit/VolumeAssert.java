package org.plaque.testkit;

import java.util.Locale;
import org.plaque.geom.Tolerance;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.image.Volume;

/**
 * Assertions on volumes for tests, throwing {@link AssertionError} with a message that names the first
 * differing voxel (x, y, z), both values and the number of differing voxels. JDK only, so any test framework
 * can use it.
 */
public final class VolumeAssert {
    private VolumeAssert() {
    }

    /** Fails unless both volumes have the same size and voxel positions within {@link Tolerance#EVALUATION}. */
    public static void assertSameGeometry(Volume expected, Volume actual) {
        assertSameGeometry(expected, actual, Tolerance.EVALUATION);
    }

    /** Fails unless both volumes have the same size and voxel positions within {@code tolerance}. */
    public static void assertSameGeometry(Volume expected, Volume actual, Tolerance tolerance) {
        if (!expected.geometry().sameGrid(actual.geometry(), tolerance)) {
            throw new AssertionError("volumes are not on the same grid (tolerance " + tolerance.mm() + " mm): expected "
                + expected.geometry() + ", actual " + actual.geometry());
        }
    }

    /**
     * Fails unless both volumes have the same grid, kind and voxel values; float voxels must be bit-identical
     * (NaN equals NaN, 0.0 differs from −0.0).
     */
    public static void assertVoxelsEqual(Volume expected, Volume actual) {
        assertSameGeometry(expected, actual);
        int n = expected.geometry().voxelCount();
        int first = -1;
        int count = 0;
        if (expected instanceof ScalarVolume e && actual instanceof ScalarVolume a) {
            for (int i = 0; i < n; i++) {
                if (Float.floatToRawIntBits(e.get(i)) != Float.floatToRawIntBits(a.get(i))) {
                    first = first < 0 ? i : first;
                    count++;
                }
            }
            fail(first, count, expected, first < 0 ? "" : e.get(first) + " vs " + a.get(first));
        } else if (expected instanceof Mask e && actual instanceof Mask a) {
            for (int i = 0; i < n; i++) {
                if (e.get(i) != a.get(i)) {
                    first = first < 0 ? i : first;
                    count++;
                }
            }
            fail(first, count, expected, first < 0 ? "" : e.get(first) + " vs " + a.get(first));
        } else if (expected instanceof LabelVolume e && actual instanceof LabelVolume a) {
            for (int i = 0; i < n; i++) {
                if (e.get(i) != a.get(i)) {
                    first = first < 0 ? i : first;
                    count++;
                }
            }
            fail(first, count, expected, first < 0 ? "" : e.get(first) + " vs " + a.get(first));
        } else {
            throw new AssertionError("volumes are of different kinds: expected "
                + expected.getClass().getSimpleName() + ", actual " + actual.getClass().getSimpleName());
        }
    }

    /**
     * Fails unless both volumes have the same grid and every voxel differs by at most {@code maxAbsDiff}
     * (NaN in either volume fails).
     *
     * @return the largest absolute difference found
     */
    public static double assertMaxAbsDiff(ScalarVolume expected, ScalarVolume actual, double maxAbsDiff) {
        assertSameGeometry(expected, actual);
        double worst = maxAbsDiff(expected, actual);
        if (!(worst <= maxAbsDiff)) {
            int n = expected.geometry().voxelCount();
            int first = -1;
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (!(Math.abs((double) expected.get(i) - actual.get(i)) <= maxAbsDiff)) {
                    first = first < 0 ? i : first;
                    count++;
                }
            }
            throw new AssertionError(String.format(Locale.ROOT,
                "largest voxel difference %.6g exceeds %.6g; %d voxels exceed it, first at %s: %s vs %s",
                worst, maxAbsDiff, count, position(expected, first), expected.get(first), actual.get(first)));
        }
        return worst;
    }

    /** The largest absolute voxel difference (NaN if a voxel is NaN in either volume); grids must match. */
    public static double maxAbsDiff(ScalarVolume expected, ScalarVolume actual) {
        assertSameGeometry(expected, actual);
        double worst = 0;
        int n = expected.geometry().voxelCount();
        for (int i = 0; i < n; i++) {
            double d = Math.abs((double) expected.get(i) - actual.get(i));
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    private static void fail(int first, int count, Volume v, String values) {
        if (first >= 0) {
            throw new AssertionError(count + " voxels differ, first at " + position(v, first) + ": " + values);
        }
    }

    private static String position(Volume v, int index) {
        int nx = v.geometry().nx();
        int ny = v.geometry().ny();
        return "(" + index % nx + ", " + (index / nx) % ny + ", " + index / (nx * ny) + ")";
    }
}

package org.plaque.io.nifti;

import java.nio.file.Path;
import org.plaque.InvalidInputException;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.image.Volume;

/** The voxel values of any volume kind as doubles, chunk by chunk, for the writer. */
abstract class VoxelSource {
    abstract int count();

    /** Copies voxels {@code [from, from+count)} into {@code out[0..count)}. */
    abstract void values(int from, int count, double[] out);

    static VoxelSource of(Volume v) {
        if (v instanceof ScalarVolume s) {
            return new VoxelSource() {
                @Override
                int count() {
                    return s.geometry().voxelCount();
                }

                @Override
                void values(int from, int count, double[] out) {
                    for (int i = 0; i < count; i++) {
                        out[i] = s.get(from + i);
                    }
                }
            };
        }
        if (v instanceof Mask m) {
            return new VoxelSource() {
                @Override
                int count() {
                    return m.geometry().voxelCount();
                }

                @Override
                void values(int from, int count, double[] out) {
                    for (int i = 0; i < count; i++) {
                        out[i] = m.get(from + i) ? 1 : 0;
                    }
                }
            };
        }
        LabelVolume l = (LabelVolume) v;
        return new VoxelSource() {
            @Override
            int count() {
                return l.geometry().voxelCount();
            }

            @Override
            void values(int from, int count, double[] out) {
                for (int i = 0; i < count; i++) {
                    out[i] = l.get(from + i);
                }
            }
        };
    }

    /** Smallest and largest label (0, 0 for an empty image). */
    static int[] labelRange(LabelVolume l) {
        int n = l.geometry().voxelCount();
        int min = n == 0 ? 0 : Integer.MAX_VALUE;
        int max = n == 0 ? 0 : Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            int v = l.get(i);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new int[] {min, max};
    }

    /**
     * Throws {@link InvalidInputException} naming the file unless every value, rounded for integer
     * types, fits {@code type} exactly.
     */
    void checkFits(NiftiDataType type, Path file) {
        int n = count();
        double[] buf = new double[Math.min(n, 1 << 16)];
        for (int from = 0; from < n; from += buf.length) {
            int c = Math.min(buf.length, n - from);
            values(from, c, buf);
            for (int i = 0; i < c; i++) {
                double v = buf[i];
                String problem = problem(v, type);
                if (problem != null) {
                    throw new InvalidInputException(file + ": cannot write voxel " + (from + i) + " value " + v
                        + " as " + type.label() + ": " + problem);
                }
            }
        }
    }

    private static String problem(double v, NiftiDataType type) {
        if (type.isInteger()) {
            if (!Double.isFinite(v)) {
                return "not finite";
            }
            double r = VoxelEncoder.roundHalfAway(v);
            return type.holds(r) ? null : "outside the range " + (long) type.minValue() + ".."
                + (type == NiftiDataType.INT64 ? "2^63-1" : String.valueOf((long) type.maxValue()));
        }
        if (type == NiftiDataType.FLOAT32 && Double.isFinite(v) && (double) (float) v != v) {
            return Math.abs(v) > Float.MAX_VALUE ? "outside the float32 range" : "float32 cannot represent it exactly";
        }
        return null;
    }
}

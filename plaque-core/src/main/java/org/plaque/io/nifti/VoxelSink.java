package org.plaque.io.nifti;

/**
 * Receives decoded voxel values (after scaling, in double precision) chunk by chunk, in file order, and
 * stores them in the array of the volume kind being read. A value is non-finite when it is NaN or infinite
 * once rounded to float32 (so a float64 value beyond the float32 range counts too), the same rule for
 * every volume kind; such voxels are stored as 0 and counted, and the reader applies its {@link
 * NonFinitePolicy} to the count.
 */
abstract class VoxelSink {
    private final NonFinitePolicy policy;
    private int nonFinite;

    VoxelSink(NonFinitePolicy policy) {
        this.policy = policy;
    }

    /** Stores {@code values[0..count)} at voxels {@code dest..dest+count)}. */
    abstract void accept(double[] values, int count, int dest);

    /** Counts one non-finite voxel (which the sink stores as 0; under REJECT the read then fails). */
    final void countNonFinite() {
        nonFinite++;
    }

    final int nonFinite() {
        return nonFinite;
    }

    final NonFinitePolicy policy() {
        return policy;
    }

    /** float32 intensities, rounded from the double value; a value beyond float range becomes non-finite. */
    static final class Scalar extends VoxelSink {
        private final float[] out;

        Scalar(float[] out, NonFinitePolicy policy) {
            super(policy);
            this.out = out;
        }

        @Override
        void accept(double[] values, int count, int dest) {
            float[] o = out;
            boolean allFinite = true;
            for (int i = 0; i < count; i++) {
                float f = (float) values[i];
                o[dest + i] = f;
                allFinite &= Float.isFinite(f);
            }
            if (!allFinite) {
                // Rare path, kept out of the hot loop so that loop stays simple for the JIT.
                for (int i = 0; i < count; i++) {
                    if (!Float.isFinite(o[dest + i])) {
                        countNonFinite();
                        o[dest + i] = 0f;
                    }
                }
            }
        }
    }

    /** Voxels strictly above 0.5 are in the mask. */
    static final class Binary extends VoxelSink {
        private final boolean[] out;

        Binary(boolean[] out, NonFinitePolicy policy) {
            super(policy);
            this.out = out;
        }

        @Override
        void accept(double[] values, int count, int dest) {
            for (int i = 0; i < count; i++) {
                double v = values[i];
                if (!Float.isFinite((float) v)) {
                    countNonFinite();
                    v = 0;
                }
                out[dest + i] = v > 0.5;
            }
        }
    }

    /** Integer labels: every value must be a whole number within int range. */
    static final class Labels extends VoxelSink {
        private final int[] out;
        private long notInteger;
        private double firstBad;
        private long firstBadIndex = -1;

        Labels(int[] out, NonFinitePolicy policy) {
            super(policy);
            this.out = out;
        }

        @Override
        void accept(double[] values, int count, int dest) {
            for (int i = 0; i < count; i++) {
                double v = values[i];
                if (!Float.isFinite((float) v)) {
                    countNonFinite();
                    v = 0;
                }
                if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    if (firstBadIndex < 0) {
                        firstBad = v;
                        firstBadIndex = dest + i;
                    }
                    notInteger++;
                    v = 0;
                }
                out[dest + i] = (int) v;
            }
        }

        long notInteger() {
            return notInteger;
        }

        double firstBad() {
            return firstBad;
        }

        long firstBadIndex() {
            return firstBadIndex;
        }
    }
}

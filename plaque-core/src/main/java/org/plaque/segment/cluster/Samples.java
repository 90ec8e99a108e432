package org.plaque.segment.cluster;

import org.plaque.InvalidInputException;

/** Checks and block arithmetic shared by the clustering algorithms (package-private helpers). */
final class Samples {
    /**
     * Samples per block of a reduction. Partial sums are formed per block and combined in block order, so
     * results do not depend on how blocks are spread over threads.
     */
    static final int BLOCK = 1 << 14;

    private Samples() {
    }

    /** Validates channel-major data and returns the sample count. */
    static int count(float[][] data) {
        if (data == null || data.length == 0) {
            throw new InvalidInputException("clustering needs at least one channel of samples");
        }
        int n = data[0].length;
        for (int c = 0; c < data.length; c++) {
            if (data[c] == null || data[c].length != n) {
                throw new InvalidInputException("clustering channel " + c + " holds "
                    + (data[c] == null ? "no array" : data[c].length + " samples") + " but channel 0 holds " + n);
            }
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(data[c][i])) {
                    throw new InvalidInputException("clustering sample " + i + " of channel " + c
                        + " is not finite (" + data[c][i] + ")");
                }
            }
        }
        return n;
    }

    static int blocks(int n) {
        return (n + BLOCK - 1) / BLOCK;
    }

    static int blockStart(int b) {
        return b * BLOCK;
    }

    static int blockEnd(int b, int n) {
        return (int) Math.min((long) n, (long) (b + 1) * BLOCK);
    }
}

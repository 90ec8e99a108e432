package org.plaque.image;

/**
 * Which neighbours of a voxel count as touching it.
 *
 * <p>Plaque counts lesions with {@link #DEFAULT} = {@link #SIX} everywhere (face neighbours), the
 * MSSEG convention of EVALUATION.md; 18 adds edge neighbours and 26 adds corner neighbours.
 */
public enum Connectivity {
    SIX(6),
    EIGHTEEN(18),
    TWENTY_SIX(26);

    /** The connectivity used wherever Plaque counts lesions unless the caller chooses otherwise. */
    public static final Connectivity DEFAULT = SIX;

    private final int neighbours;

    Connectivity(int neighbours) {
        this.neighbours = neighbours;
    }

    /** Number of neighbours: 6, 18 or 26. */
    public int neighbours() {
        return neighbours;
    }

    /** The connectivity with {@code n} neighbours. */
    public static Connectivity of(int n) {
        for (Connectivity c : values()) {
            if (c.neighbours == n) {
                return c;
            }
        }
        throw new IllegalArgumentException("connectivity must be 6, 18 or 26, got " + n);
    }

    /**
     * Neighbour offsets as rows {dx, dy, dz}: the offsets whose number of non-zero components is between
     * 1 and 1, 2 or 3 for 6, 18 and 26 connectivity.
     */
    public int[][] offsets() {
        int maxNonZero = switch (this) {
            case SIX -> 1;
            case EIGHTEEN -> 2;
            case TWENTY_SIX -> 3;
        };
        int[][] out = new int[neighbours][];
        int n = 0;
        for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int nonZero = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                    if (nonZero >= 1 && nonZero <= maxNonZero) {
                        out[n++] = new int[] {dx, dy, dz};
                    }
                }
            }
        }
        return out;
    }
}

package org.plaque.lesion;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.segment.components.Components;
import org.plaque.segment.components.ConnectedComponents;

/**
 * The lesions of a lesion mask: its connected components that are strictly larger than a minimum
 * volume, numbered and measured.
 *
 * <p><b>Size filter.</b> A component is kept when its volume is strictly larger than
 * {@code minVolumeMm3}, i.e. when it has more than {@code floor(minVolumeMm3 / voxelVolumeMm3)} voxels —
 * the rule of EVALUATION.md and of Anima's {@code animaSegPerfAnalyzer} (MSSEG, 3 mm³). A relative guard
 * of 1e-9 on that quotient keeps a lesion of exactly the minimum volume out whatever the floating-point
 * rounding of the voxel volume. {@code minVolumeMm3 = 0} keeps every component.
 *
 * <p><b>Numbering.</b> Kept lesions get ids 1..n in order of decreasing volume; lesions of equal volume
 * are ordered by the raster position (x fastest, then y, then z) of their first voxel. The table's label
 * image carries these ids; voxels of removed components are 0. The result is deterministic.
 *
 * <p>Voxel volume is the absolute determinant of the grid's voxel-to-world affine (mm³); centroids are the
 * mean of the lesion's voxel centres mapped to world RAS+ mm.
 */
public final class LesionTable {
    /** Relative tolerance for "volume exactly equal to the minimum" (see the class comment). */
    private static final double THRESHOLD_GUARD = 1e-9;

    private final List<Lesion> lesions;
    private final LabelVolume labels;
    private final Connectivity connectivity;
    private final double minVolumeMm3;
    private final double totalVolumeMm3;

    private LesionTable(List<Lesion> lesions, LabelVolume labels, Connectivity connectivity, double minVolumeMm3) {
        this.lesions = lesions;
        this.labels = labels;
        this.connectivity = connectivity;
        this.minVolumeMm3 = minVolumeMm3;
        double total = 0;
        for (Lesion l : lesions) {
            total += l.volumeMm3();
        }
        this.totalVolumeMm3 = total;
    }

    /** Every connected component of {@code mask} under {@link Connectivity#DEFAULT} (6-connectivity). */
    public static LesionTable of(Mask mask) {
        return of(mask, Connectivity.DEFAULT, 0);
    }

    /**
     * The components of {@code mask} under {@code connectivity} whose volume is strictly larger than
     * {@code minVolumeMm3}.
     *
     * @param minVolumeMm3 minimum lesion volume in mm³ (exclusive); 0 keeps all
     * @throws IllegalArgumentException if {@code minVolumeMm3} is negative or not finite
     */
    public static LesionTable of(Mask mask, Connectivity connectivity, double minVolumeMm3) {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(connectivity, "connectivity");
        if (!(minVolumeMm3 >= 0) || !Double.isFinite(minVolumeMm3)) {
            throw new IllegalArgumentException("minimum lesion volume must be finite and >= 0 mm³, got "
                + minVolumeMm3);
        }
        ImageGeometry g = mask.geometry();
        double voxelVolumeMm3 = g.voxelVolumeMm3();
        Components components = ConnectedComponents.label(mask, connectivity);
        int count = components.count();
        int[] voxelCounts = components.voxelCounts();
        int maxRemoved = maxRemovedVoxels(minVolumeMm3, voxelVolumeMm3);

        // Sort kept components by (voxels descending, component label ascending) without boxing: the
        // component label already encodes the raster order of first voxels.
        long[] keys = new long[count];
        int kept = 0;
        for (int c = 1; c <= count; c++) {
            if (voxelCounts[c] > maxRemoved) {
                keys[kept++] = ((long) (Integer.MAX_VALUE - voxelCounts[c]) << 32) | c;
            }
        }
        Arrays.sort(keys, 0, kept);
        int[] newId = new int[count + 1];
        int[] oldOf = new int[kept + 1];
        boolean identity = kept == count;
        for (int r = 0; r < kept; r++) {
            int c = (int) (keys[r] & 0xffffffffL);
            newId[c] = r + 1;
            oldOf[r + 1] = c;
            identity &= c == r + 1;
        }

        LabelVolume componentLabels = components.labels();
        long[] sumX = new long[count + 1];
        long[] sumY = new long[count + 1];
        long[] sumZ = new long[count + 1];
        LabelVolume.Builder out = identity ? null : LabelVolume.builder(g);
        int[] outArray = identity ? null : out.array();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int row = nx * (y + ny * z);
                for (int x = 0; x < nx; x++) {
                    int c = componentLabels.get(row + x);
                    if (c == 0) {
                        continue;
                    }
                    sumX[c] += x;
                    sumY[c] += y;
                    sumZ[c] += z;
                    if (outArray != null) {
                        outArray[row + x] = newId[c];
                    }
                }
            }
        }
        LabelVolume labels = identity ? componentLabels : out.build();

        Affine voxelToWorld = g.voxelToWorld();
        Lesion[] lesions = new Lesion[kept];
        for (int id = 1; id <= kept; id++) {
            int c = oldOf[id];
            double n = voxelCounts[c];
            double[] centroid = voxelToWorld.apply(sumX[c] / n, sumY[c] / n, sumZ[c] / n);
            lesions[id - 1] = new Lesion(id, voxelCounts[c], voxelCounts[c] * voxelVolumeMm3, centroid);
        }
        return new LesionTable(List.of(lesions), labels, connectivity, minVolumeMm3);
    }

    /**
     * The largest voxel count that a component may have and still be removed by the size filter:
     * {@code floor(minVolumeMm3 / voxelVolumeMm3)}, rounded to the nearest integer first when the
     * quotient is within a relative 1e-9 of one. Components with more voxels are kept.
     */
    public static int maxRemovedVoxels(double minVolumeMm3, double voxelVolumeMm3) {
        double q = minVolumeMm3 / voxelVolumeMm3;
        double nearest = Math.rint(q);
        if (Math.abs(q - nearest) <= THRESHOLD_GUARD * Math.max(1, nearest)) {
            q = nearest;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.floor(q));
    }

    /** The lesions, ids 1..n, by decreasing volume (ties: raster order of first voxel). Unmodifiable. */
    public List<Lesion> lesions() {
        return lesions;
    }

    /** Number of lesions kept. */
    public int count() {
        return lesions.size();
    }

    /** Sum of the kept lesions' volumes, mm³. */
    public double totalVolumeMm3() {
        return totalVolumeMm3;
    }

    /** Lesion ids per voxel (0 = background or a removed component), on the mask's grid. */
    public LabelVolume labels() {
        return labels;
    }

    /** The connectivity that defined the components. */
    public Connectivity connectivity() {
        return connectivity;
    }

    /** The exclusive minimum lesion volume in mm³ (0 = none). */
    public double minVolumeMm3() {
        return minVolumeMm3;
    }

    /** The lesion with the given id (1..count). */
    public Lesion lesion(int id) {
        if (id < 1 || id > lesions.size()) {
            throw new IndexOutOfBoundsException("lesion id " + id + " outside 1.." + lesions.size());
        }
        return lesions.get(id - 1);
    }

    /** Voxels per lesion indexed by id ([0] unused, 0): a fresh array for tight loops. */
    public int[] voxelCountsById() {
        int[] counts = new int[lesions.size() + 1];
        for (Lesion l : lesions) {
            counts[l.id()] = l.voxels();
        }
        return counts;
    }

    @Override
    public String toString() {
        return "LesionTable[" + count() + " lesions, " + String.format(java.util.Locale.ROOT, "%.3f", totalVolumeMm3)
            + " mm³, " + connectivity + ", min " + minVolumeMm3 + " mm³]";
    }
}

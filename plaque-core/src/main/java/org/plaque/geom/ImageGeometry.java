package org.plaque.geom;

import java.util.Arrays;
import org.plaque.InvalidInputException;

/**
 * The sampling grid of a 3-D image: its size in voxels and its voxel-to-world affine (RAS+ millimetres).
 *
 * <p>Voxel (i, j, k) has its centre at {@code voxelToWorld · (i, j, k, 1)}. Voxels are stored x-fastest:
 * linear index {@code i + nx·(j + ny·k)}, the NIfTI order. Spacing is the length of each affine column;
 * direction is each column divided by its spacing (not necessarily orthogonal for sheared grids).
 *
 * <p>Immutable. Construction rejects non-positive sizes, volumes over {@link Integer#MAX_VALUE} voxels,
 * and affines that are singular or non-finite (zero or non-finite spacing), with
 * {@link InvalidInputException}.
 */
public final class ImageGeometry {
    private final int nx;
    private final int ny;
    private final int nz;
    private final Affine voxelToWorld;
    private final Affine worldToVoxel;

    private ImageGeometry(int nx, int ny, int nz, Affine voxelToWorld) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new InvalidInputException("image size must be positive, got " + nx + "×" + ny + "×" + nz);
        }
        if ((long) nx * ny * nz > Integer.MAX_VALUE) {
            throw new InvalidInputException("image of " + nx + "×" + ny + "×" + nz
                + " voxels is larger than Plaque's limit of " + Integer.MAX_VALUE + " voxels");
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.voxelToWorld = voxelToWorld;
        double[] s = spacingOf(voxelToWorld);
        for (double v : s) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new InvalidInputException("voxel spacing must be finite and positive, got "
                    + Arrays.toString(s) + " mm");
            }
        }
        try {
            this.worldToVoxel = voxelToWorld.inverse();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("voxel-to-world affine is singular: " + voxelToWorld);
        }
    }

    /** A grid from its size and voxel-to-world affine (RAS+ mm). */
    public static ImageGeometry of(int nx, int ny, int nz, Affine voxelToWorld) {
        return new ImageGeometry(nx, ny, nz, voxelToWorld);
    }

    /**
     * A grid from size, spacing (mm), origin (world position of voxel 0, RAS+ mm) and a 3×3 direction
     * matrix whose columns are the unit world directions of the voxel axes.
     */
    public static ImageGeometry of(int[] size, double[] spacingMm, double[] originMm, double[][] direction) {
        if (size.length != 3 || spacingMm.length != 3 || originMm.length != 3 || direction.length != 3) {
            throw new IllegalArgumentException("size, spacing, origin and direction must be 3-D");
        }
        for (double[] row : direction) {
            if (row.length != 3) {
                throw new IllegalArgumentException("direction must be a 3×3 matrix");
            }
        }
        double[][] lin = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                lin[r][c] = direction[r][c] * spacingMm[c];
            }
        }
        return new ImageGeometry(size[0], size[1], size[2], Affine.of(lin, originMm));
    }

    /** An axis-aligned RAS grid with the given spacing and origin. */
    public static ImageGeometry axisAligned(int nx, int ny, int nz, double[] spacingMm, double[] originMm) {
        return new ImageGeometry(nx, ny, nz, Affine.ofRowMajor(
            spacingMm[0], 0, 0, originMm[0],
            0, spacingMm[1], 0, originMm[1],
            0, 0, spacingMm[2], originMm[2]));
    }

    private static double[] spacingOf(Affine a) {
        double[] s = new double[3];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int r = 0; r < 3; r++) {
                sum += a.get(r, c) * a.get(r, c);
            }
            s[c] = Math.sqrt(sum);
        }
        return s;
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    /** Size along each voxel axis. */
    public int[] size() {
        return new int[] {nx, ny, nz};
    }

    /** Number of voxels. */
    public int voxelCount() {
        return nx * ny * nz;
    }

    /** Linear index of voxel (i, j, k), x-fastest. No bounds check. */
    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    /** Whether (i, j, k) lies inside the grid. */
    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
    }

    /** Voxel-to-world affine (RAS+ mm). */
    public Affine voxelToWorld() {
        return voxelToWorld;
    }

    /** World-to-voxel affine (inverse of {@link #voxelToWorld()}). */
    public Affine worldToVoxel() {
        return worldToVoxel;
    }

    /** Voxel spacing along each voxel axis, in mm. */
    public double[] spacingMm() {
        return spacingOf(voxelToWorld);
    }

    /** Volume of one voxel in mm³ (absolute determinant of the linear part, correct for sheared grids). */
    public double voxelVolumeMm3() {
        return Math.abs(voxelToWorld.determinant());
    }

    /** World position (RAS+ mm) of the centre of voxel (0, 0, 0). */
    public double[] originMm() {
        return voxelToWorld.translation();
    }

    /** Unit direction cosines: column c is the world direction of voxel axis c. */
    public double[][] direction() {
        double[][] d = voxelToWorld.linear();
        double[] s = spacingMm();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                d[r][c] /= s[c];
            }
        }
        return d;
    }

    /** The same size with a different voxel-to-world affine (used by crops and reorientation). */
    public ImageGeometry withVoxelToWorld(Affine newVoxelToWorld) {
        return new ImageGeometry(nx, ny, nz, newVoxelToWorld);
    }

    /**
     * Whether {@code other} has the same size and every voxel centre within {@code tol} of this grid's.
     * Because voxel positions are affine in the index, checking the eight corners suffices.
     */
    public boolean sameGrid(ImageGeometry other, Tolerance tol) {
        if (nx != other.nx || ny != other.ny || nz != other.nz) {
            return false;
        }
        double[] a = new double[3];
        double[] b = new double[3];
        for (int corner = 0; corner < 8; corner++) {
            double i = (corner & 1) == 0 ? 0 : nx - 1;
            double j = (corner & 2) == 0 ? 0 : ny - 1;
            double k = (corner & 4) == 0 ? 0 : nz - 1;
            voxelToWorld.apply(i, j, k, a);
            other.voxelToWorld.apply(i, j, k, b);
            double dx = a[0] - b[0];
            double dy = a[1] - b[1];
            double dz = a[2] - b[2];
            if (!(Math.sqrt(dx * dx + dy * dy + dz * dz) <= tol.mm())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Throws {@link InvalidInputException} naming both images unless the grids match within {@code tol}.
     *
     * @param what a short phrase naming the two images, e.g. "prediction and reference"
     */
    public void requireSameGrid(ImageGeometry other, Tolerance tol, String what) {
        if (!sameGrid(other, tol)) {
            throw new InvalidInputException(what + " are not on the same grid (tolerance " + tol.mm()
                + " mm): " + this + " vs " + other);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageGeometry g && nx == g.nx && ny == g.ny && nz == g.nz
            && voxelToWorld.equals(g.voxelToWorld);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * nx + ny) + nz) + voxelToWorld.hashCode();
    }

    @Override
    public String toString() {
        double[] s = spacingMm();
        double[] o = originMm();
        return String.format(java.util.Locale.ROOT, "%d×%d×%d @ %.6g×%.6g×%.6g mm, origin (%.6g, %.6g, %.6g)",
            nx, ny, nz, s[0], s[1], s[2], o[0], o[1], o[2]);
    }
}

package org.plaque.report;

import org.plaque.geom.ImageGeometry;

/**
 * One slice of a RAS-stored grid as it is shown on screen: which voxel each display pixel shows.
 *
 * <p>Views follow the radiological convention: axial and coronal slices show the patient's right on the
 * left of the screen; axial slices have anterior at the top, coronal and sagittal slices superior at the top;
 * sagittal slices have anterior on the left. Pixels are square: the slice is sampled (nearest voxel) at
 * {@code mmPerPixel}, so anisotropic voxels keep their true proportions.
 *
 * @param plane      the plane
 * @param slice      the voxel index along the plane's normal
 * @param width      display width in pixels
 * @param height     display height in pixels
 * @param voxel      for each display pixel (row-major from the top left) the linear voxel index
 */
record SliceView(Plane plane, int slice, int width, int height, int[] voxel) {
    /** The three orthogonal planes. */
    enum Plane {
        AXIAL, CORONAL, SAGITTAL;

        /** Lower-case name, for file names and captions. */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The voxel axis perpendicular to the plane (RAS storage: 2 = z for axial). */
        int normalAxis() {
            return switch (this) {
                case AXIAL -> 2;
                case CORONAL -> 1;
                case SAGITTAL -> 0;
            };
        }
    }

    /**
     * The view of slice {@code slice} of {@code plane} on a RAS-stored grid.
     *
     * @param mmPerPixel display resolution (mm per pixel)
     */
    static SliceView of(ImageGeometry ras, Plane plane, int slice, double mmPerPixel) {
        int nx = ras.nx();
        int ny = ras.ny();
        int nz = ras.nz();
        double[] s = ras.spacingMm();
        int cols;
        int rows;
        double colMm;
        double rowMm;
        switch (plane) {
            case AXIAL -> {
                cols = nx;
                rows = ny;
                colMm = s[0];
                rowMm = s[1];
            }
            case CORONAL -> {
                cols = nx;
                rows = nz;
                colMm = s[0];
                rowMm = s[2];
            }
            default -> {
                cols = ny;
                rows = nz;
                colMm = s[1];
                rowMm = s[2];
            }
        }
        int width = Math.max(1, (int) Math.round(cols * colMm / mmPerPixel));
        int height = Math.max(1, (int) Math.round(rows * rowMm / mmPerPixel));
        int[] voxel = new int[width * height];
        for (int py = 0; py < height; py++) {
            int r = Math.min(rows - 1, (int) ((py + 0.5) * mmPerPixel / rowMm));
            for (int px = 0; px < width; px++) {
                int c = Math.min(cols - 1, (int) ((px + 0.5) * mmPerPixel / colMm));
                // screen left = patient right (high x); top = anterior or superior (high y or z);
                // sagittal: anterior on the left
                int index = switch (plane) {
                    case AXIAL -> ras.index(nx - 1 - c, ny - 1 - r, slice);
                    case CORONAL -> ras.index(nx - 1 - c, slice, nz - 1 - r);
                    case SAGITTAL -> ras.index(slice, ny - 1 - c, nz - 1 - r);
                };
                voxel[py * width + px] = index;
            }
        }
        return new SliceView(plane, slice, width, height, voxel);
    }
}

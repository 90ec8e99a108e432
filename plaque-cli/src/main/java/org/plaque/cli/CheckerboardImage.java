package org.plaque.cli;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import org.plaque.filter.spatial.Reorient;
import org.plaque.geom.Orientation;
import org.plaque.image.ScalarVolume;

/**
 * Renders the checkerboard of two volumes on the same grid as an 8-bit grey image: square-millimetre
 * pixels, blocks alternating between the two volumes, each volume windowed by its own 1st–99th percentile.
 *
 * <p>Display convention: <b>radiological</b> — the patient's right is on the left of the picture; axial
 * slices are seen from the feet with anterior at the top, coronal slices from the front with superior at
 * the top, sagittal slices with anterior on the left and superior at the top. The volumes are first
 * reoriented to RAS (an exact permutation/flip of voxels), so "axial" means the voxel axis closest to S;
 * oblique grids are shown in voxel space, not resampled onto the world axes.
 */
final class CheckerboardImage {
    /** Slice planes, named by the world axis they are normal to. */
    enum Plane {
        AXIAL(2), CORONAL(1), SAGITTAL(0);

        /** The RAS voxel axis held fixed. */
        final int normal;

        Plane(int normal) {
            this.normal = normal;
        }

        static Plane parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** Gap between montage panels, pixels. */
    static final int GAP = 4;
    /** At most this many voxels are sorted to find a window's percentiles. */
    private static final int PERCENTILE_SAMPLES = 1_000_000;

    private final ScalarVolume a;
    private final ScalarVolume b;
    private final float[] windowA;
    private final float[] windowB;
    private final double pixelMm;

    /** {@code a} and {@code b} must share a grid (checked by the caller). */
    CheckerboardImage(ScalarVolume a, ScalarVolume b) {
        this.a = Reorient.to(a, "RAS");
        this.b = Reorient.to(b, "RAS");
        this.windowA = window(a);
        this.windowB = window(b);
        double[] s = this.a.geometry().spacingMm();
        this.pixelMm = Math.min(s[0], Math.min(s[1], s[2]));
    }

    /**
     * The RAS voxel index along {@code plane}'s normal of a voxel index along the original grid's axis that
     * points closest to that normal (the index a viewer of the original file shows).
     */
    static int rasIndex(ScalarVolume original, Plane plane, int index) {
        String codes = Orientation.axisCodes(original.geometry());
        for (int axis = 0; axis < 3; axis++) {
            char c = codes.charAt(axis);
            if (Orientation.worldAxis(c) == plane.normal) {
                int n = original.geometry().size()[axis];
                if (index < 0 || index >= n) {
                    throw new IllegalArgumentException("--index " + index + " is outside 0.." + (n - 1) + " for the "
                        + plane.name().toLowerCase(Locale.ROOT) + " axis");
                }
                return Orientation.sign(c) > 0 ? index : n - 1 - index;
            }
        }
        throw new IllegalStateException("no axis of " + codes + " along " + plane);
    }

    /** The middle RAS slice index of a plane. */
    int middle(Plane plane) {
        return (a.geometry().size()[plane.normal] - 1) / 2;
    }

    /** One panel: the checkerboard of slice {@code rasIndex} of {@code plane} with {@code blocks}² blocks. */
    BufferedImage panel(Plane plane, int rasIndex, int blocks) {
        byte[][] grey = render(plane, rasIndex, blocks);
        return toImage(grey);
    }

    /** Axial, coronal and sagittal mid-slices side by side (top-aligned, black gaps). */
    BufferedImage montage(int blocks) {
        byte[][][] panels = new byte[3][][];
        int width = 0;
        int height = 0;
        Plane[] planes = {Plane.AXIAL, Plane.CORONAL, Plane.SAGITTAL};
        for (int p = 0; p < 3; p++) {
            panels[p] = render(planes[p], middle(planes[p]), blocks);
            width += panels[p][0].length + (p > 0 ? GAP : 0);
            height = Math.max(height, panels[p].length);
        }
        byte[][] all = new byte[height][width];
        int x0 = 0;
        for (byte[][] panel : panels) {
            for (int y = 0; y < panel.length; y++) {
                System.arraycopy(panel[y], 0, all[y], x0, panel[y].length);
            }
            x0 += panel[0].length + GAP;
        }
        return toImage(all);
    }

    /**
     * Grey rows of one panel. Screen column u and row v map to the two in-plane RAS voxel axes (h, w) with
     * the radiological flips; each pixel samples its volume bilinearly at the pixel centre.
     */
    private byte[][] render(Plane plane, int slice, int blocks) {
        int[] size = a.geometry().size();
        double[] spacing = a.geometry().spacingMm();
        // in-plane axes: horizontal (screen x) and vertical (screen y), and whether the screen runs against the index
        int h;
        int v;
        switch (plane) {
            case AXIAL:
                h = 0; // R..L on screen: index decreasing
                v = 1; // A at top: index decreasing
                break;
            case CORONAL:
                h = 0;
                v = 2; // S at top
                break;
            default:
                h = 1; // A on the left: index decreasing
                v = 2;
        }
        int width = Math.max(1, (int) Math.round(size[h] * spacing[h] / pixelMm));
        int height = Math.max(1, (int) Math.round(size[v] * spacing[v] / pixelMm));
        byte[][] out = new byte[height][width];
        int[] idx = new int[3];
        idx[plane.normal] = slice;
        for (int row = 0; row < height; row++) {
            // pixel centre → continuous voxel index, flipped so that the top/left shows the high index
            double cv = (size[v] - 1) - ((row + 0.5) * size[v] / height - 0.5);
            int blockRow = row * blocks / height;
            for (int col = 0; col < width; col++) {
                double ch = (size[h] - 1) - ((col + 0.5) * size[h] / width - 0.5);
                int blockCol = col * blocks / width;
                boolean first = ((blockRow + blockCol) & 1) == 0;
                ScalarVolume src = first ? a : b;
                float[] win = first ? windowA : windowB;
                double value = bilinear(src, h, v, ch, cv, idx);
                double g = (value - win[0]) / (win[1] - win[0]);
                out[row][col] = (byte) Math.round(255 * Math.max(0, Math.min(1, g)));
            }
        }
        return out;
    }

    private static double bilinear(ScalarVolume s, int h, int v, double ch, double cv, int[] idx) {
        int[] size = s.geometry().size();
        ch = Math.max(0, Math.min(size[h] - 1, ch));
        cv = Math.max(0, Math.min(size[v] - 1, cv));
        int h0 = (int) Math.floor(ch);
        int v0 = (int) Math.floor(cv);
        int h1 = Math.min(h0 + 1, size[h] - 1);
        int v1 = Math.min(v0 + 1, size[v] - 1);
        double fh = ch - h0;
        double fv = cv - v0;
        double s00 = at(s, idx, h, h0, v, v0);
        double s10 = at(s, idx, h, h1, v, v0);
        double s01 = at(s, idx, h, h0, v, v1);
        double s11 = at(s, idx, h, h1, v, v1);
        return (1 - fv) * ((1 - fh) * s00 + fh * s10) + fv * ((1 - fh) * s01 + fh * s11);
    }

    private static double at(ScalarVolume s, int[] idx, int h, int ih, int v, int iv) {
        idx[h] = ih;
        idx[v] = iv;
        return s.get(idx[0], idx[1], idx[2]);
    }

    /** The 1st and 99th percentiles of a volume's finite voxels (a regular subsample of large volumes). */
    static float[] window(ScalarVolume v) {
        int n = v.geometry().voxelCount();
        int step = Math.max(1, n / PERCENTILE_SAMPLES);
        float[] sample = new float[(n + step - 1) / step];
        int m = 0;
        for (int i = 0; i < n; i += step) {
            float x = v.get(i);
            if (Float.isFinite(x)) {
                sample[m++] = x;
            }
        }
        if (m == 0) {
            return new float[] {0, 1};
        }
        Arrays.sort(sample, 0, m);
        float lo = sample[(int) Math.floor(0.01 * (m - 1))];
        float hi = sample[(int) Math.ceil(0.99 * (m - 1))];
        if (!(hi > lo)) {
            hi = lo + 1; // a constant image shows as black
        }
        return new float[] {lo, hi};
    }

    private static BufferedImage toImage(byte[][] grey) {
        int height = grey.length;
        int width = grey[0].length;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            System.arraycopy(grey[y], 0, raster, y * width, width);
        }
        return img;
    }
}

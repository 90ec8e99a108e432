package org.plaque.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Draws the report's pictures from RAS-stored volumes: grey slices with a lesion overlay, a brain-mask
 * contour, checkerboards of two images and a histogram chart, as PNG bytes.
 *
 * <p>Lesions are shown in red at 75 % opacity, the brain-mask contour in green. Text (orientation letters,
 * axis labels) is drawn when the platform can render fonts and left out otherwise; the HTML report carries
 * every caption, so no information lives only in the pictures.
 */
final class Figures {
    static final int LESION_RGB = 0xFF1010;
    static final int CONTOUR_RGB = 0x30E030;
    private static final double LESION_ALPHA = 0.75;
    private static final int GAP = 6;
    private static final int BACKGROUND = 0x101010;

    private Figures() {
    }

    /** Grey pixels of {@code v} in {@code view} (RGB ints). */
    static int[] grey(ScalarVolume v, SliceView view, Window w) {
        int[] rgb = new int[view.voxel().length];
        for (int p = 0; p < rgb.length; p++) {
            int g = w.grey(v.get(view.voxel()[p]));
            rgb[p] = (g << 16) | (g << 8) | g;
        }
        return rgb;
    }

    /** Blends {@code colour} over the pixels where {@code mask} is set. */
    static void overlay(int[] rgb, Mask mask, SliceView view, int colour, double alpha) {
        for (int p = 0; p < rgb.length; p++) {
            if (mask.get(view.voxel()[p])) {
                rgb[p] = blend(rgb[p], colour, alpha);
            }
        }
    }

    /** Lesions in red. */
    static void lesions(int[] rgb, Mask lesions, SliceView view) {
        overlay(rgb, lesions, view, LESION_RGB, LESION_ALPHA);
    }

    /** Paints the boundary pixels of {@code mask} (set, with a 4-neighbour unset) in {@code colour}. */
    static void contour(int[] rgb, Mask mask, SliceView view, int colour) {
        int w = view.width();
        int h = view.height();
        int[] vox = view.voxel();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (!mask.get(vox[p])) {
                    continue;
                }
                boolean edge = (x > 0 && !mask.get(vox[p - 1])) || (x < w - 1 && !mask.get(vox[p + 1]))
                    || (y > 0 && !mask.get(vox[p - w])) || (y < h - 1 && !mask.get(vox[p + w]));
                if (edge) {
                    rgb[p] = colour;
                }
            }
        }
    }

    /** Alternating square blocks of {@code a} and {@code b} (same size), {@code block} pixels wide. */
    static int[] checkerboard(int[] a, int[] b, SliceView view, int block) {
        int[] out = new int[a.length];
        for (int y = 0; y < view.height(); y++) {
            for (int x = 0; x < view.width(); x++) {
                int p = y * view.width() + x;
                out[p] = ((x / block + y / block) & 1) == 0 ? a[p] : b[p];
            }
        }
        return out;
    }

    private static int blend(int under, int over, double alpha) {
        int r = (int) Math.round(((under >> 16) & 255) * (1 - alpha) + ((over >> 16) & 255) * alpha);
        int g = (int) Math.round(((under >> 8) & 255) * (1 - alpha) + ((over >> 8) & 255) * alpha);
        int b = (int) Math.round((under & 255) * (1 - alpha) + (over & 255) * alpha);
        return (r << 16) | (g << 8) | b;
    }

    /** A tile: pixels of one view. */
    record Tile(SliceView view, int[] rgb) {
    }

    /** Tiles laid out in rows of {@code perRow}, on a dark background, with orientation letters. */
    static BufferedImage layout(List<Tile> tiles, int perRow) {
        int rows = (tiles.size() + perRow - 1) / perRow;
        int[] colW = new int[perRow];
        int[] rowH = new int[rows];
        for (int t = 0; t < tiles.size(); t++) {
            SliceView v = tiles.get(t).view();
            colW[t % perRow] = Math.max(colW[t % perRow], v.width());
            rowH[t / perRow] = Math.max(rowH[t / perRow], v.height());
        }
        int width = GAP;
        for (int w : colW) {
            width += w + GAP;
        }
        int height = GAP;
        for (int h : rowH) {
            height += h + GAP;
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, BACKGROUND);
            }
        }
        int y0 = GAP;
        List<int[]> origins = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int x0 = GAP;
            for (int c = 0; c < perRow && r * perRow + c < tiles.size(); c++) {
                Tile t = tiles.get(r * perRow + c);
                SliceView v = t.view();
                int ox = x0 + (colW[c] - v.width()) / 2;
                int oy = y0 + (rowH[r] - v.height()) / 2;
                img.setRGB(ox, oy, v.width(), v.height(), t.rgb(), 0, v.width());
                origins.add(new int[] {ox, oy});
                x0 += colW[c] + GAP;
            }
            y0 += rowH[r] + GAP;
        }
        letters(img, tiles, origins);
        return img;
    }

    /** Orientation letters on every tile (left/right, top), when fonts can be drawn. */
    private static void letters(BufferedImage img, List<Tile> tiles, List<int[]> origins) {
        try {
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            g.setColor(new Color(0xFFD040));
            for (int t = 0; t < tiles.size(); t++) {
                SliceView v = tiles.get(t).view();
                int[] o = origins.get(t);
                String left = v.plane() == SliceView.Plane.SAGITTAL ? "A" : "R";
                String right = v.plane() == SliceView.Plane.SAGITTAL ? "P" : "L";
                int mid = o[1] + v.height() / 2;
                g.drawString(left, o[0] + 2, mid);
                g.drawString(right, o[0] + v.width() - 10, mid);
            }
            g.dispose();
        } catch (RuntimeException | Error e) {
            // no usable fonts on this platform: the pictures stay without letters (the HTML says the convention)
        }
    }

    /**
     * A bar chart of {@code counts} with one label per bar, {@code width}×{@code height} pixels.
     *
     * @param title the y-axis caption
     */
    static BufferedImage bars(int[] counts, List<String> labels, String title, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int left = 48;
        int bottom = 40;
        int top = 24;
        int plotW = width - left - 12;
        int plotH = height - top - bottom;
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        g.setColor(new Color(0x888888));
        g.drawLine(left, top, left, top + plotH);
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        int n = counts.length;
        double slot = (double) plotW / n;
        for (int i = 0; i < n; i++) {
            int h = (int) Math.round((double) counts[i] / max * plotH);
            int x = (int) Math.round(left + i * slot + slot * 0.15);
            g.setColor(new Color(0xC03030));
            g.fillRect(x, top + plotH - h, (int) Math.round(slot * 0.7), h);
        }
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(Color.BLACK);
            for (int i = 0; i < n; i++) {
                int h = (int) Math.round((double) counts[i] / max * plotH);
                int x = (int) Math.round(left + i * slot + slot * 0.15);
                g.drawString(String.valueOf(counts[i]), x + 2, top + plotH - h - 3);
                g.drawString(labels.get(i), (int) Math.round(left + i * slot + 2), top + plotH + 14);
            }
            g.drawString("lesion volume (mm³)", left + plotW / 2 - 50, height - 8);
            g.drawString(title, 4, 14);
        } catch (RuntimeException | Error e) {
            // no fonts: bars only; the HTML table beside the chart has the numbers
        }
        g.dispose();
        return img;
    }

    /** PNG bytes of {@code img}. */
    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

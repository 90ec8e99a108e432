package org.plaque.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.ScalarVolume;

/**
 * The PNG panel of {@code plaque denoise-compare}: one row per method with the original, the denoised
 * image and the difference, all on the middle axial slice, in radiological view (patient's right on the
 * left, anterior at the top).
 *
 * <p>The axial plane is the voxel plane most perpendicular to the world's superior axis. Original and
 * denoised share one grey window, the 1st to 99th percentile of the original's non-zero slice voxels; all
 * differences share another, 0 to the 99th percentile of the non-zero differences, so rows compare
 * directly. Labels are drawn when the platform can render text, and left out otherwise.
 */
final class DenoisePanel {
    private static final int LABEL_WIDTH = 120;
    private static final int HEADER_HEIGHT = 26;
    private static final int GAP = 4;

    private final int axisA;
    private final int axisB;
    private final int axisSlice;
    private final int slice;
    private final boolean flipA;
    private final boolean flipB;
    private final int width;
    private final int height;
    private final float[] original;
    private final List<String> names = new ArrayList<>();
    private final List<float[]> denoised = new ArrayList<>();
    private final List<float[]> differences = new ArrayList<>();

    DenoisePanel(ScalarVolume originalImage) {
        ImageGeometry g = originalImage.geometry();
        double[][] dir = g.direction();
        // The voxel axis closest to world S is the slice axis; of the other two, the one closest to world R
        // runs across the screen.
        axisSlice = argMaxAbs(dir[2][0], dir[2][1], dir[2][2]);
        int[] others = axisSlice == 0 ? new int[] {1, 2} : axisSlice == 1 ? new int[] {0, 2} : new int[] {0, 1};
        if (Math.abs(dir[0][others[0]]) >= Math.abs(dir[0][others[1]])) {
            axisA = others[0];
            axisB = others[1];
        } else {
            axisA = others[1];
            axisB = others[0];
        }
        flipA = dir[0][axisA] > 0;
        flipB = dir[1][axisB] > 0;
        int[] size = g.size();
        width = size[axisA];
        height = size[axisB];
        slice = size[axisSlice] / 2;
        original = sliceOf(originalImage);
    }

    void addRow(String name, ScalarVolume denoisedImage, ScalarVolume difference) {
        names.add(name);
        denoised.add(sliceOf(denoisedImage));
        differences.add(sliceOf(difference));
    }

    /** The panel as an image: header row, then one row per method. */
    BufferedImage render() {
        int scale = Math.max(1, (int) Math.round(400.0 / Math.max(width, height)));
        int tileW = width * scale;
        int tileH = height * scale;
        int rows = Math.max(1, names.size());
        int w = LABEL_WIDTH + 3 * tileW + 3 * GAP;
        int h = HEADER_HEIGHT + rows * (tileH + GAP);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        gr.setColor(new Color(24, 24, 24));
        gr.fillRect(0, 0, w, h);
        double[] grey = window(original, 1, 99, false);
        float[] allDiff = concat(differences);
        double[] diffWindow = window(allDiff, 0, 99, true);
        diffWindow[0] = 0;
        for (int r = 0; r < names.size(); r++) {
            int y = HEADER_HEIGHT + r * (tileH + GAP);
            draw(img, original, grey, LABEL_WIDTH, y, scale);
            draw(img, denoised.get(r), grey, LABEL_WIDTH + tileW + GAP, y, scale);
            draw(img, differences.get(r), diffWindow, LABEL_WIDTH + 2 * (tileW + GAP), y, scale);
        }
        try {
            gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            gr.setColor(Color.WHITE);
            gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            String[] heads = {"original", "denoised", "|original - denoised|"};
            for (int c = 0; c < 3; c++) {
                gr.drawString(heads[c], LABEL_WIDTH + c * (tileW + GAP) + 4, HEADER_HEIGHT - 8);
            }
            for (int r = 0; r < names.size(); r++) {
                gr.drawString(names.get(r), 8, HEADER_HEIGHT + r * (tileH + GAP) + tileH / 2);
            }
        } catch (RuntimeException | Error e) {
            // No usable font system (a bare headless JVM): the panel stays readable through the table's row order.
        }
        gr.dispose();
        return img;
    }

    /** Writes the rendered panel as PNG. */
    void writePng(OutputStream out) throws IOException {
        if (!ImageIO.write(render(), "png", out)) {
            throw new IOException("no PNG writer available in this Java runtime");
        }
    }

    private void draw(BufferedImage img, float[] values, double[] win, int x0, int y0, int scale) {
        double lo = win[0];
        double span = win[1] > win[0] ? win[1] - win[0] : 1;
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                double v = (values[row * width + col] - lo) / span;
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                int rgb = (g << 16) | (g << 8) | g;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x0 + col * scale + dx, y0 + row * scale + dy, rgb);
                    }
                }
            }
        }
    }

    /** The middle slice in screen order (row-major, rows top to bottom). */
    private float[] sliceOf(ScalarVolume v) {
        float[] out = new float[width * height];
        int[] idx = new int[3];
        idx[axisSlice] = slice;
        for (int row = 0; row < height; row++) {
            idx[axisB] = flipB ? height - 1 - row : row;
            for (int col = 0; col < width; col++) {
                idx[axisA] = flipA ? width - 1 - col : col;
                out[row * width + col] = v.get(idx[0], idx[1], idx[2]);
            }
        }
        return out;
    }

    /** [low, high] percentiles of the values (only the non-zero ones when any are non-zero, if asked). */
    private static double[] window(float[] values, double low, double high, boolean nonZeroOnly) {
        float[] v = values;
        float[] nz = new float[values.length];
        int n = 0;
        for (float f : values) {
            if (f != 0f && Float.isFinite(f)) {
                nz[n++] = f;
            }
        }
        if (n > 0 || nonZeroOnly) {
            v = Arrays.copyOf(nz, n);
        } else {
            v = values.clone();
        }
        if (v.length == 0) {
            return new double[] {0, 1};
        }
        Arrays.sort(v);
        return new double[] {v[(int) Math.floor(low / 100 * (v.length - 1))],
            v[(int) Math.floor(high / 100 * (v.length - 1))]};
    }

    private static float[] concat(List<float[]> parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int k = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    private static int argMaxAbs(double a, double b, double c) {
        double x = Math.abs(a);
        double y = Math.abs(b);
        double z = Math.abs(c);
        return x >= y && x >= z ? 0 : (y >= z ? 1 : 2);
    }
}

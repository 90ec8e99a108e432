package org.plaque.pipeline.longitudinal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * The self-contained {@code report.html} of {@code plaque longitudinal}: counts, registration figures, one row
 * per change with three panels (matched baseline, follow-up, ratio follow-up / baseline; the change outlined in
 * red) on the follow-up slice through its centroid, and a baseline/follow-up checkerboard of the central
 * slice as a registration check. Panels are in the follow-up image's stored voxel axes (not reoriented) and
 * embedded as PNG data URIs so the report is one file.
 */
public final class LongitudinalHtml {
    /** Half width of a change panel, voxels. */
    private static final int HALF = 32;
    /** Screen pixels per voxel in a change panel. */
    private static final int ZOOM = 3;

    private LongitudinalHtml() {
    }

    /** The report page. */
    public static String render(LongitudinalResult r, String method, double seconds) {
        double[] window = window(r.followupCorrected(), r.brain());
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Plaque longitudinal</title><style>")
            .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid")
            .append(" #ccc;padding:4px 8px;text-align:right}img{image-rendering:pixelated}</style></head><body>")
            .append("<h1>Lesion change (method ").append(esc(method)).append(")</h1>");
        h.append("<table><tr><th>new</th><th>enlarging</th><th>shrinking</th><th>vanished</th><th>stable</th>")
            .append("<th>new volume (mm³)</th><th>seconds</th></tr><tr>");
        for (ChangeLabel l : ChangeLabel.values()) {
            h.append("<td>").append(r.count(l)).append("</td>");
        }
        h.append(String.format(Locale.ROOT, "<td>%d</td><td>%.1f</td><td>%.1f</td></tr></table>",
            r.stableLesionCount(), r.volumeMm3(ChangeLabel.NEW), seconds));
        h.append("<h2>Registration</h2><table>");
        for (Map.Entry<String, Object> e : r.registration().entrySet()) {
            Object v = e.getValue();
            String text = v instanceof double[] d ? Arrays.toString(d) : String.valueOf(v);
            h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(text)).append("</td></tr>");
        }
        h.append("</table><p>Checkerboard of the matched baseline and the follow-up (central slice):</p>");
        ImageGeometry g = r.changeLabels().geometry();
        h.append(img(checkerboard(r, g.nz() / 2, window)));
        h.append("<h2>Changes</h2><p>Panels: matched baseline | follow-up | ratio (0.5–2); the change in red.</p>")
            .append("<table><tr><th>id</th><th>label</th><th>change mm³</th><th>baseline mm³</th>")
            .append("<th>follow-up mm³</th><th>centroid (mm)</th><th>panels</th></tr>");
        Affine w2v = g.voxelToWorld().inverse();
        for (LesionChange c : r.changes()) {
            double[] p = c.centroidMm();
            double[] v = w2v.apply(p[0], p[1], p[2]);
            h.append(String.format(Locale.ROOT,
                "<tr><td>%d</td><td>%s</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f, %.1f, %.1f</td><td>",
                c.id(), c.label().key(), c.changeVolumeMm3(), c.baselineVolumeMm3(), c.followupVolumeMm3(), p[0],
                p[1], p[2]));
            h.append(img(panels(r, c, v, window))).append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        return h.toString();
    }

    private static BufferedImage panels(LongitudinalResult r, LesionChange c, double[] centreVoxel, double[] window) {
        ImageGeometry g = r.changeLabels().geometry();
        int z = clamp((int) Math.round(centreVoxel[2]), 0, g.nz() - 1);
        int x0 = clamp((int) Math.round(centreVoxel[0]) - HALF, 0, Math.max(0, g.nx() - 2 * HALF));
        int y0 = clamp((int) Math.round(centreVoxel[1]) - HALF, 0, Math.max(0, g.ny() - 2 * HALF));
        int w = Math.min(2 * HALF, g.nx());
        int hgt = Math.min(2 * HALF, g.ny());
        BufferedImage img = new BufferedImage(3 * w * ZOOM + 2 * ZOOM, hgt * ZOOM, BufferedImage.TYPE_INT_RGB);
        LabelVolume labels = r.changeLabels();
        ScalarVolume b = r.matchedBaseline();
        ScalarVolume f = r.followupCorrected();
        for (int y = 0; y < hgt; y++) {
            for (int x = 0; x < w; x++) {
                int i = g.index(x0 + x, y0 + y, z);
                double bv = b.get(i);
                double fv = f.get(i);
                double ratio = bv > 0 ? fv / bv : 1;
                int[] grey = {grey(bv, window[0], window[1]), grey(fv, window[0], window[1]), grey(ratio, 0.5, 2.0)};
                boolean edge = isEdge(labels, g, x0 + x, y0 + y, z);
                for (int k = 0; k < 3; k++) {
                    int rgb = edge ? 0xff2020 : grey[k] * 0x010101;
                    for (int dy = 0; dy < ZOOM; dy++) {
                        for (int dx = 0; dx < ZOOM; dx++) {
                            // Rows flipped so that +y of the voxel grid points up.
                            img.setRGB(k * (w * ZOOM + ZOOM) + x * ZOOM + dx, (hgt - 1 - y) * ZOOM + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    private static BufferedImage checkerboard(LongitudinalResult r, int z, double[] window) {
        ImageGeometry g = r.changeLabels().geometry();
        int block = Math.max(1, Math.min(g.nx(), g.ny()) / 8);
        int zoom = Math.max(1, 256 / Math.max(g.nx(), g.ny()));
        BufferedImage img = new BufferedImage(g.nx() * zoom, g.ny() * zoom, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < g.ny(); y++) {
            for (int x = 0; x < g.nx(); x++) {
                int i = g.index(x, y, z);
                boolean useBaseline = ((x / block) + (y / block)) % 2 == 0;
                double v = useBaseline ? r.matchedBaseline().get(i) : r.followupCorrected().get(i);
                int rgb = grey(v, window[0], window[1]) * 0x010101;
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        img.setRGB(x * zoom + dx, (g.ny() - 1 - y) * zoom + dy, rgb);
                    }
                }
            }
        }
        return img;
    }

    private static boolean isEdge(LabelVolume l, ImageGeometry g, int x, int y, int z) {
        if (l.get(x, y, z) == 0) {
            return false;
        }
        return x == 0 || y == 0 || x == g.nx() - 1 || y == g.ny() - 1 || l.get(x - 1, y, z) == 0
            || l.get(x + 1, y, z) == 0 || l.get(x, y - 1, z) == 0 || l.get(x, y + 1, z) == 0;
    }

    /** Display window: the 1st and 99.5th percentile of the image inside the brain. */
    private static double[] window(ScalarVolume v, Mask brain) {
        float[] values = new float[brain.count()];
        int n = 0;
        for (int i = 0, total = v.geometry().voxelCount(); i < total; i++) {
            if (brain.get(i)) {
                values[n++] = v.get(i);
            }
        }
        if (n == 0) {
            return new double[] {0, 1};
        }
        Arrays.sort(values, 0, n);
        double lo = values[(int) (0.01 * (n - 1))];
        double hi = values[(int) (0.995 * (n - 1))];
        return new double[] {lo, hi > lo ? hi : lo + 1};
    }

    private static int grey(double v, double lo, double hi) {
        return clamp((int) Math.round(255 * (v - lo) / (hi - lo)), 0, 255);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String img(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "<img alt=\"panel\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray())
            + "\">";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

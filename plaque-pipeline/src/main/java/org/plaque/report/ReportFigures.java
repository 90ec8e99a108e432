package org.plaque.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plaque.filter.spatial.Reorient;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;

/**
 * The pictures of a segmentation report, as PNG bytes with captions: lesion overlays on the FLAIR in the
 * three orthogonal planes through the largest lesion (the brain's centre when there is none), an axial
 * mosaic across the brain, the lesion-volume histogram and the QC pictures — the brain-mask contour, a
 * checkerboard of the FLAIR and the registered atlas T1 (continuous anatomy across block edges means a good
 * registration), and the denoising residual (it should look like noise, without anatomy).
 *
 * <p>Every volume is first stored in RAS order ({@link Reorient}, no interpolation) so that the views are
 * the same whatever the input's storage order; see {@link SliceView} for the display convention.
 */
public final class ReportFigures {
    /** Upper edges (mm³) of the histogram bins; the last bin is open. */
    static final double[] HISTOGRAM_EDGES_MM3 = {10, 30, 100, 300, 1000, 3000};
    /** Labels of the histogram bins. */
    static final List<String> HISTOGRAM_LABELS = List.of("<10", "10-30", "30-100", "100-300", "300-1k", "1k-3k",
        ">3k");
    private static final int PANEL_PIXELS = 320;
    private static final int MOSAIC_PIXELS = 200;
    private static final int MOSAIC_SLICES = 12;

    /**
     * One picture.
     *
     * @param name    file name stem, e.g. "overlay_axial"
     * @param caption what it shows, for the HTML
     * @param png     the PNG bytes
     */
    public record Figure(String name, String caption, byte[] png) {
    }

    private ReportFigures() {
    }

    /** The overlay pictures that are also written as files (overlay_axial, …, overlay_mosaic). */
    public static List<Figure> overlays(Subject s, List<LesionRow> lesions) {
        Views v = new Views(s, lesions);
        List<Figure> out = new ArrayList<>();
        for (SliceView.Plane plane : SliceView.Plane.values()) {
            SliceView view = v.view(plane, PANEL_PIXELS);
            int[] plain = Figures.grey(v.flair, view, v.flairWindow);
            int[] over = plain.clone();
            Figures.lesions(over, v.lesions, view);
            out.add(new Figure("overlay_" + plane.label(), plane.label() + " slice " + view.slice()
                + ": FLAIR, and FLAIR with the lesion mask in red",
                Figures.png(Figures.layout(List.of(new Figures.Tile(view, plain), new Figures.Tile(view, over)), 2))));
        }
        out.add(new Figure("overlay_mosaic",
            MOSAIC_SLICES + " axial slices across the brain with the lesion mask in red",
            Figures.png(Figures.layout(v.mosaic(), 4))));
        return out;
    }

    /** The QC pictures and the histogram (shown in the HTML only). */
    public static List<Figure> qc(Subject s, List<LesionRow> lesions) {
        Views v = new Views(s, lesions);
        List<Figure> out = new ArrayList<>();
        out.add(new Figure("lesion_volume_histogram", "lesions per volume bin (mm³)", Figures.png(
            Figures.bars(histogram(lesions), HISTOGRAM_LABELS, "lesions", 520, 260))));
        if (v.brain != null) {
            List<Figures.Tile> tiles = new ArrayList<>();
            for (SliceView.Plane plane : SliceView.Plane.values()) {
                SliceView view = v.view(plane, PANEL_PIXELS);
                int[] rgb = Figures.grey(v.flair, view, v.flairWindow);
                Figures.contour(rgb, v.brain, view, Figures.CONTOUR_RGB);
                tiles.add(new Figures.Tile(view, rgb));
            }
            out.add(new Figure("qc_brain_mask", "brain mask (green contour) on the FLAIR",
                Figures.png(Figures.layout(tiles, 3))));
        }
        ScalarVolume atlasT1 = s.get(SubjectKeys.ATLAS_T1).map(x -> ras(x)).orElse(null);
        if (atlasT1 != null) {
            ScalarVolume processed = ras(s.flair());
            Window pw = Window.percentiles(processed, v.brain, 1, 99);
            Mask atlasMask = s.get(SubjectKeys.ATLAS_BRAIN_MASK).map(x -> ras(x)).orElse(null);
            Window aw = Window.percentiles(atlasT1, atlasMask, 1, 99);
            List<Figures.Tile> tiles = new ArrayList<>();
            for (SliceView.Plane plane : SliceView.Plane.values()) {
                SliceView view = v.view(plane, PANEL_PIXELS);
                tiles.add(new Figures.Tile(view, Figures.checkerboard(Figures.grey(processed, view, pw),
                    Figures.grey(atlasT1, view, aw), view, 16)));
            }
            out.add(new Figure("qc_atlas_checkerboard", "checkerboard of the preprocessed FLAIR and the registered"
                + " atlas T1: anatomy should continue across block edges", Figures.png(Figures.layout(tiles, 3))));
        }
        ScalarVolume residual = s.get(SubjectKeys.DENOISE_RESIDUAL).map(x -> ras(x)).orElse(null);
        if (residual != null) {
            Window rw = Window.symmetric(residual, v.brain);
            List<Figures.Tile> tiles = new ArrayList<>();
            for (SliceView.Plane plane : SliceView.Plane.values()) {
                SliceView view = v.view(plane, PANEL_PIXELS);
                tiles.add(new Figures.Tile(view, Figures.grey(residual, view, rw)));
            }
            out.add(new Figure("qc_denoise_difference", String.format(java.util.Locale.ROOT,
                "FLAIR before minus after denoising (grey = 0, window ±%.3g): should look like noise without anatomy",
                rw.high()), Figures.png(Figures.layout(tiles, 3))));
        }
        return out;
    }

    /** Lesions per bin of {@link #HISTOGRAM_EDGES_MM3}. */
    static int[] histogram(List<LesionRow> lesions) {
        int[] counts = new int[HISTOGRAM_EDGES_MM3.length + 1];
        for (LesionRow r : lesions) {
            int b = 0;
            while (b < HISTOGRAM_EDGES_MM3.length && r.volumeMm3() >= HISTOGRAM_EDGES_MM3[b]) {
                b++;
            }
            counts[b]++;
        }
        return counts;
    }

    private static <V extends org.plaque.image.Volume> V ras(V v) {
        return Reorient.to(v, "RAS");
    }

    /** The RAS-stored images and the chosen slices. */
    private static final class Views {
        final ScalarVolume flair;
        final Mask lesions;
        final Mask brain;
        final Window flairWindow;
        final ImageGeometry grid;
        final int[] centre;

        Views(Subject s, List<LesionRow> rows) {
            flair = ras(s.get(SubjectKeys.FLAIR_INPUT).orElse(s.flair()));
            grid = flair.geometry();
            lesions = ras(s.get(SubjectKeys.LESION_MASK).orElse(Mask.empty(s.grid())));
            brain = s.get(SubjectKeys.BRAIN_MASK).map(ReportFigures::ras).orElse(null);
            flairWindow = Window.percentiles(flair, brain, 0.5, 99.9);
            centre = centre(rows);
        }

        private int[] centre(List<LesionRow> rows) {
            if (!rows.isEmpty()) {
                double[] c = rows.get(0).centroidMm();
                double[] ijk = grid.worldToVoxel().apply(c[0], c[1], c[2]);
                return new int[] {clamp(ijk[0], grid.nx()), clamp(ijk[1], grid.ny()), clamp(ijk[2], grid.nz())};
            }
            if (brain != null && brain.count() > 0) {
                long[] sum = new long[3];
                for (int z = 0, i = 0; z < grid.nz(); z++) {
                    for (int y = 0; y < grid.ny(); y++) {
                        for (int x = 0; x < grid.nx(); x++, i++) {
                            if (brain.get(i)) {
                                sum[0] += x;
                                sum[1] += y;
                                sum[2] += z;
                            }
                        }
                    }
                }
                int n = brain.count();
                return new int[] {(int) (sum[0] / n), (int) (sum[1] / n), (int) (sum[2] / n)};
            }
            return new int[] {grid.nx() / 2, grid.ny() / 2, grid.nz() / 2};
        }

        private static int clamp(double v, int n) {
            return (int) Math.max(0, Math.min(n - 1, Math.round(v)));
        }

        SliceView view(SliceView.Plane plane, int pixels) {
            return SliceView.of(grid, plane, centre[plane.normalAxis()], mmPerPixel(pixels));
        }

        double mmPerPixel(int pixels) {
            double[] s = grid.spacingMm();
            double extent = Math.max(grid.nx() * s[0], Math.max(grid.ny() * s[1], grid.nz() * s[2]));
            return extent / pixels;
        }

        List<Figures.Tile> mosaic() {
            int lo = 0;
            int hi = grid.nz() - 1;
            Mask extent = brain != null && brain.count() > 0 ? brain : null;
            if (extent != null) {
                int nxy = grid.nx() * grid.ny();
                lo = Integer.MAX_VALUE;
                hi = -1;
                for (int i = 0; i < grid.voxelCount(); i++) {
                    if (extent.get(i)) {
                        lo = Math.min(lo, i / nxy);
                        hi = Math.max(hi, i / nxy);
                    }
                }
            }
            List<Figures.Tile> tiles = new ArrayList<>();
            Map<Integer, Boolean> used = new LinkedHashMap<>();
            for (int t = 0; t < MOSAIC_SLICES; t++) {
                int z = (int) Math.round(lo + (hi - lo) * (t + 1.0) / (MOSAIC_SLICES + 1));
                if (used.put(z, true) != null) {
                    continue;
                }
                SliceView view = SliceView.of(grid, SliceView.Plane.AXIAL, z, mmPerPixel(MOSAIC_PIXELS));
                int[] rgb = Figures.grey(flair, view, flairWindow);
                Figures.lesions(rgb, lesions, view);
                tiles.add(new Figures.Tile(view, rgb));
            }
            return tiles;
        }
    }
}

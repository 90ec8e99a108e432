package org.plaque.pipeline.longitudinal;

import java.util.ArrayList;
import java.util.List;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.lesion.LesionTable;

/**
 * Evolution labels of kept change candidates (issue 7, item 3).
 *
 * <p>Each visit has a lesion mask: voxels of the brain intersection with robust z-score ≥
 * {@link ChangeParams#lesionZ()} at that visit, in 6-connected components of at least
 * {@link ChangeParams#minLesionVolumeMm3()} (isolated bright noise voxels do not count). The
 * <i>neighbourhood</i> of a change component is the component and its 6-neighbours; the baseline
 * (follow-up) volume of a change is the volume of baseline
 * (follow-up) lesion-mask voxels in that neighbourhood. A visit "has a lesion there" when that volume is at
 * least {@link ChangeParams#minLesionVolumeMm3()} (a few scattered bright voxels are noise). Rules:
 * <ul>
 *   <li>increase (follow-up brighter): <b>new</b> when the baseline has no lesion there, else
 *       <b>enlarging</b>;</li>
 *   <li>decrease (baseline brighter): <b>vanished</b> when the follow-up has no lesion there, else
 *       <b>shrinking</b>;</li>
 *   <li>a follow-up lesion (6-connected component of the follow-up lesion mask between
 *       {@link ChangeParams#minLesionVolumeMm3()} and {@link Candidate#MAX_VOLUME_MM3}) that no kept change
 *       touches is <b>stable</b> (counted, not labelled).</li>
 * </ul>
 */
public final class EvolutionRules {
    private EvolutionRules() {
    }

    /** The labelled changes, the label image and the stable follow-up lesion count. */
    public record Labelled(List<LesionChange> changes, LabelVolume labels, int stableLesions) {
    }

    /**
     * Labels {@code kept}.
     *
     * @param baselineLesions baseline lesion mask on the follow-up grid
     * @param followupLesions    follow-up lesion mask
     * @param minLesionVolumeMm3 the "has a lesion there" volume, mm³
     */
    public static Labelled label(List<Candidate> kept, Mask baselineLesions, Mask followupLesions,
                                 double minLesionVolumeMm3) {
        ImageGeometry g = followupLesions.geometry();
        Mask bLes = sized(baselineLesions, minLesionVolumeMm3, Double.MAX_VALUE);
        Mask fLes = sized(followupLesions, minLesionVolumeMm3, Double.MAX_VALUE);
        LesionTable ft = LesionTable.of(sized(fLes, 0, Candidate.MAX_VOLUME_MM3), Connectivity.SIX, 0);
        boolean[] followupTouched = new boolean[ft.count() + 1];
        LabelVolume.Builder lb = LabelVolume.builder(g);
        int[] out = lb.array();
        List<LesionChange> changes = new ArrayList<>();
        Affine v2w = g.voxelToWorld();
        double vox = g.voxelVolumeMm3();
        for (Candidate c : kept) {
            boolean[] hood = neighbourhood(c.voxels(), g);
            boolean[] fHit = touched(c.voxels(), ft, g);
            double bVol = count(hood, bLes) * vox;
            double fVol = count(hood, fLes) * vox;
            for (int l = 1; l < fHit.length; l++) {
                followupTouched[l] |= fHit[l];
            }
            ChangeLabel label = c.increase()
                ? (bVol < minLesionVolumeMm3 ? ChangeLabel.NEW : ChangeLabel.ENLARGING)
                : (fVol < minLesionVolumeMm3 ? ChangeLabel.VANISHED : ChangeLabel.SHRINKING);
            double[] centroid = new double[3];
            for (int i : c.voxels()) {
                out[i] = label.code();
                int x = i % g.nx();
                int y = (i / g.nx()) % g.ny();
                int z = i / (g.nx() * g.ny());
                double[] w = v2w.apply(x, y, z);
                for (int d = 0; d < 3; d++) {
                    centroid[d] += w[d];
                }
            }
            for (int d = 0; d < 3; d++) {
                centroid[d] /= c.voxels().length;
            }
            changes.add(new LesionChange(changes.size() + 1, label, c.voxels().length * vox, bVol, fVol, centroid,
                c.meanZ(), c.meanRatio()));
        }
        int stable = 0;
        for (int l = 1; l < followupTouched.length; l++) {
            if (!followupTouched[l]) {
                stable++;
            }
        }
        return new Labelled(changes, lb.build(), stable);
    }

    /** The 6-connected components of {@code m} with volume in [minVolumeMm3, maxVolumeMm3]. */
    static Mask sized(Mask m, double minVolumeMm3, double maxVolumeMm3) {
        LesionTable all = LesionTable.of(m, Connectivity.SIX, 0);
        boolean[] keep = new boolean[all.count() + 1];
        for (var l : all.lesions()) {
            keep[l.id()] = l.volumeMm3() >= minVolumeMm3 && l.volumeMm3() <= maxVolumeMm3;
        }
        LabelVolume labels = all.labels();
        Mask.Builder b = Mask.builder(m.geometry());
        boolean[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = keep[labels.get(i)];
        }
        return b.build();
    }

    private static boolean[] touched(int[] voxels, LesionTable t, ImageGeometry g) {
        boolean[] hit = new boolean[t.count() + 1];
        LabelVolume labels = t.labels();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        for (int i : voxels) {
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / (nx * ny);
            hit[labels.get(i)] = true;
            if (x > 0) {
                hit[labels.get(i - 1)] = true;
            }
            if (x < nx - 1) {
                hit[labels.get(i + 1)] = true;
            }
            if (y > 0) {
                hit[labels.get(i - nx)] = true;
            }
            if (y < ny - 1) {
                hit[labels.get(i + nx)] = true;
            }
            if (z > 0) {
                hit[labels.get(i - nx * ny)] = true;
            }
            if (z < nz - 1) {
                hit[labels.get(i + nx * ny)] = true;
            }
        }
        hit[0] = false;
        return hit;
    }

    /** The voxels of a component and their 6-neighbours (a whole-grid flag array; components are small). */
    private static boolean[] neighbourhood(int[] voxels, ImageGeometry g) {
        boolean[] hood = new boolean[g.voxelCount()];
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        for (int i : voxels) {
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / (nx * ny);
            hood[i] = true;
            hood[x > 0 ? i - 1 : i] = true;
            hood[x < nx - 1 ? i + 1 : i] = true;
            hood[y > 0 ? i - nx : i] = true;
            hood[y < ny - 1 ? i + nx : i] = true;
            hood[z > 0 ? i - nx * ny : i] = true;
            hood[z < nz - 1 ? i + nx * ny : i] = true;
        }
        return hood;
    }

    private static int count(boolean[] hood, Mask m) {
        int n = 0;
        for (int i = 0; i < hood.length; i++) {
            if (hood[i] && m.get(i)) {
                n++;
            }
        }
        return n;
    }
}

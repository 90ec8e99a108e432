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
 * <p>Each visit has a lesion mask (voxels of the brain intersection with robust z-score ≥
 * {@link ChangeParams#lesionZ()} at that visit); its 26-connected components larger than the minimum
 * candidate volume are that visit's lesions. A change component "touches" a lesion when the lesion has a
 * voxel in the component or in a 6-neighbour of it. Rules:
 * <ul>
 *   <li>increase (follow-up brighter): <b>new</b> when it touches no baseline lesion, else <b>enlarging</b>;</li>
 *   <li>decrease (baseline brighter): <b>vanished</b> when it touches no follow-up lesion, else
 *       <b>shrinking</b>;</li>
 *   <li>a follow-up lesion touched by no kept change is <b>stable</b> (counted, not labelled).</li>
 * </ul>
 * The baseline / follow-up volume of a change is the total volume of the lesions of that visit it touches.
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
     * @param followupLesions follow-up lesion mask
     * @param zFollowup       per-voxel follow-up z-scores (for the reported mean z)
     * @param zBaseline       per-voxel matched-baseline z-scores
     */
    public static Labelled label(List<Candidate> kept, Mask baselineLesions, Mask followupLesions,
                                 double minLesionVolumeMm3, float[] zFollowup, float[] zBaseline) {
        ImageGeometry g = followupLesions.geometry();
        LesionTable bt = LesionTable.of(baselineLesions, Connectivity.TWENTY_SIX, minLesionVolumeMm3);
        LesionTable ft = LesionTable.of(followupLesions, Connectivity.TWENTY_SIX, minLesionVolumeMm3);
        boolean[] followupTouched = new boolean[ft.count() + 1];
        LabelVolume.Builder lb = LabelVolume.builder(g);
        int[] out = lb.array();
        List<LesionChange> changes = new ArrayList<>();
        Affine v2w = g.voxelToWorld();
        double vox = g.voxelVolumeMm3();
        for (Candidate c : kept) {
            boolean[] bHit = touched(c.voxels(), bt, g);
            boolean[] fHit = touched(c.voxels(), ft, g);
            double bVol = volume(bHit, bt);
            double fVol = volume(fHit, ft);
            for (int l = 1; l < fHit.length; l++) {
                followupTouched[l] |= fHit[l];
            }
            ChangeLabel label = c.increase() ? (bVol == 0 ? ChangeLabel.NEW : ChangeLabel.ENLARGING)
                : (fVol == 0 ? ChangeLabel.VANISHED : ChangeLabel.SHRINKING);
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

    private static double volume(boolean[] hit, LesionTable t) {
        double v = 0;
        for (int l = 1; l < hit.length; l++) {
            if (hit[l]) {
                v += t.lesion(l).volumeMm3();
            }
        }
        return v;
    }
}

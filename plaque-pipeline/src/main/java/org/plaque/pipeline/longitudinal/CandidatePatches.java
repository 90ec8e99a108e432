package org.plaque.pipeline.longitudinal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.morphology.DistanceTransform;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.segment.lesion.RobustIntensity;

/**
 * Candidate patches for a learned change filter (issue 7, item 1, last step): each raw change candidate
 * becomes a box (its bounding box plus {@value #PADDING_VOXELS} voxels on every side, clipped to the grid)
 * holding five channels, in this order ({@link #CHANNELS}):
 * <ol>
 *   <li>the matched baseline FLAIR and 2. the follow-up FLAIR, both as robust z-scores against the follow-up
 *       brain tissue (mode and sd of brain voxels brighter than 0.3 × the 99th percentile; the baseline is
 *       histogram-matched to the follow-up, so one scale serves both);</li>
 *   <li value="3">depth from the pial surface: distance (mm) from the voxel centre to the nearest voxel outside
 *       the brain mask, 0 outside;</li>
 *   <li>vertex → neck: (z<sub>max</sub> − z) / (z<sub>max</sub> − z<sub>min</sub>) with z the world RAS+
 *       superior coordinate of the voxel centre and the extremes those of the brain-mask voxels: 0 at the
 *       top of the brain, 1 at its bottom (values beyond [0, 1] outside the brain's extent);</li>
 *   <li>occiput → nose: (y − y<sub>min</sub>) / (y<sub>max</sub> − y<sub>min</sub>) along the world anterior
 *       axis: 0 at the back of the brain, 1 at its front.</li>
 * </ol>
 * The coordinate maps use world coordinates, so they do not depend on how the image is stored (LPS or RAS
 * give the same maps after reorientation). Layout of {@link Patch#channels()}: (C, D, H, W) = (channel, z,
 * y, x) row-major, i.e. x fastest, as PyTorch's NCDHW expects.
 */
public final class CandidatePatches {
    /** Voxels added on each side of a candidate's bounding box. */
    public static final int PADDING_VOXELS = 2;
    /** Channel names in storage order. */
    public static final List<String> CHANNELS = List.of("baseline_flair_z", "followup_flair_z", "depth_mm",
        "vertex_to_neck", "occiput_to_nose");

    private CandidatePatches() {
    }

    /**
     * The three distance maps of a brain mask, on its grid.
     *
     * @param depthMm       distance to the brain-mask boundary, mm (0 outside the mask)
     * @param vertexToNeck  normalised superior → inferior coordinate (0 top of the brain, 1 bottom)
     * @param occiputToNose normalised posterior → anterior coordinate (0 back, 1 front)
     */
    public record DistanceMaps(ScalarVolume depthMm, ScalarVolume vertexToNeck, ScalarVolume occiputToNose) {
        public DistanceMaps {
            Objects.requireNonNull(depthMm, "depthMm");
            Objects.requireNonNull(vertexToNeck, "vertexToNeck");
            Objects.requireNonNull(occiputToNose, "occiputToNose");
        }
    }

    /**
     * One candidate patch.
     *
     * @param candidateIndex index of the candidate in the list it came from
     * @param increase       true for an increase (new / enlarging) candidate, false for a decrease
     * @param originVoxel    (x, y, z) grid index of the patch's first voxel
     * @param sizeVoxels     (W, H, D) = patch size along x, y, z, voxels
     * @param channels       {@code CHANNELS.size() × D × H × W} values, x fastest (a copy is returned)
     * @param label          fraction of the candidate's voxels inside the reference mask, or NaN without one
     */
    public record Patch(int candidateIndex, boolean increase, int[] originVoxel, int[] sizeVoxels, float[] channels,
                        double label) {
        public Patch {
            originVoxel = originVoxel.clone();
            sizeVoxels = sizeVoxels.clone();
            channels = channels.clone();
            if (channels.length != CHANNELS.size() * sizeVoxels[0] * sizeVoxels[1] * sizeVoxels[2]) {
                throw new IllegalArgumentException("patch channels do not match its size");
            }
        }

        @Override
        public int[] originVoxel() {
            return originVoxel.clone();
        }

        @Override
        public int[] sizeVoxels() {
            return sizeVoxels.clone();
        }

        @Override
        public float[] channels() {
            return channels.clone();
        }

        /** Value of channel {@code c} at patch voxel (x, y, z). */
        public float value(int c, int x, int y, int z) {
            return channels[((c * sizeVoxels[2] + z) * sizeVoxels[1] + y) * sizeVoxels[0] + x];
        }
    }

    /**
     * The distance maps of {@code brain}.
     *
     * @throws IllegalArgumentException if the mask is empty
     */
    public static DistanceMaps distanceMaps(Mask brain, ExecutionContext ctx) {
        ImageGeometry g = brain.geometry();
        int n = g.voxelCount();
        if (brain.count() == 0) {
            throw new IllegalArgumentException("distance maps need a non-empty brain mask");
        }
        Mask.Builder outside = Mask.builder(g);
        boolean[] o = outside.array();
        for (int i = 0; i < n; i++) {
            o[i] = !brain.get(i);
        }
        double[] d2 = DistanceTransform.squaredMm(outside.build(), ctx);
        ScalarVolume.Builder depth = ScalarVolume.builder(g);
        float[] dep = depth.array();
        // a brain filling the whole grid has no outside voxel: its depth is unbounded, reported as 0 nowhere
        for (int i = 0; i < n; i++) {
            dep[i] = brain.get(i) && Double.isFinite(d2[i]) ? (float) Math.sqrt(d2[i]) : 0f;
        }
        Affine v2w = g.voxelToWorld();
        int nx = g.nx();
        int ny = g.ny();
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        double zMin = Double.POSITIVE_INFINITY;
        double zMax = Double.NEGATIVE_INFINITY;
        double[] w = new double[3];
        for (int i = 0; i < n; i++) {
            if (brain.get(i)) {
                v2w.apply(i % nx, (i / nx) % ny, i / (nx * ny), w);
                yMin = Math.min(yMin, w[1]);
                yMax = Math.max(yMax, w[1]);
                zMin = Math.min(zMin, w[2]);
                zMax = Math.max(zMax, w[2]);
            }
        }
        double ySpan = yMax > yMin ? yMax - yMin : 1;
        double zSpan = zMax > zMin ? zMax - zMin : 1;
        ScalarVolume.Builder si = ScalarVolume.builder(g);
        ScalarVolume.Builder pa = ScalarVolume.builder(g);
        float[] s = si.array();
        float[] p = pa.array();
        for (int i = 0; i < n; i++) {
            v2w.apply(i % nx, (i / nx) % ny, i / (nx * ny), w);
            s[i] = (float) ((zMax - w[2]) / zSpan);
            p[i] = (float) ((w[1] - yMin) / ySpan);
        }
        return new DistanceMaps(depth.build(), si.build(), pa.build());
    }

    /**
     * Patches of every raw candidate of a detection result (on the follow-up grid).
     *
     * @param reference reference change mask on the follow-up grid for the labels, or null
     */
    public static List<Patch> of(LongitudinalResult result, Mask reference, ExecutionContext ctx) {
        Mask brain = result.brain();
        return of(result.candidates(), result.matchedBaseline(), result.followupCorrected(), brain,
            distanceMaps(brain, ctx), reference);
    }

    /**
     * Patches of {@code candidates} (voxel indices on the follow-up grid).
     *
     * @param baseline  matched baseline FLAIR on the follow-up grid
     * @param followup  follow-up FLAIR
     * @param brain     brain mask whose tissue sets the intensity scale
     * @param maps      distance maps on the same grid
     * @param reference reference mask for the labels, or null
     * @throws IllegalArgumentException if the images are not on one grid
     */
    public static List<Patch> of(List<Candidate> candidates, ScalarVolume baseline, ScalarVolume followup, Mask brain,
                                 DistanceMaps maps, Mask reference) {
        ImageGeometry g = followup.geometry();
        g.requireSameGrid(baseline.geometry(), Tolerance.DEFAULT, "patch baseline and follow-up");
        g.requireSameGrid(brain.geometry(), Tolerance.DEFAULT, "patch follow-up and brain mask");
        g.requireSameGrid(maps.depthMm().geometry(), Tolerance.DEFAULT, "patch follow-up and distance maps");
        if (reference != null) {
            g.requireSameGrid(reference.geometry(), Tolerance.DEFAULT, "patch follow-up and reference mask");
        }
        RobustIntensity stats = LongitudinalChangeDetector.tissueStatistics(followup, brain, "follow-up brain tissue");
        ScalarVolume[] sources = {baseline, followup, maps.depthMm(), maps.vertexToNeck(), maps.occiputToNose()};
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        List<Patch> out = new ArrayList<>(candidates.size());
        for (int c = 0; c < candidates.size(); c++) {
            Candidate cand = candidates.get(c);
            int[] vox = cand.voxels();
            if (vox.length == 0) {
                continue;
            }
            int x0 = nx, y0 = ny, z0 = nz, x1 = -1, y1 = -1, z1 = -1;
            int inRef = 0;
            for (int i : vox) {
                int x = i % nx;
                int y = (i / nx) % ny;
                int z = i / (nx * ny);
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                z0 = Math.min(z0, z);
                z1 = Math.max(z1, z);
                if (reference != null && reference.get(i)) {
                    inRef++;
                }
            }
            x0 = Math.max(0, x0 - PADDING_VOXELS);
            y0 = Math.max(0, y0 - PADDING_VOXELS);
            z0 = Math.max(0, z0 - PADDING_VOXELS);
            x1 = Math.min(nx - 1, x1 + PADDING_VOXELS);
            y1 = Math.min(ny - 1, y1 + PADDING_VOXELS);
            z1 = Math.min(nz - 1, z1 + PADDING_VOXELS);
            int w = x1 - x0 + 1;
            int h = y1 - y0 + 1;
            int d = z1 - z0 + 1;
            float[] ch = new float[sources.length * d * h * w];
            int k = 0;
            for (int s = 0; s < sources.length; s++) {
                ScalarVolume src = sources[s];
                boolean intensity = s < 2;
                for (int z = z0; z <= z1; z++) {
                    for (int y = y0; y <= y1; y++) {
                        int row = (z * ny + y) * nx;
                        for (int x = x0; x <= x1; x++) {
                            float v = src.get(row + x);
                            ch[k++] = intensity ? (float) stats.z(v) : v;
                        }
                    }
                }
            }
            out.add(new Patch(c, cand.increase(), new int[] {x0, y0, z0}, new int[] {w, h, d}, ch,
                reference == null ? Double.NaN : inRef / (double) vox.length));
        }
        return out;
    }
}

package org.plaque.segment.lesion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;
import org.plaque.segment.cluster.KMeans;
import org.plaque.segment.components.ConnectedComponents;

/**
 * The seed method, preset {@code seed-kmeans}: k-means on FLAIR intensities inside a confident white-matter
 * mask, the brightest cluster refined by an adaptive threshold.
 *
 * <ol>
 *   <li>Confident white matter: brain voxels with {@code wm > 0.8 & gm < 0.3 & csf < 0.2} (priors).</li>
 *   <li>k-means with K = 6 on the FLAIR values there (k-means++ seeded from {@link ExecutionContext#seed()},
 *       see {@link KMeans}).</li>
 *   <li>Candidates: the voxels of the brightest cluster.</li>
 *   <li>Adaptive refinement: keep candidates brighter than m + k·s, where m and s are the robust mode and
 *       standard deviation of the confident white matter ({@link RobustIntensity}; k = 3 by default). The
 *       brightest cluster always holds a few percent of the white matter whatever the lesion load; the
 *       threshold removes the part of it that is only the upper tail of normal white matter. (Measured
 *       alternatives: mean + 2 sd of the non-brightest clusters cut most lesions of a high-load brain
 *       because CSF partial volume inflates that sd; Otsu inside the brightest cluster halves it always.)</li>
 *   <li>Removal of 6-connected components smaller than 3 voxels.</li>
 * </ol>
 *
 * <p>Known limits (why the default preset is another one): the strict mask excludes periventricular and
 * juxtacortical lesions, and in low-load brains the brightest cluster is mostly normal tissue. No
 * probability map. Failure: {@link InvalidInputException} when the confident white matter has fewer voxels
 * than clusters (priors not registered).
 */
public final class SeedKMeansSegmenter implements LesionSegmenter {
    /** Preset name. */
    public static final String NAME = "seed-kmeans";

    /**
     * Parameters.
     *
     * @param wmAbove          confident-WM condition on the WM prior (strictly above)
     * @param gmBelow          confident-WM condition on the GM prior (strictly below)
     * @param csfBelow         confident-WM condition on the CSF prior (strictly below)
     * @param clusters         k-means clusters K
     * @param refineSd         k of the refinement threshold mode + k·sd (robust white-matter statistics)
     * @param minLesionVoxels  smallest kept 6-connected component, voxels
     */
    public record Params(double wmAbove, double gmBelow, double csfBelow, int clusters, double refineSd,
                         int minLesionVoxels) {
        /** The values: 0.8 / 0.3 / 0.2, K = 6, refinement k = 3, 3 voxels. */
        public static final Params DEFAULTS = new Params(0.8, 0.3, 0.2, 6, 3.0, 3);

        public Params {
            if (clusters < 2) {
                throw new IllegalArgumentException("seed-kmeans needs at least 2 clusters, got " + clusters);
            }
            if (minLesionVoxels < 1) {
                throw new IllegalArgumentException("minimum lesion size must be >= 1 voxel, got " + minLesionVoxels);
            }
        }
    }

    private final Params params;

    public SeedKMeansSegmenter(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** The preset with {@link Params#DEFAULTS}. */
    public static SeedKMeansSegmenter withDefaults() {
        return new SeedKMeansSegmenter(Params.DEFAULTS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("confident_wm_prior_above", params.wmAbove());
        m.put("confident_gm_prior_below", params.gmBelow());
        m.put("confident_csf_prior_below", params.csfBelow());
        m.put("kmeans_clusters", params.clusters());
        m.put("refine_threshold_sd", params.refineSd());
        m.put("min_lesion_voxels", params.minLesionVoxels());
        return m;
    }

    @Override
    public LesionSegmentation segment(SegmentationInput input, ExecutionContext ctx) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(ctx, "ctx");
        ImageGeometry g = input.flair().geometry();
        ctx.progress().update(NAME, 0);
        Mask wm = LesionMasks.tissue(input.priors(), params.wmAbove(), params.gmBelow(), params.csfBelow());
        float[] values = LesionMasks.values(input.flair(), wm);
        if (values.length < params.clusters()) {
            throw new InvalidInputException("the confident white-matter mask (wm > " + params.wmAbove() + ", gm < "
                + params.gmBelow() + ", csf < " + params.csfBelow() + ") has only " + values.length
                + " voxels: check that the tissue priors are registered to the FLAIR");
        }
        KMeans.Result km = KMeans.fit(values, KMeans.Params.of(params.clusters()), ctx);
        ctx.progress().update(NAME, 0.6);
        int bright = km.k() - 1;
        int[] labels = km.labels();
        RobustIntensity ref = RobustIntensity.of(values, "confident white-matter");
        double threshold = ref.mode() + params.refineSd() * ref.sd();
        boolean[] lesion = new boolean[g.voxelCount()];
        int s = 0;
        int candidates = 0;
        for (int i = 0; i < lesion.length; i++) {
            if (wm.get(i)) {
                if (labels[s] == bright) {
                    candidates++;
                    lesion[i] = values[s] > threshold;
                }
                s++;
            }
        }
        Mask mask = ConnectedComponents.withoutSmall(Mask.of(g, lesion), params.minLesionVoxels(), Connectivity.SIX);
        ctx.progress().update(NAME, 1);
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("confident_wm_voxels", values.length);
        double[] centres = new double[km.k()];
        for (int c = 0; c < km.k(); c++) {
            centres[c] = km.center(c);
        }
        diag.put("cluster_centres", centres);
        diag.put("cluster_sizes", km.sizes());
        diag.put("kmeans_iterations", km.iterations());
        diag.put("brightest_cluster_voxels", candidates);
        diag.put("wm_mode", ref.mode());
        diag.put("wm_sd", ref.sd());
        diag.put("refine_threshold", threshold);
        diag.put("lesion_voxels", mask.count());
        return new LesionSegmentation(mask, Optional.empty(), diag);
    }
}

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
import org.plaque.image.ScalarVolume;
import org.plaque.segment.cluster.GaussianMixture;
import org.plaque.segment.cluster.KMeans;
import org.plaque.segment.components.ConnectedComponents;

/**
 * The Gaussian-mixture variant of the seed method, preset {@code seed-gmm}: soft memberships instead of
 * k-means' hard clusters, with a lesion class and an outlier class, and a lesion probability map.
 *
 * <ol>
 *   <li>Confident white matter as in {@link SeedKMeansSegmenter} ({@code wm > 0.8 & gm < 0.3 & csf < 0.2}).</li>
 *   <li>A K-component Gaussian mixture (K = 6) on the FLAIR values there, started from seeded k-means and
 *       fitted by EM with a uniform outlier class ({@link GaussianMixture}, after Van Leemput et al. 2001,
 *       IEEE Trans. Med. Imaging 20(8):677–688).</li>
 *   <li>Lesion probability of a voxel = posterior of the brightest Gaussian (the lesion class) plus, for
 *       voxels brighter than that class's mean, the posterior of the outlier class (bright outliers are
 *       lesion; dark ones are CSF partial volume). Outside the confident white matter it is 0.</li>
 *   <li>Lesions: probability &gt; 0.5 (optionally also FLAIR above the robust white-matter mode + k·sd, the
 *       refinement of {@code seed-kmeans}; off by default, since with it the masks equal seed-kmeans' on
 *       our data); components smaller than 3 voxels removed.</li>
 * </ol>
 *
 * <p>It inherits the seed method's limits (strict mask, a bright class of a few percent of the white
 * matter whatever the load). Deterministic. Failure: {@link InvalidInputException} when the confident
 * white matter has fewer voxels than components.
 */
public final class SeedGmmSegmenter implements LesionSegmenter {
    /** Preset name. */
    public static final String NAME = "seed-gmm";

    /**
     * Parameters.
     *
     * @param components      Gaussian components K
     * @param refine          whether to require FLAIR above mode + refineSd·sd as well
     * @param refineSd        k of that intensity condition (robust white-matter statistics)
     * @param probability     probability above which a voxel is lesion
     * @param minLesionVoxels smallest kept 6-connected component, voxels
     */
    public record Params(int components, boolean refine, double refineSd, double probability,
                         int minLesionVoxels) {
        /** K = 6, no refinement (k = 3 when turned on), probability 0.5, 3 voxels. */
        public static final Params DEFAULTS = new Params(6, false, 3.0, 0.5, 3);

        public Params {
            if (components < 2) {
                throw new IllegalArgumentException("seed-gmm needs at least 2 components, got " + components);
            }
            if (!(probability >= 0 && probability < 1)) {
                throw new IllegalArgumentException("probability threshold must be in [0, 1), got " + probability);
            }
            if (minLesionVoxels < 1) {
                throw new IllegalArgumentException("minimum lesion size must be >= 1 voxel, got " + minLesionVoxels);
            }
        }
    }

    private final Params params;

    public SeedGmmSegmenter(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** The preset with {@link Params#DEFAULTS}. */
    public static SeedGmmSegmenter withDefaults() {
        return new SeedGmmSegmenter(Params.DEFAULTS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("confident_wm", "wm > 0.8 & gm < 0.3 & csf < 0.2");
        m.put("gmm_components", params.components());
        m.put("outlier_class", true);
        m.put("refine", params.refine());
        m.put("refine_threshold_sd", params.refineSd());
        m.put("probability_threshold", params.probability());
        m.put("min_lesion_voxels", params.minLesionVoxels());
        return m;
    }

    @Override
    public LesionSegmentation segment(SegmentationInput input, ExecutionContext ctx) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(ctx, "ctx");
        ImageGeometry g = input.flair().geometry();
        ctx.progress().update(NAME, 0);
        Mask wm = LesionMasks.tissue(input.priors(), 0.8, 0.3, 0.2);
        float[] values = LesionMasks.values(input.flair(), wm);
        if (values.length < Math.max(params.components(), RobustIntensity.MIN_SAMPLES)) {
            throw new InvalidInputException("the confident white-matter mask (wm > 0.8, gm < 0.3, csf < 0.2) has only "
                + values.length + " voxels: check that the tissue priors are registered to the FLAIR");
        }
        int k = params.components();
        KMeans.Result km = KMeans.fit(values, KMeans.Params.of(k), ctx);
        float[][] data = {values};
        float[][] hard = new float[k][values.length];
        for (int s = 0; s < values.length; s++) {
            hard[km.labels()[s]][s] = 1f;
        }
        GaussianMixture.Params gp = GaussianMixture.Params.of(k).withOutlierClass(true).withMaxIterations(100);
        GaussianMixture.Model init = GaussianMixture.fromResponsibilities(data, hard, gp.varianceFloor(), ctx);
        ctx.progress().update(NAME, 0.3);
        GaussianMixture.Fit fit = GaussianMixture.fit(data, null, init, new GaussianMixture.Params(k, 100, 1e-5,
            gp.varianceFloor(), true), ctx);
        ctx.progress().update(NAME, 0.8);
        int lesionClass = brightest(fit.model());
        double lesionMean = fit.model().mean(lesionClass);
        float[] pLesion = fit.responsibilities()[lesionClass];
        float[] pOutlier = fit.outlierResponsibilities();
        RobustIntensity ref = RobustIntensity.of(values, "confident white-matter");
        double threshold = params.refine() ? ref.mode() + params.refineSd() * ref.sd() : Double.NEGATIVE_INFINITY;

        ScalarVolume.Builder prob = ScalarVolume.builder(g);
        float[] p = prob.array();
        boolean[] lesion = new boolean[g.voxelCount()];
        int s = 0;
        for (int i = 0; i < lesion.length; i++) {
            if (!wm.get(i)) {
                continue;
            }
            float v = values[s];
            float pl = pLesion[s] + (v > lesionMean ? pOutlier[s] : 0f);
            p[i] = Math.min(1f, pl);
            lesion[i] = p[i] > params.probability() && v > threshold;
            s++;
        }
        Mask mask = ConnectedComponents.withoutSmall(Mask.of(g, lesion), params.minLesionVoxels(), Connectivity.SIX);
        ctx.progress().update(NAME, 1);
        Map<String, Object> diag = new LinkedHashMap<>();
        diag.put("confident_wm_voxels", values.length);
        diag.put("gmm_iterations", fit.iterations());
        diag.put("gmm_converged", fit.converged());
        diag.put("gmm_means", fit.model().means());
        diag.put("gmm_weights", fit.model().weights());
        diag.put("outlier_weight", fit.model().outlierWeight());
        diag.put("lesion_class_mean", lesionMean);
        diag.put("lesion_class_sd", fit.model().sd(lesionClass));
        diag.put("wm_mode", ref.mode());
        diag.put("wm_sd", ref.sd());
        if (params.refine()) {
            diag.put("refine_threshold", threshold);
        }
        diag.put("lesion_voxels", mask.count());
        return new LesionSegmentation(mask, Optional.of(prob.build()), diag);
    }

    private static int brightest(GaussianMixture.Model m) {
        int best = 0;
        for (int j = 1; j < m.k(); j++) {
            if (m.mean(j) > m.mean(best)) {
                best = j;
            }
        }
        return best;
    }
}

package org.plaque.segment.lesion;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.morphology.BinaryMorphology;
import org.plaque.filter.morphology.GreyMorphology;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.segment.components.Components;
import org.plaque.segment.components.ConnectedComponents;

/**
 * Plaque's default unsupervised preset, {@code lesion-growth}: FLAIR hyperintensity measured against robust
 * white-matter statistics, strict lesion seeds grown into hyperintense neighbours (the lesion growth of
 * LST, Schmidt et al. 2012, doi:10.1016/j.neuroimage.2011.11.032), and a partial-volume boundary.
 *
 * <ol>
 *   <li><b>Reference.</b> The robust mode m and sd s of FLAIR in the confident white matter
 *       ({@code wm > 0.8 & gm < 0.3 & csf < 0.2}) and the mode of the confident grey matter
 *       ({@code gm > 0.7 & csf < 0.2}), see {@link RobustIntensity}. Grey matter is brighter than white matter
 *       on FLAIR, so the reference intensity rises towards it: r = m + g·max(0, m<sub>GM</sub> − m) with g the
 *       GM prior's maximum within {@code misfitMm} (a registered atlas is off by a few millimetres).
 *       Hyperintensity z = (FLAIR − r) / s', with s' = max(s, {@code minRelativeSd}·m): on real FLAIR s is
 *       the tissue's natural spread (6–9 % of m); on a denoised or synthetic image it can be noise only, and
 *       the floor keeps the thresholds below meaning a real contrast (seed level 4.5 = 27 % above white
 *       matter at the floor).</li>
 *   <li><b>Seeds</b> — voxels that are certainly lesion: z &gt; {@code seedZ}; white-matter prior &gt;
 *       {@code seedWmPrior}; no CSF-dark voxel (FLAIR &lt; m − {@code darkZ}·s, or outside the brain) within
 *       {@code misfitMm} (bright rims next to CSF are interpolation overshoot and ependyma, not lesions); and
 *       brighter by {@code seedAsymmetryZ}·s than every voxel within {@code misfitMm} of the mirror point
 *       across the mid-sagittal plane ({@link MidSagittalPlane}, estimated from the WM prior): normal
 *       hyperintense anatomy — corticospinal tracts, choroid plexus, hippocampi — is bilateral, lesions
 *       rarely are at the same place.</li>
 *   <li><b>Growth.</b> Seeds grow through face neighbours with z &gt; {@code growZ}. A grown component keeps
 *       all of its growth only if seeds make up at least {@code minSeedFraction} of it or number at least
 *       {@code minSeedVoxels}: a lesion has a bright core, whereas growth from a handful of seeds into a
 *       large, weakly hyperintense region (normal tissue such as the corticospinal tracts) has not; such a
 *       component is cut back to {@code sparseGrowthSteps} steps around its seeds. (The absolute count keeps
 *       confluent lesions of tens of millilitres, whose seed fraction can be as low as 1 %, whole.)</li>
 *   <li><b>Boundary.</b> A reference mask marks a voxel when at least half of it is lesion, i.e. where the
 *       intensity is above the midpoint between white matter and lesion. Per component the boundary level is
 *       t = max({@code rimZ}, {@code halfMaxFraction}·median z of the component): voxels below t are
 *       removed and face neighbours above t are added once.</li>
 *   <li>Components smaller than {@code minLesionVoxels} (6-connectivity) are removed.</li>
 * </ol>
 *
 * <p>Only the FLAIR and the priors are used (T1/T2 are ignored; adding them did not help in our
 * measurements). No probability map. Deterministic; a few seconds on a 1 mm brain with two threads.
 * Failure: {@link org.plaque.InvalidInputException} when the confident white matter is nearly empty (priors
 * not registered).
 */
public final class LesionGrowthSegmenter implements LesionSegmenter {
    /** Preset name. */
    public static final String NAME = "lesion-growth";

    /**
     * Parameters (z in units of the robust white-matter sd).
     *
     * @param minRelativeSd     floor of the sd as a fraction of the white-matter mode: keeps z a measure of
     *                          contrast on very clean (denoised, synthetic) images, where the sd is noise only
     * @param misfitMm          tolerance for atlas misregistration and the width of CSF rims, mm
     * @param darkZ             CSF-dark: FLAIR below mode − darkZ·sd
     * @param seedZ             seed hyperintensity
     * @param seedWmPrior       seeds need a WM prior above this
     * @param seedAsymmetryZ    seeds must exceed the contralateral maximum by this; −∞ disables the test
     * @param growZ             growth hyperintensity
     * @param minSeedFraction   seed fraction of a grown component below which its growth is cut back ...
     * @param minSeedVoxels     ... unless it holds at least this many seed voxels
     * @param sparseGrowthSteps growth steps kept around the seeds of such a component
     * @param rimZ              lowest boundary level
     * @param halfMaxFraction   boundary level as a fraction of a component's median z
     * @param minLesionVoxels   smallest kept component, voxels
     */
    public record Params(double minRelativeSd, double misfitMm, double darkZ, double seedZ, double seedWmPrior,
                         double seedAsymmetryZ, double growZ, double minSeedFraction, int minSeedVoxels,
                         int sparseGrowthSteps,
                         double rimZ, double halfMaxFraction, int minLesionVoxels) {
        /**
         * The defaults: sd floor 6 % of the WM mode, misfit 2.5 mm, dark 3, seed 4.5, seed WM prior 0.1, seed
         * asymmetry 1.5, growth 2.5, seed fraction 5 % or 30 seed voxels, 1 cut-back step, boundary floor 2,
         * half maximum 0.5, 3 voxels. Chosen on lesjak2017 patient07/19 and the phantom, on a plateau where
         * changing any one of them within a step keeps mean Dice at 0.65–0.70 (docs/SEGMENTATION.md lists the
         * measurements and the fragile directions: a lower growth level, a smaller CSF margin).
         */
        public static final Params DEFAULTS = new Params(0.06, 2.5, 3.0, 4.5, 0.1, 1.5, 2.5, 0.05, 30, 1, 2.0, 0.5,
            3);

        public Params {
            if (!(minRelativeSd >= 0) || !Double.isFinite(minRelativeSd)) {
                throw new IllegalArgumentException("relative sd floor must be finite and >= 0, got " + minRelativeSd);
            }
            if (!(misfitMm >= 0) || !Double.isFinite(misfitMm)) {
                throw new IllegalArgumentException("misfit must be finite and >= 0 mm, got " + misfitMm);
            }
            if (!(growZ <= seedZ)) {
                throw new IllegalArgumentException("growth level " + growZ + " must not exceed the seed level "
                    + seedZ);
            }
            if (sparseGrowthSteps < 0 || minLesionVoxels < 1 || minSeedVoxels < 1) {
                throw new IllegalArgumentException("growth steps must be >= 0 and minimum lesion size >= 1");
            }
        }

        /** These parameters with another seed asymmetry (−∞ turns the symmetry test off). */
        public Params withSeedAsymmetryZ(double z) {
            return new Params(minRelativeSd, misfitMm, darkZ, seedZ, seedWmPrior, z, growZ, minSeedFraction,
                minSeedVoxels, sparseGrowthSteps, rimZ, halfMaxFraction, minLesionVoxels);
        }
    }

    private final Params params;

    public LesionGrowthSegmenter(Params params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    /** The preset with {@link Params#DEFAULTS}. */
    public static LesionGrowthSegmenter withDefaults() {
        return new LesionGrowthSegmenter(Params.DEFAULTS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min_relative_sd", params.minRelativeSd());
        m.put("misfit_mm", params.misfitMm());
        m.put("dark_z", params.darkZ());
        m.put("seed_z", params.seedZ());
        m.put("seed_wm_prior", params.seedWmPrior());
        m.put("seed_asymmetry_z", params.seedAsymmetryZ());
        m.put("grow_z", params.growZ());
        m.put("min_seed_fraction", params.minSeedFraction());
        m.put("min_seed_voxels", params.minSeedVoxels());
        m.put("sparse_growth_steps", params.sparseGrowthSteps());
        m.put("rim_z", params.rimZ());
        m.put("half_max_fraction", params.halfMaxFraction());
        m.put("min_lesion_voxels", params.minLesionVoxels());
        return m;
    }

    @Override
    public LesionSegmentation segment(SegmentationInput input, ExecutionContext ctx) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(ctx, "ctx");
        ScalarVolume flair = input.flair();
        TissuePriors pri = input.priors();
        ImageGeometry g = flair.geometry();
        int n = g.voxelCount();
        Map<String, Object> diag = new LinkedHashMap<>();
        ctx.progress().update(NAME, 0);

        RobustIntensity wm = RobustIntensity.of(flair, LesionMasks.tissue(pri, 0.8, 0.3, 0.2),
            "confident white-matter");
        Mask gmMask = LesionMasks.greyMatter(pri, 0.7, 0.2);
        double gmMode = gmMask.count() >= RobustIntensity.MIN_SAMPLES
            ? RobustIntensity.of(flair, gmMask, "confident grey-matter").mode() : wm.mode();
        double gmLift = Math.max(0, gmMode - wm.mode());
        double sd = Math.max(wm.sd(), params.minRelativeSd() * Math.abs(wm.mode()));
        diag.put("wm_mode", wm.mode());
        diag.put("wm_sd", wm.sd());
        diag.put("z_unit", sd);
        diag.put("gm_mode", gmMode);

        ScalarVolume gmNear = GreyMorphology.max(pri.gm(), params.misfitMm(), ctx);
        float[] z = new float[n];
        boolean[] dark = new boolean[n];
        double darkLevel = wm.mode() - params.darkZ() * sd;
        for (int i = 0; i < n; i++) {
            if (!pri.brain().get(i)) {
                z[i] = Float.NEGATIVE_INFINITY;
                dark[i] = true;
                continue;
            }
            double ref = wm.mode() + Math.min(1, Math.max(0, gmNear.get(i))) * gmLift;
            z[i] = (float) ((flair.get(i) - ref) / sd);
            dark[i] = flair.get(i) < darkLevel;
        }
        ctx.progress().update(NAME, 0.2);
        Mask nearDark = BinaryMorphology.dilate(Mask.of(g, dark), params.misfitMm(), ctx);
        ctx.progress().update(NAME, 0.4);
        float[] asym = asymmetry(flair, pri, sd, diag, ctx);
        ctx.progress().update(NAME, 0.6);

        boolean[] seeds = new boolean[n];
        boolean[] allowed = new boolean[n];
        int seedCount = 0;
        for (int i = 0; i < n; i++) {
            allowed[i] = z[i] > params.growZ();
            seeds[i] = z[i] > params.seedZ() && !nearDark.get(i) && pri.wm().get(i) > params.seedWmPrior()
                && asym[i] > params.seedAsymmetryZ();
            if (seeds[i]) {
                seedCount++;
            }
        }
        diag.put("seed_voxels", seedCount);
        boolean[] grown = gatedGrowth(seeds, allowed, g, diag);
        ctx.progress().update(NAME, 0.8);
        Mask bounded = boundary(Mask.of(g, grown), z, diag);
        Mask lesions = ConnectedComponents.withoutSmall(bounded, params.minLesionVoxels(), Connectivity.SIX);
        diag.put("lesion_voxels", lesions.count());
        ctx.progress().update(NAME, 1);
        return new LesionSegmentation(lesions, Optional.empty(), diag);
    }

    /**
     * (FLAIR − max FLAIR within misfit of the mirror point) / sd per voxel; +∞ where the mirror point is
     * outside the grid or the test is off.
     */
    private float[] asymmetry(ScalarVolume flair, TissuePriors pri, double sd, Map<String, Object> diag,
                              ExecutionContext ctx) {
        int n = flair.geometry().voxelCount();
        float[] out = new float[n];
        if (params.seedAsymmetryZ() == Double.NEGATIVE_INFINITY) {
            Arrays.fill(out, Float.POSITIVE_INFINITY);
            return out;
        }
        MidSagittalPlane plane = MidSagittalPlane.estimate(pri.wm(), pri.brain(), ctx);
        diag.put("midsagittal_normal", plane.normal());
        diag.put("midsagittal_offset_mm", plane.offsetMm());
        int[] mirror = plane.mirrorIndices(flair.geometry(), ctx);
        ScalarVolume contra = GreyMorphology.max(flair, params.misfitMm(), ctx);
        for (int i = 0; i < n; i++) {
            int j = mirror[i];
            out[i] = j < 0 ? Float.POSITIVE_INFINITY : (float) ((flair.get(i) - contra.get(j)) / sd);
        }
        return out;
    }

    /** Unbounded growth, cut back to a few steps around the seeds in components with too few seeds. */
    private boolean[] gatedGrowth(boolean[] seeds, boolean[] allowed, ImageGeometry g, Map<String, Object> diag) {
        boolean[] full = RegionGrowing.grow(seeds, allowed, g, RegionGrowing.UNBOUNDED);
        boolean[] near = RegionGrowing.grow(seeds, allowed, g, params.sparseGrowthSteps());
        Components c = ConnectedComponents.label(Mask.of(g, full), Connectivity.SIX);
        int[] seedsIn = new int[c.count() + 1];
        for (int i = 0; i < full.length; i++) {
            int l = c.labels().get(i);
            if (l > 0 && seeds[i]) {
                seedsIn[l]++;
            }
        }
        boolean[] dense = new boolean[c.count() + 1];
        int cut = 0;
        for (int l = 1; l <= c.count(); l++) {
            dense[l] = seedsIn[l] >= params.minSeedFraction() * c.voxelCount(l)
                || seedsIn[l] >= params.minSeedVoxels();
            if (!dense[l]) {
                cut++;
            }
        }
        diag.put("grown_components", c.count());
        int biggest = 0;
        for (int l = 1; l <= c.count(); l++) {
            if (biggest == 0 || c.voxelCount(l) > c.voxelCount(biggest)) {
                biggest = l;
            }
        }
        if (biggest > 0) {
            diag.put("largest_component_voxels", c.voxelCount(biggest));
            diag.put("largest_component_seed_fraction", seedsIn[biggest] / (double) c.voxelCount(biggest));
            diag.put("largest_component_seeds", seedsIn[biggest]);
        }
        diag.put("components_cut_back", cut);
        boolean[] out = new boolean[full.length];
        for (int i = 0; i < out.length; i++) {
            int l = c.labels().get(i);
            out[i] = l > 0 && (dense[l] || near[i]);
        }
        return out;
    }

    /** Per component: drop voxels below its half-maximum level, then add face neighbours above it once. */
    private Mask boundary(Mask grown, float[] z, Map<String, Object> diag) {
        ImageGeometry g = grown.geometry();
        Components c = ConnectedComponents.label(grown, Connectivity.SIX);
        int k = c.count();
        int[] labels = new int[g.voxelCount()];
        int[] start = new int[k + 2];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = c.labels().get(i);
            start[labels[i] + 1]++;
        }
        // z values grouped by component, to take each component's median
        for (int l = 1; l <= k + 1; l++) {
            start[l] += start[l - 1];
        }
        float[] byLabel = new float[start[k + 1]];
        int[] fill = start.clone();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] > 0) {
                byLabel[fill[labels[i]]++] = z[i];
            }
        }
        float[] level = new float[k + 1];
        for (int l = 1; l <= k; l++) {
            Arrays.sort(byLabel, start[l], start[l + 1]);
            int from = start[l];
            int size = start[l + 1] - from;
            double median = size % 2 == 1 ? byLabel[from + size / 2]
                : 0.5 * (byLabel[from + size / 2 - 1] + byLabel[from + size / 2]);
            level[l] = (float) Math.max(params.rimZ(), params.halfMaxFraction() * median);
        }
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int nxy = nx * ny;
        boolean[] out = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] > 0 && z[i] > level[labels[i]];
        }
        boolean[] kept = out.clone();
        int added = 0;
        for (int i = 0; i < labels.length; i++) {
            if (kept[i]) {
                continue;
            }
            int x = i % nx;
            int y = (i / nx) % ny;
            int zz = i / nxy;
            float best = Float.POSITIVE_INFINITY;
            // the lowest level among the kept neighbours' components decides
            if (x > 0 && kept[i - 1]) {
                best = Math.min(best, level[labels[i - 1]]);
            }
            if (x < nx - 1 && kept[i + 1]) {
                best = Math.min(best, level[labels[i + 1]]);
            }
            if (y > 0 && kept[i - nx]) {
                best = Math.min(best, level[labels[i - nx]]);
            }
            if (y < ny - 1 && kept[i + nx]) {
                best = Math.min(best, level[labels[i + nx]]);
            }
            if (zz > 0 && kept[i - nxy]) {
                best = Math.min(best, level[labels[i - nxy]]);
            }
            if (zz < nz - 1 && kept[i + nxy]) {
                best = Math.min(best, level[labels[i + nxy]]);
            }
            if (z[i] > best) {
                out[i] = true;
                added++;
            }
        }
        diag.put("rim_voxels_added", added);
        return Mask.of(g, out);
    }
}

package org.plaque.testkit.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Generates a seeded synthetic head: FLAIR, T1 and T2 of an analytic brain with MS-like lesions at known
 * sites, plus every truth needed by known-answer tests (lesion mask and list, tissue fractions, brain mask,
 * bias field, subject-to-atlas affine, lesion-free atlas).
 *
 * <p>The anatomy (see {@code HeadAnatomy}) is defined analytically in atlas world space; the subject is the
 * same anatomy moved by a seeded affine ("misposition"). Each subject voxel centre is mapped into the atlas
 * and the anatomy evaluated there; voxels at tissue boundaries are supersampled 3 × 3 × 3 (lesions 4 × 4 × 4)
 * so edges carry partial volume. Lesions replace the tissue they cover with a soft-edged contrast; then the
 * bias field multiplies the images and Rician noise is added.
 *
 * <p>Both grids are axis-aligned RAS grids covering x ∈ [−90, 90], y ∈ [−126, 90], z ∈ [−72, 108] mm (the
 * MNI-152 field of view) at {@link PhantomParams#spacingMm()}; the default 1.5 mm gives 120 × 144 × 120
 * voxels. Output is bit-identical for identical parameters, whatever the thread count.
 *
 * <p>Failure: {@link org.plaque.InvalidInputException} when the lesions cannot be placed (too many for the
 * spacing).
 */
public final class HeadPhantom {
    /** Field of view, RAS+ mm: {xmin, xmax, ymin, ymax, zmin, zmax}. */
    private static final double[] FOV_MM = {-90, 90, -126, 90, -72, 108};

    private HeadPhantom() {
    }

    /** Generates a phantom using all available processors. */
    public static PhantomCase generate(PhantomParams params) {
        try (ExecutionContext ctx = ExecutionContext.of(Runtime.getRuntime().availableProcessors(), params.seed(),
            ProgressListener.NONE)) {
            return generate(params, ctx);
        }
    }

    /**
     * Generates a phantom with the threads and progress listener of {@code ctx}; the seed comes from
     * {@code params}, not from the context.
     */
    public static PhantomCase generate(PhantomParams params, ExecutionContext ctx) {
        long seed = params.seed();
        ImageGeometry grid = grid(params.spacingMm());
        HeadAnatomy anatomy = new HeadAnatomy(Seeds.stream(seed, Seeds.FOLDING));
        Affine atlasToSubject = params.misposition()
            ? Misposition.atlasToSubject(Seeds.stream(seed, Seeds.MISPOSITION)) : Affine.identity();
        Affine subjectToAtlas = params.misposition() ? atlasToSubject.inverse() : Affine.identity();

        ctx.progress().update("phantom: lesions", 0);
        List<LesionPlacer.Placed> placed = new LesionPlacer(anatomy, atlasToSubject, grid, params.spacingMm(),
            Seeds.stream(seed, Seeds.LESIONS)).place(params.lesionCount());

        ctx.progress().update("phantom: subject anatomy", 0.1);
        TissueSampler.Maps subject = TissueSampler.sample(anatomy, grid,
            subjectToAtlas.multiply(grid.voxelToWorld()), ctx);
        ctx.progress().update("phantom: atlas", 0.5);
        TissueSampler.Maps atlasMaps = params.misposition()
            ? TissueSampler.sample(anatomy, grid, grid.voxelToWorld(), ctx) : subject;
        PhantomAtlas atlas = new PhantomAtlas(
            ScalarVolume.of(grid, atlasMaps.signal[1]),
            ScalarVolume.of(grid, atlasMaps.wm),
            ScalarVolume.of(grid, atlasMaps.gm),
            ScalarVolume.of(grid, atlasMaps.csf),
            mask(grid, atlasMaps.brain));

        ctx.progress().update("phantom: contrasts", 0.9);
        int n = grid.voxelCount();
        float[][] signal = new float[3][];
        for (int c = 0; c < 3; c++) {
            signal[c] = Arrays.copyOf(subject.signal[c], n);
        }
        float[] lesionFraction = new float[n];
        int[] labels = new int[n];
        List<PhantomLesion> lesions = new ArrayList<>(placed.size());
        for (int id = 1; id <= placed.size(); id++) {
            LesionPlacer.Placed p = placed.get(id - 1);
            paint(grid, p, id, signal, lesionFraction, labels);
            LesionShape s = p.shape();
            double[] semi = s.semi.clone();
            Arrays.sort(semi);
            double[] major = {semi[2], semi[1], semi[0]};
            lesions.add(new PhantomLesion(id, s.site, new double[] {s.cx, s.cy, s.cz}, major,
                p.raster().voxels, p.raster().voxels * grid.voxelVolumeMm3()));
        }

        ScalarVolume bias = null;
        if (params.biasField()) {
            float[] field = BiasFieldModel.field(grid, subject.brain, subject.head, Seeds.stream(seed, Seeds.BIAS));
            for (float[] s : signal) {
                for (int i = 0; i < n; i++) {
                    s[i] *= field[i];
                }
            }
            bias = ScalarVolume.of(grid, field);
        }
        if (params.noiseSigma() > 0) {
            long noiseSeed = Seeds.mix(seed, Seeds.NOISE);
            for (int c = 0; c < 3; c++) {
                RicianNoise.apply(signal[c], grid.nx() * grid.ny(), grid.nz(),
                    params.noiseSigma() * Tissue.WM_SCALE[c], noiseSeed, c, ctx);
            }
        }

        boolean[] lesionMask = new boolean[n];
        for (int i = 0; i < n; i++) {
            lesionMask[i] = labels[i] != 0;
        }
        PhantomTissues tissues = new PhantomTissues(ScalarVolume.of(grid, subject.wm),
            ScalarVolume.of(grid, subject.gm), ScalarVolume.of(grid, subject.csf),
            ScalarVolume.of(grid, lesionFraction));
        ctx.progress().update("phantom", 1);
        return new PhantomCase(params,
            ScalarVolume.of(grid, signal[0]), ScalarVolume.of(grid, signal[1]), ScalarVolume.of(grid, signal[2]),
            Mask.of(grid, lesionMask), lesions, bias, subjectToAtlas, mask(grid, subject.brain), atlas,
            LabelVolume.of(grid, labels), tissues);
    }

    /** The phantom grid at {@code spacingMm}: axis-aligned RAS, centred on the field of view. */
    public static ImageGeometry grid(double spacingMm) {
        int[] size = new int[3];
        double[] origin = new double[3];
        for (int d = 0; d < 3; d++) {
            double lo = FOV_MM[2 * d];
            double hi = FOV_MM[2 * d + 1];
            size[d] = (int) Math.ceil((hi - lo) / spacingMm - 1e-9);
            origin[d] = (lo + hi) / 2 - (size[d] - 1) * spacingMm / 2;
        }
        return ImageGeometry.axisAligned(size[0], size[1], size[2],
            new double[] {spacingMm, spacingMm, spacingMm}, origin);
    }

    /** Blends one lesion into the contrasts and records its occupancy and label. */
    private static void paint(ImageGeometry grid, LesionPlacer.Placed p, int id, float[][] signal,
                              float[] lesionFraction, int[] labels) {
        LesionShape s = p.shape();
        LesionRaster r = p.raster();
        // FLAIR 1.6–2.0 × WM, T1 0.8–0.6 × WM, T2 1.8–2.6 × WM: one strength, as destructive lesions are both
        // brighter on T2/FLAIR and darker on T1.
        float[] value = {
            (float) ((1.6 + 0.4 * s.strength) * Tissue.WM_FLAIR),
            (float) ((0.8 - 0.2 * s.strength) * Tissue.WM_T1),
            (float) ((1.8 + 0.8 * s.strength) * Tissue.WM_T2)};
        int b = 0;
        for (int k = 0; k < r.nk; k++) {
            for (int j = 0; j < r.nj; j++) {
                for (int i = 0; i < r.ni; i++, b++) {
                    int idx = grid.index(r.i0 + i, r.j0 + j, r.k0 + k);
                    float w = r.weight[b];
                    if (w > 0) {
                        for (int c = 0; c < 3; c++) {
                            signal[c][idx] = (1 - w) * signal[c][idx] + w * value[c];
                        }
                    }
                    lesionFraction[idx] += LesionRaster.fraction(r.inside[b]);
                    if (LesionRaster.inMask(r.inside[b])) {
                        labels[idx] = id;
                    }
                }
            }
        }
    }

    private static Mask mask(ImageGeometry grid, float[] fraction) {
        Mask.Builder b = Mask.builder(grid);
        boolean[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            a[i] = fraction[i] >= 0.5f;
        }
        return b.build();
    }
}
